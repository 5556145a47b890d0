package io.geoingest.formats.gdal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Ogr2ogrTest {

    @Test
    void masksTheWorkingDirectoryAndOtherAbsolutePaths() {
        Path dir = Path.of("/var/tmp/geoingest/1234");

        String masked = Ogr2ogr.mask("ERROR 1: /var/tmp/geoingest/1234/a.shp: bad; "
                + "ERROR 4: cannot open /usr/share/gdal/header.dxf in ./x.shp", dir);

        assertThat(masked).isEqualTo("ERROR 1: ./a.shp: bad; ERROR 4: cannot open <path> in ./x.shp");
    }
}
