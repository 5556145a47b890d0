package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;

/** Importing a name that is taken, under each collision_strategy; and the SDK's dataset calls. */
class CollisionAndDatasetsTest extends ApiTestSupport {
    @TempDir
    Path dir;

    @Test
    void takenNamesAreRenamedSkippedOrOverwritten() throws Exception {
        String name = unique("dup");
        Path v1 = dir.resolve("v1").resolve(name + ".csv");
        Files.createDirectories(v1.getParent());
        Files.writeString(v1, "a,b\n1,x\n");
        Path v2 = dir.resolve("v2").resolve(name + ".csv");
        Files.createDirectories(v2.getParent());
        Files.writeString(v2, "a,b\n2,y\n3,z\n");

        assertThat(assertComplete(importFile(ALICE_KEY, v1, null)).get("table_name").asText()).isEqualTo(name);
        assertThat(assertComplete(importFile(ALICE_KEY, v2, null)).get("table_name").asText()).isEqualTo(name + "_1");

        JsonNode skipped = assertComplete(importFile(ALICE_KEY, v2, "collision_strategy=skip"));
        assertThat(skipped.get("tables_created_count").asInt()).isZero();
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(1L);

        JsonNode overwritten = assertComplete(importFile(ALICE_KEY, v2, "collision_strategy=overwrite"));
        assertThat(overwritten.get("table_name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(2L);

        Path incompatible = dir.resolve("v3").resolve(name + ".csv");
        Files.createDirectories(incompatible.getParent());
        Files.writeString(incompatible, "a,c\nnot a number,1\n");
        assertFailure(importFile(ALICE_KEY, incompatible, "collision_strategy=overwrite"), 2012);
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(2L);
        assertNoStagingTables("alice");
    }

    @Test
    void sdkReadsTheDatasetThenDeletesIt() throws Exception {
        String name = unique("viz");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "a\n1\n");
        JsonNode done = assertComplete(importFile(ALICE_KEY, csv, null));

        JsonNode table = get("/api/v1/tables/" + done.get("table_id").asText() + "?api_key=" + ALICE_KEY).getBody();
        assertThat(table.get("name").asText()).isEqualTo(name);
        String vizId = table.get("table_visualization").get("id").asText();

        JsonNode viz = get("/user/alice/api/v1/viz/" + vizId + "?api_key=" + ALICE_KEY).getBody();
        assertThat(viz.get("type").asText()).isEqualTo("table");
        assertThat(viz.get("privacy").asText()).isEqualTo("PRIVATE");
        assertThat(viz.get("table").get("name").asText()).isEqualTo(name);
        assertThat(viz.get("dependent_visualizations_count").isInt()).isTrue();
        assertThat(viz.get("stats").isArray()).isTrue();
        assertThat(viz.get("related_tables").isArray()).isTrue();

        assertThat(http.exchange(url("/api/v1/viz/" + vizId + "?api_key=" + BOB_KEY), HttpMethod.DELETE, null,
                JsonNode.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.exchange(url("/api/v1/viz/" + vizId + "?api_key=" + ALICE_KEY), HttpMethod.DELETE, null,
                JsonNode.class).getStatusCode().value()).isEqualTo(204);
        assertThat(get("/api/v1/viz/" + vizId + "?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(404);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename = '" + name + "'"))
                .isEqualTo(0L);
    }
}
