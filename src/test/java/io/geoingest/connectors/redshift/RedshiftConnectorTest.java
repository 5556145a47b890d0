package io.geoingest.connectors.redshift;

import static io.geoingest.connectors.ConnectorTestSupport.JSON;
import static io.geoingest.connectors.ConnectorTestSupport.allMessages;
import static io.geoingest.connectors.ConnectorTestSupport.importFailure;
import static io.geoingest.connectors.ConnectorTestSupport.imports;
import static io.geoingest.connectors.ConnectorTestSupport.parse;
import static io.geoingest.connectors.ConnectorTestSupport.readAll;
import static io.geoingest.testing.TestDatabases.PG_PASSWORD;
import static io.geoingest.testing.TestDatabases.PG_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorProperties.ProviderSettings;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorTestSupport.Result;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.sources.SourceAddressPolicy;
import io.geoingest.sources.TestPolicies;
import io.geoingest.testing.TcpForwarder;
import io.geoingest.testing.TestDatabases;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

/**
 * Redshift speaks PostgreSQL's protocol; the local PostgreSQL + PostGIS (which has SSL) plays the
 * cluster, reached through a forwarder on another port, since it is also geoingest's own
 * database here (the policy says so) and that is refused. Fixtures live in schema conn_rs.
 */
class RedshiftConnectorTest {
    /** The real policy: the local server is geoingest's own database. */
    private static final SourceAddressPolicy ADDRESSES = TestPolicies.serviceDatabaseAt(TestDatabases.PG_URL);
    private static final RedshiftProperties NO_SSL = new RedshiftProperties("disable");
    private static final String HOST;
    private static final int PORT;
    private static final String DATABASE;
    private static TcpForwarder cluster;

    static {
        URI uri = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        HOST = uri.getHost();
        PORT = uri.getPort() < 0 ? 5432 : uri.getPort();
        DATABASE = uri.getPath().substring(1);
    }

    private final RedshiftConnector connector = connector(1_000_000, NO_SSL);

    private static RedshiftConnector connector(int maxRows, RedshiftProperties redshift) {
        ConnectorProperties limits = new ConnectorProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), null, 4,
                Map.of("redshift", new ProviderSettings(null, maxRows)));
        return new RedshiftConnector(limits, imports(3, 256), ADDRESSES, redshift);
    }

    @BeforeAll
    static void fixtures() throws Exception {
        cluster = new TcpForwarder(HOST, PORT);
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS conn_rs CASCADE");
            s.execute("CREATE SCHEMA conn_rs");
            s.execute("CREATE TABLE conn_rs.venues (id int, name varchar(40), capacity bigint, price numeric(8,2),"
                    + " open boolean, since timestamp, photo bytea, geom geometry(Point, 4326))");
            s.execute("INSERT INTO conn_rs.venues VALUES"
                    + " (1, 'Palau', 2000, 12.50, true, '2024-03-01 20:00', '\\x0102', 'SRID=4326;POINT(2.17 41.39)'),"
                    + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            s.execute("CREATE TABLE conn_rs.twelve AS SELECT g AS id FROM generate_series(1, 12) g");
            s.execute("CREATE TABLE conn_rs.victim (id int)");
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        cluster.close();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS conn_rs CASCADE");
        }
    }

    private static ObjectNode request(int port) {
        ObjectNode n = JSON.createObjectNode();
        n.put("provider", "redshift");
        ObjectNode c = n.putObject("connection");
        c.put("cluster", "127.0.0.1");
        c.put("port", port);
        c.put("database", DATABASE);
        c.put("username", PG_USER);
        c.put("password", PG_PASSWORD);
        return n;
    }

    private static ConnectorRequest table(String table) {
        ObjectNode n = request(cluster.port());
        n.put("schema", "conn_rs");
        n.put("table", table);
        return parse(n);
    }

    private static ConnectorRequest query(String sql) {
        ObjectNode n = request(cluster.port());
        n.put("sql_query", sql);
        n.put("import_as", "rs_query");
        return parse(n);
    }

    @Test
    void importsATableWithItsGeometryAndBinaryColumns() {
        Result r = readAll(connector.open(table("venues")));
        assertThat(r.name()).isEqualTo("venues");
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER), new Column("name", ColumnType.TEXT),
                new Column("capacity", ColumnType.BIGINT), new Column("price", ColumnType.NUMERIC),
                new Column("open", ColumnType.BOOLEAN), new Column("since", ColumnType.TIMESTAMP),
                new Column("photo", ColumnType.BYTEA), new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows().get(0)).startsWith(1, "Palau", 2000L, new BigDecimal("12.50"), true,
                LocalDateTime.of(2024, 3, 1, 20, 0), new byte[] {1, 2});
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(2.17);
        assertThat(p.getY()).isEqualTo(41.39);
        assertThat(p.getSRID()).isEqualTo(4326);
        assertThat(r.rows().get(1)).containsExactly(2, null, null, null, null, null, null, null);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void importsAQueryWithAProjectedGeometryInBatches() {
        Result r = readAll(connector.open(query("SELECT v.id, v.name AS label,"
                + " ST_Transform(v.geom, 3857) AS the_geom FROM conn_rs.venues v WHERE v.id = 1;")));
        assertThat(r.name()).isEqualTo("rs_query");
        assertThat(r.names()).containsExactly("id", "label", "the_geom");
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isCloseTo(2.17, within(1e-9));
        assertThat(p.getY()).isCloseTo(41.39, within(1e-9));

        Result twelve = readAll(connector.open(table("twelve")));
        assertThat(twelve.rows()).hasSize(12);
        assertThat(twelve.batchSizes()).containsExactly(3, 3, 3, 3);
    }

    @Test
    void maxRowsIsFiveMillionByDefaultAndTruncatesWithAWarning() {
        assertThat(ConnectorProperties.defaults().maxRows(Provider.REDSHIFT)).isEqualTo(5_000_000);
        Result r = readAll(connector(5, NO_SSL).open(table("twelve")));
        assertThat(r.rows()).hasSize(5);
        assertThat(r.warnings()).isEqualTo(Map.of("max_rows_per_connection", 5));
    }

    @Test
    void readsInAReadOnlyTransaction() {
        assertThat(readAll(connector.open(query("SELECT current_setting('transaction_read_only') AS ro")))
                .value(0, "ro")).isEqualTo("on");
        importFailure(() -> connector.open(query("WITH d AS (DELETE FROM conn_rs.twelve RETURNING id) SELECT * FROM d")),
                ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_rs.twelve")).isEqualTo(12);
    }

    @Test
    void aQueryOfSeveralStatementsIsRefused() {
        String sql = "SELECT 1 AS one) s; COMMIT; DROP TABLE conn_rs.victim; SELECT (1";
        ObjectNode n = request(cluster.port());
        n.put("sql_query", sql);
        n.put("import_as", "x");
        assertThatThrownBy(() -> parse(n)).isInstanceOf(InvalidImportRequest.class).hasMessageContaining("single statement");
        ConnectorRequest unchecked = new ConnectorRequest(Provider.REDSHIFT, parse(request(cluster.port()).put("table", "t"))
                .connection(), null, null, sql, "x", null, null);
        ImportException e = importFailure(() -> connector.open(unchecked), ErrorCode.DATASOURCE_QUERY);
        assertThat(e.getMessage()).contains("more than one statement");
        assertThat(count("conn_rs.victim")).isZero(); // still exists
    }

    /** The default sslmode, require, uses the server's SSL; through a proxy refusing SSL it fails; the request cannot change it. */
    @Test
    void sslComesFromConfigurationAndIsRequiredByDefault() throws Exception {
        RedshiftConnector secure = connector(100, new RedshiftProperties("require"));
        String ssl = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
        assertThat(readAll(secure.open(query(ssl))).rows().get(0)).containsExactly(true);
        assertThat(readAll(connector.open(query(ssl))).rows().get(0)).containsExactly(false);

        try (TcpForwarder noSsl = TcpForwarder.refusingSsl(HOST, PORT)) {
            ObjectNode n = request(noSsl.port());
            ((ObjectNode) n.get("connection")).put("sslmode", "disable"); // not a Redshift parameter: ignored
            n.put("sql_query", "SELECT 1");
            n.put("import_as", "x");
            ImportException e = importFailure(() -> secure.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
            assertThat(e.getMessage()).contains("SSL");
        }
        assertThatThrownBy(() -> new RedshiftProperties("allow")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServiceDatabaseItselfIsRefused() {
        String secret = "Redshift-pw-91";
        ObjectNode n = request(PORT);
        ((ObjectNode) n.get("connection")).put("password", secret);
        n.put("table", "twelve");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("geoingest's own database");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    @Test
    void unreachableClusterIs1012WithoutThePassword() {
        String secret = "Unreachable-pw-37";
        ObjectNode n = request(1);
        ((ObjectNode) n.get("connection")).put("password", secret);
        n.put("table", "twelve");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("redshift").contains("127.0.0.1:1");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    private static int count(String table) {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
