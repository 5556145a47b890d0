package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.TcpForwarder;
import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Connector imports over HTTP from the real local MariaDB and PostgreSQL. */
class ConnectorImportApiTest extends ApiTestSupport {
    private static final String MYSQL_TABLE = "api_conn_stores";
    private static final String PG_SCHEMA = "api_conn_src";
    /** The local PostgreSQL seen on another port: geoingest refuses its own database as a source. */
    private static TcpForwarder otherPostgres;

    @BeforeAll
    static void fixtures() throws Exception {
        otherPostgres = new TcpForwarder("127.0.0.1", 5432);
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
            s.execute("CREATE TABLE " + MYSQL_TABLE + " (id INT PRIMARY KEY, name VARCHAR(50), opened DATE,"
                    + " revenue DECIMAL(12,2), lon DOUBLE, lat DOUBLE, open TINYINT(1)) CHARACTER SET utf8mb4");
            s.execute("INSERT INTO " + MYSQL_TABLE + " VALUES (1, 'Zürich Süd', '2020-05-01', 1234.50, 8.54, 47.37, 1),"
                    + " (2, 'Oslo', NULL, NULL, 10.75, 59.91, 0), (3, 'Nowhere', '2021-01-01', 1.00, NULL, NULL, 1)");
            s.execute("DROP TABLE IF EXISTS api_conn_regions");
            s.execute("CREATE TABLE api_conn_regions (store_id INT, region VARCHAR(30)) CHARACTER SET latin1");
            s.execute("INSERT INTO api_conn_regions VALUES (1, 'Zürich-Höngg'), (2, 'Østlandet')");
            s.execute("DROP TABLE IF EXISTS api_conn_empty");
            s.execute("CREATE TABLE api_conn_empty (id INT, name VARCHAR(10))");
            s.execute("DROP TABLE IF EXISTS api_conn_times");
            s.execute("CREATE TABLE api_conn_times (id INT, tm TIME(6), dtm DATETIME(6), n DECIMAL(27,9),"
                    + " ts TIMESTAMP(3) NULL, j JSON, b VARBINARY(4))");
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("INSERT INTO api_conn_times VALUES (1, '12:34:56.123456', '2024-02-29 13:14:15.654321',"
                    + " 123456789012345678.123456789, '2024-02-29 13:14:15.123', '{\"k\": \"\\\\u0000\"}', x'00ff'),"
                    + " (2, '24:00:00', NULL, NULL, NULL, NULL, NULL), (3, '-00:00:01', NULL, NULL, NULL, NULL, NULL),"
                    + " (4, '100:00:00', NULL, NULL, NULL, NULL, NULL), (5, '00:00:00', NULL, NULL, NULL, NULL, NULL)");
        }
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + PG_SCHEMA);
            s.execute("CREATE TABLE " + PG_SCHEMA + ".parcels (id bigint, label text,"
                    + " geom geometry(Polygon, 3857))");
            s.execute("INSERT INTO " + PG_SCHEMA + ".parcels VALUES (7, 'square',"
                    + " ST_Transform(ST_MakeEnvelope(2, 41, 2.1, 41.1, 4326), 3857))");
            s.execute("CREATE TABLE " + PG_SCHEMA + ".times (id int, t time, tz timetz, js json, jb jsonb)");
            s.execute("INSERT INTO " + PG_SCHEMA + ".times VALUES (1, '12:34:56.123456', '12:34:56.5+05:30',"
                    + " '{\"b\": 1,  \"a\": [1, 2], \"a\": 3}', '{\"k\": {\"n\": null}}'),"
                    + " (2, '24:00:00', '24:00:00-01', 'null', '[]'), (3, NULL, NULL, NULL, NULL)");
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        otherPostgres.close();
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
            s.execute("DROP TABLE IF EXISTS api_conn_regions");
            s.execute("DROP TABLE IF EXISTS api_conn_empty");
            s.execute("DROP TABLE IF EXISTS api_conn_times");
        }
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        }
    }

    private static Map<String, Object> mysql(String password) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("server", TestDatabases.MYSQL_HOST);
        connection.put("port", TestDatabases.MYSQL_PORT);
        connection.put("database", TestDatabases.MYSQL_DATABASE);
        connection.put("username", TestDatabases.MYSQL_USER);
        connection.put("password", password);
        return connection;
    }

    private static Map<String, Object> postgres(int port) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("server", "127.0.0.1");
        connection.put("port", port);
        connection.put("database", TestDatabases.PG_URL.substring(TestDatabases.PG_URL.lastIndexOf('/') + 1));
        connection.put("username", TestDatabases.PG_USER);
        connection.put("password", TestDatabases.PG_PASSWORD);
        connection.put("sslmode", "disable");
        return connection;
    }

    private ResponseEntity<JsonNode> connector(Map<String, Object> connector) {
        return postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "client", "cps-1.11", "connector", connector));
    }

    @Test
    void mysqlTableBecomesACartodbfiedTable() throws Exception {
        String name = unique("stores");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD), "table", MYSQL_TABLE, "import_as", name)))));
        assertThat(r.get("data_type").asText()).isEqualTo("datasource");
        assertThat(r.get("table_name").asText()).isEqualTo(name);
        // A connector has no files: rows, but no bytes.
        assertThat(r.get("progress").get("rows").asLong()).isEqualTo(3);
        assertThat(r.get("progress").get("bytes_read").isNull()).isTrue();
        assertThat(r.get("progress").get("bytes_total").isNull()).isTrue();
        assertThat(columns("alice", name)).containsEntry("id", "integer").containsEntry("opened", "date")
                .containsEntry("revenue", "numeric").containsEntry("name", "text");
        assertThat(rows("SELECT name, revenue::text AS revenue, ST_AsText(the_geom) AS g FROM alice." + name
                + " ORDER BY id")).containsExactly(
                Map.of("name", "Zürich Süd", "revenue", "1234.50", "g", "POINT(8.54 47.37)"),
                nullable("Oslo", null, "POINT(10.75 59.91)"),
                nullable("Nowhere", "1.00", null));
        // The stored request forgets the password once the import has ended.
        assertThat(scalar("SELECT source #> '{connector,connection}' ? 'password' FROM geoingest.imports"
                + " WHERE id = '" + r.get("id").asText() + "'")).isEqualTo(false);
    }

    private static Map<String, Object> nullable(String name, String revenue, String g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("revenue", revenue);
        m.put("g", g);
        return m;
    }

    @Test
    void mysqlQueryNeedsImportAsAndNamesTheTable() throws Exception {
        ResponseEntity<JsonNode> refused = connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD), "sql_query", "SELECT 1"));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors").get("imports").asText())
                .isEqualTo("The import_as parameter is required to name the sql_query results");

        String name = unique("open_stores");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD),
                "sql_query", "SELECT id, name FROM " + MYSQL_TABLE + " WHERE open = 1", "import_as", name)))));
        assertThat(scalar("SELECT count(*) FROM alice." + r.get("table_name").asText())).isEqualTo(2L);
    }

    @Test
    void joinedQueryWithQuotesOverALatin1Table() throws Exception {
        String name = unique("joined");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD), "encoding", "iso88591",
                "sql_query", "SELECT s.id, s.name, r.region, s.lon, s.lat FROM " + MYSQL_TABLE + " s"
                        + " JOIN api_conn_regions r ON r.store_id = s.id WHERE s.name <> 'Nowhere'",
                "import_as", name)))));
        assertThat(rows("SELECT region, ST_AsText(the_geom) AS g FROM alice." + r.get("table_name").asText()
                + " ORDER BY id")).containsExactly(Map.of("region", "Zürich-Höngg", "g", "POINT(8.54 47.37)"),
                Map.of("region", "Østlandet", "g", "POINT(10.75 59.91)"));
    }

    /** Seed 004's 1015, "The query worked, but returned no results": no table, nothing staged. */
    @Test
    void anEmptyTableOrAQueryWithNoRowsFailsWith1015AndLeavesNothing() throws Exception {
        String table = unique("empty");
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD), "table", "api_conn_empty",
                "import_as", table)))), 1015);
        assertThat(r.get("get_error_text").get("what_about").asText()).contains("api_conn_empty has no rows");
        assertThat(r.get("tables_created_count").isNull() || r.get("tables_created_count").asInt() == 0).isTrue();
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'")).isEqualTo(0L);
        assertNoStagingTables("alice");

        String query = unique("none");
        assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD),
                "sql_query", "SELECT id, name FROM " + MYSQL_TABLE + " WHERE 1 = 0", "import_as", query)))), 1015);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename = '" + query + "'")).isEqualTo(0L);
        assertNoStagingTables("alice");
    }

    /**
     * MySQL's TIME lands as PostgreSQL's time to the microsecond, 24:00:00 included; the values
     * no time can hold (MySQL's TIME is a duration) are NULL, counted in a warning.
     */
    @Test
    void mysqlTimeBecomesTimeAndOutOfRangeValuesAreNullWithAWarning() throws Exception {
        String name = unique("times");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD), "table", "api_conn_times", "import_as", name)))));
        assertThat(columns("alice", name)).containsEntry("tm", "time without time zone")
                .containsEntry("dtm", "timestamp without time zone").containsEntry("n", "numeric")
                .containsEntry("ts", "timestamp with time zone").containsEntry("j", "text").containsEntry("b", "bytea");
        // MariaDB's JSON is LONGTEXT: text, its \\u0000 escape kept (MySQL's JSON type would be json).
        assertThat(scalar("SELECT j::text LIKE '%u0000%' FROM alice." + name + " WHERE id = 1"))
                .isEqualTo(true);
        assertThat(scalar("SELECT encode(b, 'hex') FROM alice." + name + " WHERE id = 1")).isEqualTo("00ff");
        assertThat(scalar("SELECT (ts AT TIME ZONE 'UTC')::text FROM alice." + name + " WHERE id = 1"))
                .isEqualTo("2024-02-29 13:14:15.123");
        assertThat(rows("SELECT id, tm::text AS tm, dtm::text AS dtm, n::text AS n FROM alice." + name + " ORDER BY id"))
                .containsExactly(row(1, "12:34:56.123456", "2024-02-29 13:14:15.654321", "123456789012345678.123456789"),
                        row(2, "24:00:00", null, null), row(3, null, null, null), row(4, null, null, null),
                        row(5, "00:00:00", null, null));
        assertThat(r.get("warnings").get("out_of_range_values").asInt()).isEqualTo(2);
    }

    /** PostgreSQL's time and timetz land as they are (microseconds, offsets, 24:00:00), json and jsonb too. */
    @Test
    void postgresTimeAndTimetzKeepMicrosecondsAndOffsets() throws Exception {
        String name = unique("pg_times");
        assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "postgres",
                "connection", postgres(otherPostgres.port()), "schema", PG_SCHEMA, "table", "times",
                "import_as", name)))));
        assertThat(columns("alice", name)).containsEntry("t", "time without time zone")
                .containsEntry("tz", "time with time zone").containsEntry("js", "json").containsEntry("jb", "jsonb");
        // json keeps its text exactly (spacing, key order, duplicate keys).
        assertThat(rows("SELECT js::text AS js, jb::text AS jb FROM alice." + name + " WHERE id < 3 ORDER BY id"))
                .containsExactly(Map.of("js", "{\"b\": 1,  \"a\": [1, 2], \"a\": 3}", "jb", "{\"k\": {\"n\": null}}"),
                        Map.of("js", "null", "jb", "[]"));
        assertThat(rows("SELECT t::text AS t, tz::text AS tz FROM alice." + name + " ORDER BY id")).containsExactly(
                Map.of("t", "12:34:56.123456", "tz", "12:34:56.5+05:30"),
                Map.of("t", "24:00:00", "tz", "24:00:00-01"),
                row2(null, null));
    }

    private static Map<String, Object> row(int id, String tm, String dtm, String n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("tm", tm);
        m.put("dtm", dtm);
        m.put("n", n);
        return m;
    }

    private static Map<String, Object> row2(String t, String tz) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", t);
        m.put("tz", tz);
        return m;
    }

    @Test
    void postgresTableReprojectedTo4326() throws Exception {
        Map<String, Object> connection = postgres(otherPostgres.port());
        String name = unique("parcels");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "postgres",
                "connection", connection, "schema", PG_SCHEMA, "table", "parcels", "import_as", name)))));
        assertThat(rows("SELECT id, ST_SRID(the_geom) AS srid, round(ST_XMin(the_geom)::numeric, 6) AS x"
                + " FROM alice." + r.get("table_name").asText()))
                .containsExactly(Map.of("id", 7L, "srid", 4326, "x", new java.math.BigDecimal("2.000000")));
    }

    @Test
    void sourceFailingAfterRowsWereCopiedFailsCleanly() throws Exception {
        // The first cursor fetch (10,000 rows) is copied before the second one hits 1/0:
        // the open COPY must be cancelled so the rollback cannot hang.
        Map<String, Object> connection = postgres(otherPostgres.port());
        String name = unique("midway");
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "postgres",
                "connection", connection, "sql_query", "SELECT g AS id, 1 / (g - 15000) AS x"
                        + " FROM generate_series(1, 20000) g", "import_as", name)))), 1011);
        assertThat(r.get("get_error_text").get("what_about").asText()).contains("division by zero");
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename = '" + name + "'")).isEqualTo(0L);
        assertNoStagingTables("alice");
        assertThat(scalar("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
                + " AND query LIKE 'COPY%'")).isEqualTo(0L);
    }

    @Test
    void geoingestsOwnDatabaseIsRefusedAsASource() throws Exception {
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "postgres",
                "connection", postgres(5432), "schema", "bob", "table", "anything")))), 1012);
        assertThat(r.get("get_error_text").get("what_about").asText()).contains("geoingest's own database");
        assertThat(r.toString()).doesNotContain(TestDatabases.PG_PASSWORD + "\"");
    }

    @Test
    void anAmbiguousIpv4ServerIsRefusedNamingItsCanonicalForm() throws Exception {
        // Java reads 0177.0.0.1 as 177.0.0.1, C resolvers and most users as 127.0.0.1.
        Map<String, Object> connection = mysql(TestDatabases.MYSQL_PASSWORD);
        connection.put("server", "0177.0.0.1");
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", connection, "table", MYSQL_TABLE)))), 1012);
        assertThat(r.get("get_error_text").get("what_about").asText())
                .contains("0177.0.0.1").contains("meaning depends on the parser").contains("write 127.0.0.1");
        assertThat(r.toString()).doesNotContain(TestDatabases.MYSQL_PASSWORD + "\"");
    }

    @Test
    void unreachableDatabaseFailsWith1012WithoutThePassword() throws Exception {
        Map<String, Object> connection = mysql("very-secret-pw");
        connection.put("port", 1);
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", connection, "table", MYSQL_TABLE)))), 1012);
        assertThat(r.toString()).doesNotContain("very-secret-pw");
        assertNoStagingTables("alice");
    }

    @Test
    void missingTableFailsWith1011() throws Exception {
        assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "mysql",
                "connection", mysql(TestDatabases.MYSQL_PASSWORD), "table", "no_such_table_here")))), 1011);
    }

    @Test
    void badConnectorRequestsAre400() {
        Map<String, Object> noServer = mysql("x");
        noServer.remove("server");
        assertThat(connector(Map.of("provider", "mysql", "connection", noServer, "table", "t"))
                .getBody().get("errors").get("imports").asText()).contains("connection.server");
        assertThat(connector(Map.of("provider", "oracle", "connection", mysql("x"), "table", "t"))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(connector(Map.of("provider", "mysql", "connection", mysql("x")))
                .getBody().get("errors").get("imports").asText())
                .isEqualTo("The table parameter is required if no sql_query parameter is provided");
    }
}
