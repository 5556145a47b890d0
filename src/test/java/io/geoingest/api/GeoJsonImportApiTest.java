package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoJSON uploads whose column types the first features (geoingest.imports.profile-sample,
 * 100 in the tests) do not tell: the load starts over in the same staging table's place, and
 * the table is the one the whole file needs.
 */
class GeoJsonImportApiTest extends ApiTestSupport {
    private static final int FEATURES = 3000;

    @TempDir
    Path dir;

    /** {@code FEATURES} points; from feature {@code from} on, {@code late} is added to the properties. */
    private Path points(String name, int from, String late, String end) throws IOException {
        Path file = dir.resolve(name + ".geojson");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\": \"FeatureCollection\", \"features\": [\n");
            for (int i = 1; i <= FEATURES; i++) {
                w.write((i > 1 ? ",\n" : "") + "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": ["
                        + (i % 360 - 180) + ", " + (i % 180 - 90) + "]}, \"properties\": {\"n\": " + i + ", \"name\": \"p"
                        + i + "\"" + (i >= from ? ", " + late : "") + "}}");
            }
            w.write(end);
        }
        return file;
    }

    @Test
    void aLoadThatOutgrowsItsGuessedColumnsStartsOverAndKeepsEveryRowOnce() throws Exception {
        String name = unique("outgrown");
        // Two batches of 1000 rows have gone to the COPY when feature 2500 needs a new column
        // and a wider type.
        Path file = points(name, 2500, "\"n\": 5000000000.5, \"late\": true", "]}\n");

        JsonNode r = assertComplete(importFile(ALICE_KEY, file, null));

        assertThat(columns("alice", name)).containsEntry("n", "double precision").containsEntry("late", "boolean")
                .containsEntry("name", "text");
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo((long) FEATURES);
        assertThat(scalar("SELECT count(DISTINCT cartodb_id) FROM alice." + name + " WHERE cartodb_id BETWEEN 1 AND "
                + FEATURES)).isEqualTo((long) FEATURES);
        assertThat(scalar("SELECT count(*) FROM alice." + name + " WHERE late")).isEqualTo((long) FEATURES - 2499);
        assertThat(scalar("SELECT n FROM alice." + name + " WHERE name = 'p1'")).isEqualTo(1.0);
        assertThat(scalar("SELECT count(*) FROM alice." + name + " WHERE the_geom_webmercator IS NULL")).isEqualTo(0L);
        assertThat(r.get("progress").get("rows").asLong()).isEqualTo(FEATURES);
        // The table made again after the rollback is the account's too.
        assertThat(scalar("SELECT tableowner FROM pg_tables WHERE schemaname = 'alice' AND tablename = '" + name + "'"))
                .isEqualTo("geoingest_alice");
        assertNoStagingTables("alice");
    }

    @Test
    void anErrorPastTheGuessFailsTheLoadWith3007AndLeavesNothing() throws Exception {
        String name = unique("cut");
        Path file = points(name, FEATURES + 1, "", ",\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\"");

        JsonNode r = assertFailure(importFile(ALICE_KEY, file, null), 3007);

        assertThat(r.get("get_error_text").get("what_about").asText()).contains("line " + (FEATURES + 2));
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename = '" + name + "'"))
                .isEqualTo(0L);
        assertNoStagingTables("alice");
    }
}
