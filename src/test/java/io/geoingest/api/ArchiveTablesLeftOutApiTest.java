package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive of more than 10 importable files imports the first 10 (the seed's limit) and names
 * the others in the warning tables_left_out (the first 20) with tables_left_out_count (all).
 */
class ArchiveTablesLeftOutApiTest extends ApiTestSupport {
    @TempDir
    Path dir;

    private static byte[] csv(int i) {
        return ("name,value\nrow" + i + "," + i + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(String prefix, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add(String.format("%s_%04d.csv", prefix, i));
        }
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aZipOfAThousandCsvsNamesTheNineHundredNinetyLeftOut() throws Exception {
        String prefix = unique("many");
        Path zip = dir.resolve(prefix + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            // Written in reverse order: the first 10 by name are kept whatever the order.
            List<String> all = names(prefix, 0, 1000);
            for (int i = all.size() - 1; i >= 0; i--) {
                out.putNextEntry(new ZipEntry("data/" + all.get(i)));
                out.write(csv(i));
                out.closeEntry();
            }
        }
        JsonNode r = assertComplete(importFile(ALICE_KEY, zip, null));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(10);
        JsonNode warnings = r.get("warnings");
        assertThat(texts(warnings.get("tables_left_out"))).containsExactlyElementsOf(names(prefix, 10, 30));
        assertThat(warnings.get("tables_left_out_count").asInt()).isEqualTo(990);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename LIKE '" + prefix
                + "%'")).isEqualTo(10L);
    }

    @Test
    void aTarGzOfTwelveCsvsNamesTheTwoLeftOut() throws Exception {
        String prefix = unique("tgz");
        Path tgz = dir.resolve(prefix + ".tgz");
        try (OutputStream file = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            List<String> all = names(prefix, 0, 12);
            for (int i = all.size() - 1; i >= 0; i--) {
                byte[] data = csv(i);
                TarArchiveEntry entry = new TarArchiveEntry(all.get(i));
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        JsonNode r = assertComplete(importFile(ALICE_KEY, tgz, null));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(10);
        assertThat(texts(r.get("warnings").get("tables_left_out"))).containsExactlyElementsOf(names(prefix, 10, 12));
        assertThat(r.get("warnings").get("tables_left_out_count").asInt()).isEqualTo(2);
    }

    @Test
    void aZipOfTenCsvsLeavesNothingOut() throws Exception {
        String prefix = unique("ten");
        Path zip = dir.resolve(prefix + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : names(prefix, 0, 10)) {
                out.putNextEntry(new ZipEntry(name));
                out.write(csv(1));
                out.closeEntry();
            }
        }
        JsonNode r = assertComplete(importFile(ALICE_KEY, zip, null));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(10);
        assertThat(r.path("warnings").path("tables_left_out").isMissingNode()).isTrue();
    }
}
