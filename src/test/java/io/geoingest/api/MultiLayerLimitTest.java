package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One import creates at most 10 tables (the seed's limit); the rest are named in a warning. */
class MultiLayerLimitTest extends ApiTestSupport {
    @TempDir
    Path dir;

    @Test
    void aKmlOfTwelveFoldersGivesTenTables() throws Exception {
        String prefix = unique("layer");
        StringBuilder kml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>");
        for (int i = 0; i < 12; i++) {
            kml.append("<Folder><name>").append(prefix).append(String.format("_%02d", i)).append("</name>")
                    .append("<Placemark><name>p").append(i).append("</name><Point><coordinates>")
                    .append(i).append(",40</coordinates></Point></Placemark></Folder>");
        }
        kml.append("</Document></kml>");
        Path file = dir.resolve(prefix + ".kml");
        Files.writeString(file, kml);

        JsonNode r = assertComplete(importFile(ALICE_KEY, file, null));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(10);
        assertThat(r.get("warnings").get("tables_left_out")).hasSize(2);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename LIKE '" + prefix
                + "%'")).isEqualTo(10L);
        assertNoStagingTables("alice");
    }
}
