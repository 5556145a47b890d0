package io.geoingest.formats.gdal;

import static io.geoingest.formats.gdal.GdalFiles.assertFails;
import static io.geoingest.formats.gdal.GdalFiles.format;
import static io.geoingest.formats.gdal.GdalFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.gdal.GdalFiles.Table;
import io.geoingest.kernel.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OSM extracts: at most geoingest.imports.max-osm-nodes nodes (1007). */
class GdalOsmTest {
    /** Three nodes, one of them a tagged point, and a way over the other two. */
    static final String THREE_NODES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n"
            + "<node id=\"1\" lat=\"40.0\" lon=\"-3.0\"><tag k=\"amenity\" v=\"cafe\"/><tag k=\"name\" v=\"Sol\"/></node>\n"
            + "<node id=\"2\" lat=\"40.1\" lon=\"-3.1\"/>\n"
            + "<node id=\"3\" lat=\"40.2\" lon=\"-3.2\"/>\n"
            + "<way id=\"10\"><nd ref=\"2\"/><nd ref=\"3\"/><tag k=\"highway\" v=\"residential\"/></way>\n"
            + "</osm>\n";

    @TempDir
    Path dir;

    @Test
    void anExtractWithinTheLimitIsRead() throws IOException {
        Path osm = Files.writeString(dir.resolve("town.osm"), THREE_NODES);

        List<Table> tables = read(format("ogr2ogr", 3), new DataFile(osm, "town.osm"));

        assertThat(tables).extracting(Table::name).contains("town_points", "town_lines");
    }

    @Test
    void moreNodesThanTheLimitFail1007() throws IOException {
        Path osm = Files.writeString(dir.resolve("town.osm"), THREE_NODES);

        assertFails(format("ogr2ogr", 2), new DataFile(osm, "town.osm"), ErrorCode.TOO_MANY_NODES)
                .hasMessageContaining("more than 2 nodes").hasMessageContaining("geoingest.imports.max-osm-nodes");
    }
}
