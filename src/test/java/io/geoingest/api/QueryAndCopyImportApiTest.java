package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.geoingest.sql.QueryImports;
import org.springframework.http.ResponseEntity;

/**
 * The Import API's {@code sql} (a query over the account's tables becomes a new table) and
 * {@code table_name} + {@code table_copy} (a copy of one of them), and every way they are refused.
 */
class QueryAndCopyImportApiTest extends ApiTestSupport {
    private static String source;
    private static String bobs;

    /** Alice's and Bob's tables, imported once (not in @BeforeAll: the routes start with the first test). */
    @BeforeEach
    void sourceTables() throws Exception {
        if (source != null) {
            return;
        }
        Path dir = Files.createTempDirectory("query-import");
        source = unique("cities");
        bobs = unique("bobs_secret");
        assertComplete(importFile(ALICE_KEY, csv(dir, source,
                "name,pop,lat,lon\nMadrid,3300,40.4,-3.7\nParis,2100,48.85,2.35\nVigo,290,42.2,-8.7\n"), null));
        assertComplete(importFile(BOB_KEY, csv(dir, bobs, "secret,lat,lon\nhidden,1,2\n"), null));
    }

    private static Path csv(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, text);
        return file;
    }

    private JsonNode importJson(String key, Map<String, Object> params) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(params);
        body.put("api_key", key);
        return awaitFinal(key, queued(postJson("/api/v1/imports", body)));
    }

    private JsonNode sql(String sql, String tableName) throws InterruptedException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sql", sql);
        if (tableName != null) {
            p.put("table_name", tableName);
        }
        return importJson(ALICE_KEY, p);
    }

    private static void assertCartodbfied(String table) throws Exception {
        Map<String, String> cols = columns("alice", table);
        assertThat(cols).containsEntry("cartodb_id", "bigint")
                .containsEntry("the_geom", "geometry(Geometry,4326)")
                .containsEntry("the_geom_webmercator", "geometry(Geometry,3857)");
        List<Map<String, Object>> idx = rows("SELECT indexdef FROM pg_indexes WHERE schemaname = 'alice' AND tablename = '"
                + table + "'");
        assertThat(idx.stream().map(r -> (String) r.get("indexdef")).toList())
                .anyMatch(d -> d.contains("gist (the_geom)"))
                .anyMatch(d -> d.contains("gist (the_geom_webmercator)"))
                .anyMatch(d -> d.contains("UNIQUE") && d.contains("(cartodb_id)"));
        assertThat(scalar("SELECT count(*) FROM alice." + table + " WHERE the_geom IS NOT NULL"
                + " AND ST_SRID(the_geom_webmercator) = 3857")).isEqualTo(scalar("SELECT count(*) FROM alice." + table));
    }

    private void assertSourceIntact() throws Exception {
        assertThat(scalar("SELECT count(*) FROM alice." + source)).isEqualTo(3L);
        assertThat(scalar("SELECT count(*) FROM bob." + bobs)).isEqualTo(1L);
    }

    private static void assertNoTable(String table) throws Exception {
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'")).isEqualTo(0L);
    }

    // ------------------------------------------------------------------ sql

    @Test
    void aQueryBecomesACartodbfiedTableNamedByTableName() throws Exception {
        String name = unique("big_cities");
        JsonNode r = assertComplete(sql("SELECT name, pop * 1000 AS people, the_geom FROM " + source
                + " WHERE pop > 1000 ORDER BY pop;", name));
        assertThat(r.get("data_type").asText()).isEqualTo("query");
        assertThat(r.get("table_name").asText()).isEqualTo(name);
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        assertThat(rows("SELECT name, people FROM alice." + name + " ORDER BY cartodb_id"))
                .extracting(m -> m.get("name")).containsExactly("Paris", "Madrid");
        assertCartodbfied(name);
        assertThat(scalar("SELECT ST_AsText(the_geom) FROM alice." + name + " WHERE name = 'Paris'"))
                .isEqualTo("POINT(2.35 48.85)");
        assertThat(scalar("SELECT count(*) FROM geoingest.datasets WHERE username = 'alice' AND table_name = '" + name + "'"))
                .isEqualTo(1L);
        // Its own cartodb_id sequence: new rows get new ids.
        assertThat(scalar("SELECT pg_get_serial_sequence('alice." + name + "', 'cartodb_id')")).isNotNull();
    }

    @Test
    void withoutTableNameTheQuerysFirstTableNamesItFollowingTheCollisionRules() throws Exception {
        JsonNode r = assertComplete(sql("SELECT c.* FROM alice.\"" + source + "\" AS c", null));
        assertThat(r.get("table_name").asText()).startsWith(source + "_");
        assertCartodbfied(r.get("table_name").asText());
        assertThat(scalar("SELECT count(*) FROM alice." + r.get("table_name").asText())).isEqualTo(3L);
        // A copy of cartodbfied rows keeps their ids, and the_geom_webmercator is derived again, not doubled.
        assertThat(columns("alice", r.get("table_name").asText()).keySet())
                .containsExactly("cartodb_id", "the_geom", "the_geom_webmercator", "name", "pop", "lat", "lon");
        assertThat(QueryImports.firstTable(io.geoingest.sql.SqlTokens.single(
                "SELECT extract(year FROM now()), x FROM (SELECT 1) s, Other.\"My Table\"").tokens())).isEmpty();
        assertThat(QueryImports.firstTable(io.geoingest.sql.SqlTokens.single(
                "SELECT extract(year FROM now()) FROM Other.\"My Table\"").tokens())).contains("My Table");
        assertThat(QueryImports.firstTable(io.geoingest.sql.SqlTokens.single("SELECT 1").tokens())).isEmpty();
    }

    @Test
    void aQueryReadingNoTableIsUntitledAndOneReturningNothingFailsWith1015() throws Exception {
        JsonNode untitled = assertComplete(sql("SELECT 'x' AS label, ST_SetSRID(ST_MakePoint(1, 2), 4326) AS the_geom", null));
        assertThat(untitled.get("table_name").asText()).startsWith("untitled_table");

        String name = unique("nothing");
        assertFailure(sql("SELECT * FROM " + source + " WHERE pop < 0", name), 1015);
        assertNoTable(name);
        assertNoStagingTables("alice");
    }

    @Test
    void whatCannotBeTurnedIntoATableFailsWith8003AndWritesNothing() throws Exception {
        for (String hostile : List.of(
                "SELECT 1 AS a; DROP TABLE " + source,
                "SELECT 1; SELECT 2",
                "DELETE FROM " + source,
                "INSERT INTO " + source + " (name) VALUES ('x') RETURNING *",
                "UPDATE " + source + " SET pop = 0 RETURNING *",
                "WITH gone AS (DELETE FROM " + source + " RETURNING *) SELECT * FROM gone",
                "DROP TABLE " + source,
                "CREATE TABLE alice.sneaky AS SELECT 1",
                "SELECT * FROM bob." + bobs,
                "SELECT * FROM geoingest.imports",
                "SELECT * FROM pg_authid",
                "SELECT pg_read_file('/etc/passwd') AS the_file",
                "SELECT * FROM " + source + "\"; DROP TABLE " + source + "; --",
                "SELECT 1 AS a, 2 AS a",
                "SELECT FROM WHERE",
                "SELECT nextval('alice." + source + "_cartodb_id_seq') AS n",
                "")) {
            String name = unique("refused");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("sql", hostile.isEmpty() ? " ; " : hostile);
            p.put("table_name", name);
            JsonNode r = importJson(ALICE_KEY, p);
            assertFailure(r, 8003);
            assertThat(r.get("data_type").asText()).isEqualTo("query");
            assertThat(r.get("tables_created_count").isNull()).isTrue();
            assertNoTable(name);
        }
        assertNoTable("sneaky");
        assertSourceIntact();
        assertNoStagingTables("alice");
    }

    @Test
    void anotherAccountsTablesAreRefusedEvenWhenNamedFromItsOwnSchema() throws Exception {
        // Bob cannot read Alice's table with his own key.
        String name = unique("stolen");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sql", "SELECT * FROM alice." + source);
        p.put("table_name", name);
        assertFailure(importJson(BOB_KEY, p), 8003);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'bob' AND tablename = '" + name + "'"))
                .isEqualTo(0L);
        assertNoStagingTables("bob");
    }

    // ------------------------------------------------------------------ table_copy

    @Test
    void tableCopyDuplicatesATableWithItsOwnSequenceGeometriesAndIndexes() throws Exception {
        String name = unique("copy");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(http.postForEntity(url("/api/v1/imports?api_key="
                + ALICE_KEY + "&table_copy=" + source + "&table_name=" + name), null, JsonNode.class))));
        assertThat(r.get("data_type").asText()).isEqualTo("table");
        assertThat(r.get("table_name").asText()).isEqualTo(name);
        assertCartodbfied(name);
        assertThat(columns("alice", name)).isEqualTo(columns("alice", source));
        assertThat(scalar("SELECT count(*) FROM alice." + name + " c JOIN alice." + source + " s USING (cartodb_id)"
                + " WHERE ST_Equals(c.the_geom, s.the_geom) AND c.name = s.name AND c.pop = s.pop")).isEqualTo(3L);
        Object copySeq = scalar("SELECT pg_get_serial_sequence('alice." + name + "', 'cartodb_id')");
        Object sourceSeq = scalar("SELECT pg_get_serial_sequence('alice." + source + "', 'cartodb_id')");
        assertThat(copySeq).isNotNull().isNotEqualTo(sourceSeq);
        assertThat(scalar("SELECT nextval('" + copySeq + "')")).isEqualTo(4L);
        assertSourceIntact();
    }

    @Test
    void tableCopyWithoutTableNameFollowsTheNamingRules() throws Exception {
        JsonNode r = assertComplete(importJson(ALICE_KEY, Map.of("table_copy", source)));
        assertThat(r.get("table_name").asText()).matches(source + "_\\d+");
        assertThat(scalar("SELECT count(*) FROM alice." + r.get("table_name").asText())).isEqualTo(3L);

        // A hostile table_name is only a name: normalised, never run.
        JsonNode evil = assertComplete(importJson(ALICE_KEY, Map.of("table_copy", source,
                "table_name", "Evil\"; DROP TABLE " + source + "; --")));
        assertThat(evil.get("table_name").asText()).matches("evil_drop_table_" + source + "[_0-9]*");
        assertSourceIntact();
    }

    @Test
    void aMissingOrForeignTableToCopyFailsWith1011AndWritesNothing() throws Exception {
        for (String missing : List.of(unique("no_such_table"), "bob." + bobs, bobs,
                source + "\"; DROP TABLE " + source + "; --", "pg_authid", "geoingest.imports", "../" + source)) {
            String name = unique("copy_refused");
            JsonNode r = importJson(ALICE_KEY, Map.of("table_copy", missing, "table_name", name));
            assertFailure(r, 1011);
            assertThat(r.get("tables_created_count").isNull()).isTrue();
            assertNoTable(name);
        }
        assertSourceIntact();
        assertNoStagingTables("alice");
    }

    // ------------------------------------------------------------------ wrong parameters

    @Test
    void sqlAndTableCopyDoNotMixWithAFile() throws Exception {
        Path file = csv(Files.createTempDirectory("query-mix"), unique("mixed"), "a\n1\n");
        for (String query : List.of("sql=SELECT%201", "table_copy=" + source)) {
            ResponseEntity<JsonNode> answer = upload(ALICE_KEY, file, query);
            assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
            assertThat(answer.getBody().get("errors").get("imports").asText()).contains("cannot be combined with a file");
        }
    }

    @Test
    void sqlAndTableCopyDoNotMixWithEachOtherOrWithOtherSources() {
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("api_key", ALICE_KEY, "sql", "SELECT 1", "table_copy", source),
                Map.<String, Object>of("api_key", ALICE_KEY, "sql", "SELECT 1", "url", "http://127.0.0.1/x.csv"),
                Map.<String, Object>of("api_key", ALICE_KEY, "table_copy", source, "connector",
                        Map.of("provider", "postgres")))) {
            ResponseEntity<JsonNode> answer = postJson("/api/v1/imports", bad);
            assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
            assertThat(answer.getBody().get("errors").get("imports").asText()).contains("Invalid parameters");
        }
    }
}
