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

/**
 * The redshift, sqlserver and hive connectors through the API and their routes: Redshift for
 * real (the local PostgreSQL, with SSL, through a forwarder); SQL Server and Hive, which have no
 * server here, up to their connection failure.
 */
class MoreConnectorsApiTest extends ApiTestSupport {
    private static final String SCHEMA = "api_conn_rs";
    private static TcpForwarder cluster;

    @BeforeAll
    static void fixtures() throws Exception {
        cluster = new TcpForwarder("127.0.0.1", 5432);
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".venues (id int, name varchar(40), photo bytea, tags int[],"
                    + " opens time, opens_tz timetz, price numeric(12,4), geom geometry(Point, 4326))");
            s.execute("INSERT INTO " + SCHEMA + ".venues VALUES (1, 'Palau', '\\x01ff', '{1,2}', '19:30:00.25',"
                    + " '19:30:00+01', 12.5000, 'SRID=4326;POINT(2.17 41.39)')");
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        cluster.close();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static Map<String, Object> connection(String serverKey, int port, String password) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put(serverKey, "127.0.0.1");
        connection.put("port", port);
        connection.put("database", TestDatabases.PG_URL.substring(TestDatabases.PG_URL.lastIndexOf('/') + 1));
        connection.put("username", TestDatabases.PG_USER);
        connection.put("password", password);
        return connection;
    }

    private ResponseEntity<JsonNode> connector(Map<String, Object> connector) {
        return postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "connector", connector));
    }

    @Test
    void redshiftTableBecomesACartodbfiedTableWithItsTypesAndSkippedColumnsInWarnings() throws Exception {
        String name = unique("venues");
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "redshift",
                "connection", connection("cluster", cluster.port(), TestDatabases.PG_PASSWORD),
                "schema", SCHEMA, "table", "venues", "import_as", name)))));
        assertThat(columns("alice", name)).containsEntry("id", "integer").containsEntry("name", "text")
                .containsEntry("photo", "bytea").containsEntry("opens", "time without time zone")
                .containsEntry("opens_tz", "time with time zone").containsEntry("price", "numeric")
                .doesNotContainKey("tags");
        assertThat(rows("SELECT name, encode(photo, 'hex') AS photo, opens::text AS opens, opens_tz::text AS opens_tz,"
                + " price::text AS price, ST_AsText(the_geom) AS g FROM alice." + r.get("table_name").asText()))
                .containsExactly(Map.of("name", "Palau", "photo", "01ff", "opens", "19:30:00.25", "opens_tz", "19:30:00+01",
                        "price", "12.5000", "g", "POINT(2.17 41.39)"));
        assertThat(r.get("warnings").get("skipped_columns").toString()).isEqualTo("[\"tags\"]");
    }

    @Test
    void sqlserverAndHiveRoutesReachTheirConnectors() throws Exception {
        JsonNode sqlserver = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "sqlserver",
                "connection", connection("server", 1, "mssql-secret-pw"), "table", "t")))), 1012);
        assertThat(sqlserver.toString()).contains("sqlserver server 127.0.0.1:1").doesNotContain("mssql-secret-pw");

        JsonNode hive = assertFailure(awaitFinal(ALICE_KEY, queued(connector(Map.of("provider", "hive",
                "connection", connection("server", 1, "hive-secret-pw"), "table", "t")))), 1012);
        assertThat(hive.toString()).containsAnyOf("Hive JDBC driver not installed", "hive server 127.0.0.1:1")
                .doesNotContain("hive-secret-pw");
    }
}
