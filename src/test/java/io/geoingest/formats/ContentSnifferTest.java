package io.geoingest.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.DataFile;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSnifferTest {
    @TempDir
    Path dir;

    private String sniff(String content) throws Exception {
        Path f = dir.resolve("noext");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return ContentSniffer.extensionOf(new DataFile(f, "noext")).orElse("?");
    }

    @Test
    void recognisesTextFormats() throws Exception {
        assertThat(sniff("\uFEFF  {\"type\": \"FeatureCollection\"}")).isEqualTo("geojson");
        assertThat(sniff("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">")).isEqualTo("kml");
        assertThat(sniff("<?xml version=\"1.0\"?><gpx version=\"1.1\">")).isEqualTo("gpx");
        assertThat(sniff("<?xml version='1.0'?><osm version=\"0.6\">")).isEqualTo("osm");
        assertThat(sniff("a,b\n1,2\n")).isEqualTo("csv");
        assertThat(sniff("<html><body>")).isEqualTo("?");
        assertThat(sniff("")).isEqualTo("?");
    }

    @Test
    void recognisesBinaryFormats() throws Exception {
        Path xlsx = dir.resolve("book");
        try (OutputStream out = Files.newOutputStream(xlsx); Workbook wb = new Workbook(out, "test", "1.0")) {
            Worksheet sheet = wb.newWorksheet("first");
            sheet.value(0, 0, "name");
            sheet.value(1, 0, "x");
        }
        assertThat(ContentSniffer.extensionOf(new DataFile(xlsx, "book"))).contains("xlsx");
        Path zip = dir.resolve("archive");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("csv_1.csv"));
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("csv_2.csv"));
            out.write("c\n3\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ContentSniffer.extensionOf(new DataFile(zip, "archive"))).contains("zip");
        Path binary = dir.resolve("blob");
        Files.write(binary, new byte[] {1, 0, 2, 0});
        assertThat(ContentSniffer.extensionOf(new DataFile(binary, "blob"))).isEmpty();
    }

    @Test
    void theResolverReadsExtensionlessTextAsCsvAndRefusesTheRest() throws Exception {
        FormatResolver resolver = new FormatResolver();
        Path text = dir.resolve("data");
        Files.writeString(text, "a,b\n1,2\n");
        assertThat(resolver.format(new DataFile(text, "data"))).isEqualTo("csv");
        Path binary = dir.resolve("blob.bin");
        Files.write(binary, new byte[] {1, 0, 2, 0});
        assertThatThrownBy(() -> resolver.format(new DataFile(binary, "blob.bin")))
                .hasMessageContaining("Unsupported file type");
    }
}
