package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/** An OSM extract with more nodes than geoingest.imports.max-osm-nodes (3 here) fails with 1007. */
@TestPropertySource(properties = "geoingest.imports.max-osm-nodes=3")
class OsmNodeLimitApiTest extends ApiTestSupport {
    @TempDir
    Path dir;

    private Path osm(String stem, int nodes) throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n"
                + "<node id=\"1\" lat=\"40.0\" lon=\"-3.0\"><tag k=\"amenity\" v=\"cafe\"/></node>\n");
        for (int i = 2; i <= nodes; i++) {
            xml.append("<node id=\"").append(i).append("\" lat=\"40.").append(i).append("\" lon=\"-3.").append(i)
                    .append("\"/>\n");
        }
        xml.append("<way id=\"100\"><nd ref=\"2\"/><nd ref=\"3\"/><tag k=\"highway\" v=\"residential\"/></way>\n</osm>\n");
        return Files.writeString(dir.resolve(stem + ".osm"), xml);
    }

    @Test
    void anExtractWithinTheLimitImports() throws Exception {
        String stem = unique("town");

        JsonNode r = assertComplete(importFile(ALICE_KEY, osm(stem, 3), null));

        assertThat(r.get("tables_created_count").asInt()).isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM alice." + stem + "_points")).isEqualTo(1L);
        assertThat(scalar("SELECT count(*) FROM alice." + stem + "_lines")).isEqualTo(1L);
    }

    @Test
    void oneNodeMoreFails1007AndLeavesNothing() throws Exception {
        String stem = unique("city");

        JsonNode r = assertFailure(importFile(ALICE_KEY, osm(stem, 4), null), 1007);

        assertThat(r.get("get_error_text").toString()).contains("nodes");
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename LIKE '" + stem + "%'"))
                .isEqualTo(0L);
        assertNoStagingTables("alice");
    }
}
