package io.geoingest.connectors.postgres;

import static io.geoingest.connectors.ConnectorTestSupport.allMessages;
import static io.geoingest.connectors.ConnectorTestSupport.connector;
import static io.geoingest.connectors.ConnectorTestSupport.importFailure;
import static io.geoingest.connectors.ConnectorTestSupport.imports;
import static io.geoingest.connectors.ConnectorTestSupport.limits;
import static io.geoingest.connectors.ConnectorTestSupport.parse;
import static io.geoingest.connectors.ConnectorTestSupport.readAll;
import static io.geoingest.testing.TestDatabases.PG_PASSWORD;
import static io.geoingest.testing.TestDatabases.PG_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorTestSupport.Result;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** Against the local PostgreSQL + PostGIS (TestDatabases), which has no SSL. Fixtures live in schema conn_pg. */
class PostgresConnectorTest {
    private static final String UNICODE = "héllo wörld 日本 🎉";
    private static final int BIG_ROWS = 300_000;
    private static final SourceAddressPolicy ADDRESSES = TestPolicies.standard();
    private static final String HOST;
    private static final int PORT;
    private static final String DATABASE;

    static {
        URI uri = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        HOST = uri.getHost();
        PORT = uri.getPort() < 0 ? 5432 : uri.getPort();
        DATABASE = uri.getPath().substring(1);
    }

    private final PostgresConnector connector = new PostgresConnector(limits(1_000_000), imports(1000, 256), ADDRESSES);

    @BeforeAll
    static void fixtures() throws SQLException {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS conn_pg CASCADE");
            s.execute("CREATE SCHEMA conn_pg");
            s.execute("""
                    CREATE TABLE conn_pg.types (
                      id int, sm smallint, i int, b bigint, r real, d double precision, n numeric, bo boolean,
                      bit1 bit(1), bits bit(4), dt date, ts timestamp, tstz timestamptz, tm time, tx text,
                      vc varchar(40), ch char(3), js json, jb jsonb, u uuid, by bytea, arr int[], mo money,
                      geog geography(Point, 4326), geom geometry(Point, 3857))""");
            s.execute("INSERT INTO conn_pg.types VALUES (1, -7, 42, 9007199254740993, 0.1, 1.5e300, 12345.678901234567890,"
                    + " true, B'1', B'1010', '2024-02-29', '2024-02-29 13:14:15.5', '2024-01-01 12:00:00+02', '12:34:56',"
                    + " 'text', '" + UNICODE + "', 'ab', '{\"k\": 1}', '{\"k\": [1, 2]}',"
                    + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff10', '{1,2,3}', 12.5,"
                    + " 'SRID=4326;POINT(1 2)'::geography,"
                    + " ST_Transform(ST_SetSRID(ST_MakePoint(10, 20), 4326), 3857))");
            s.execute("INSERT INTO conn_pg.types (id, n, dt, ts, tstz) VALUES (2, 'NaN', 'infinity', '-infinity', 'infinity')");
            s.execute("INSERT INTO conn_pg.types (id) VALUES (3)");

            s.execute("CREATE TABLE conn_pg.srids (id int, g geometry)");
            s.execute("INSERT INTO conn_pg.srids VALUES (1, ST_GeomFromText('POINT(-3.7 40.4)')),"
                    + " (2, ST_Transform(ST_SetSRID(ST_MakePoint(-3.7, 40.4), 4326), 25830)),"
                    + " (3, ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))', 4326)), (4, NULL)");

            s.execute("CREATE TABLE conn_pg.points (id int, lon numeric, lat double precision)");
            s.execute("INSERT INTO conn_pg.points VALUES (1, 2.5, 41.25), (2, 10, -95)");

            s.execute("CREATE TABLE conn_pg.victim (id int)");
            s.execute("CREATE SEQUENCE conn_pg.seq");
            s.execute("CREATE TABLE conn_pg.\"we\"\"ird\" (id int)");
            s.execute("INSERT INTO conn_pg.\"we\"\"ird\" VALUES (7)");
            s.execute("CREATE TABLE conn_pg.twelve AS SELECT g AS id FROM generate_series(1, 12) g");
            s.execute("CREATE TABLE conn_pg.big AS SELECT g AS id, 'row ' || g AS label FROM generate_series(1, "
                    + BIG_ROWS + ") g");
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS conn_pg CASCADE");
        }
    }

    private static ObjectNode request() {
        ObjectNode n = connector("postgres", HOST, PORT, DATABASE, PG_USER, PG_PASSWORD);
        ((ObjectNode) n.get("connection")).put("sslmode", "disable");
        return n;
    }

    private static ConnectorRequest table(String table) {
        ObjectNode n = request();
        n.put("schema", "conn_pg");
        n.put("table", table);
        return parse(n);
    }

    private static ConnectorRequest query(String sql) {
        ObjectNode n = request();
        n.put("sql_query", sql);
        n.put("import_as", "my_query");
        return parse(n);
    }

    @Test
    void everyCommonTypeWithGeometryIn3857ReturnedIn4326BinaryKeptAndArraysSkipped() {
        Result r = readAll(connector.open(table("types")));
        assertThat(r.name()).isEqualTo("types");
        assertThat(r.columns()).containsExactly(
                new Column("id", ColumnType.INTEGER), new Column("sm", ColumnType.INTEGER),
                new Column("i", ColumnType.INTEGER), new Column("b", ColumnType.BIGINT),
                new Column("r", ColumnType.DOUBLE), new Column("d", ColumnType.DOUBLE),
                new Column("n", ColumnType.NUMERIC), new Column("bo", ColumnType.BOOLEAN),
                new Column("bit1", ColumnType.BOOLEAN), new Column("bits", ColumnType.TEXT),
                new Column("dt", ColumnType.DATE), new Column("ts", ColumnType.TIMESTAMP),
                new Column("tstz", ColumnType.TIMESTAMPTZ), new Column("tm", ColumnType.TIME),
                new Column("tx", ColumnType.TEXT), new Column("vc", ColumnType.TEXT),
                new Column("ch", ColumnType.TEXT), new Column("js", ColumnType.JSON),
                new Column("jb", ColumnType.JSONB), new Column("u", ColumnType.TEXT),
                new Column("by", ColumnType.BYTEA), new Column("mo", ColumnType.TEXT), new Column("geog", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows()).hasSize(3);
        Object[] row = r.rows().get(0);
        assertThat(row).startsWith(1, -7, 42, 9007199254740993L, 0.1, 1.5e300, new BigDecimal("12345.678901234567890"),
                true, true, "1010", LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000));
        assertThat(((OffsetDateTime) r.value(0, "tstz")).toInstant())
                .isEqualTo(OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC).toInstant());
        assertThat(r.value(0, "tm")).isEqualTo(LocalTime.of(12, 34, 56));
        assertThat(r.value(0, "tx")).isEqualTo("text");
        assertThat(r.value(0, "vc")).isEqualTo(UNICODE);
        assertThat(r.value(0, "ch")).isEqualTo("ab ");
        assertThat(r.value(0, "js")).isEqualTo("{\"k\": 1}");
        assertThat(r.value(0, "jb")).isEqualTo("{\"k\": [1, 2]}");
        assertThat(r.value(0, "u")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(r.value(0, "by")).isEqualTo(new byte[] {0, (byte) 0xff, 0x10});
        assertThat((String) r.value(0, "mo")).contains("12.50");
        assertThat(r.value(0, "geog")).isEqualTo("SRID=4326;POINT(1 2)");
        Geometry g = (Geometry) r.value(0, "the_geom");
        assertThat(g).isInstanceOf(Point.class);
        assertThat(g.getSRID()).isEqualTo(4326);
        assertThat(g.getCoordinate().x).isCloseTo(10.0, within(1e-9));
        assertThat(g.getCoordinate().y).isCloseTo(20.0, within(1e-9));

        // NaN and infinities have no value here: null, and counted
        assertThat(r.value(1, "n")).isNull();
        assertThat(r.value(1, "dt")).isNull();
        assertThat(r.value(1, "ts")).isNull();
        assertThat(r.value(1, "tstz")).isNull();
        for (int i = 1; i < r.columns().size(); i++) {
            assertThat(r.rows().get(2)[i]).as(r.columns().get(i).name()).isNull();
        }
        // arrays are left out, and named
        assertThat(r.warnings()).isEqualTo(Map.of("skipped_columns", List.of("arr"), "out_of_range_values", 4L));
    }

    /** time and timetz keep their microseconds, offsets and 24:00:00 (LocalTime.MAX stands for it). */
    @Test
    void timeAndTimetzAreKeptExactly() {
        Result r = readAll(connector.open(query("SELECT 1 AS id, '12:34:56.123456'::time AS t, '24:00:00'::time AS t24,"
                + " '12:34:56.5+05:30'::timetz AS tz, '24:00:00-01'::timetz AS tz24, '00:00:00-12:34:56'::timetz AS odd,"
                + " NULL::time AS tn, NULL::timetz AS tzn")));
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER), new Column("t", ColumnType.TIME),
                new Column("t24", ColumnType.TIME), new Column("tz", ColumnType.TIMETZ),
                new Column("tz24", ColumnType.TIMETZ), new Column("odd", ColumnType.TIMETZ),
                new Column("tn", ColumnType.TIME), new Column("tzn", ColumnType.TIMETZ));
        assertThat(r.rows().get(0)).containsExactly(1, LocalTime.of(12, 34, 56, 123_456_000), LocalTime.MAX,
                OffsetTime.of(12, 34, 56, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
                OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(-1)),
                OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.ofHoursMinutesSeconds(-12, -34, -56)), null, null);
    }

    /** Seed 004's 1015 ("The query worked, but returned no results"), for a table as for a query. */
    @Test
    void aTableOrQueryWithoutRowsIs1015() {
        importFailure(() -> readAll(connector.open(table("victim"))), ErrorCode.NO_RESULTS);
        importFailure(() -> readAll(connector.open(query("SELECT id FROM conn_pg.twelve WHERE id > 100"))),
                ErrorCode.NO_RESULTS);
    }

    /** Without a geometry-typed column, a text column named as a geometry is one (hex WKB as the seed's SQL Server tip, WKT, GeoJSON). */
    @Test
    void textColumnsNamedAsGeometriesBecomeTheGeom() {
        Result r = readAll(connector.open(query("SELECT 1 AS id, encode(ST_AsBinary(ST_MakePoint(2, 3)), 'hex') AS the_geom,"
                + " 'POINT(5 6)' AS wkt UNION ALL SELECT 2, 'not a geometry', NULL UNION ALL SELECT 3, NULL, NULL"
                + " UNION ALL SELECT 4, '  ', NULL ORDER BY 1")));
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER),
                new Column("the_geom", ColumnType.GEOMETRY), new Column("wkt", ColumnType.TEXT));
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(2.0);
        assertThat(p.getY()).isEqualTo(3.0);
        assertThat(p.getSRID()).isEqualTo(4326);
        assertThat(r.value(0, "wkt")).isEqualTo("POINT(5 6)");
        assertThat(r.value(1, "the_geom")).isNull();
        assertThat(r.value(2, "the_geom")).isNull();
        assertThat(r.value(3, "the_geom")).isNull();
        assertThat(r.warnings()).isEqualTo(Map.of("invalid_geometries", 1L));

        Result json = readAll(connector.open(query(
                "SELECT '{\"type\": \"Point\", \"coordinates\": [7, 8]}' AS geojson, 'POINT(1 1)' AS wkt")));
        assertThat(json.names()).containsExactly("the_geom", "wkt");
        assertThat(((Point) json.value(0, "the_geom")).getX()).isEqualTo(7.0);

        // a geometry-typed column wins; the text one stays text
        Result typed = readAll(connector.open(query("SELECT 'POINT(9 9)' AS the_geom, ST_MakePoint(1, 2) AS geom")));
        assertThat(typed.columns()).containsExactly(new Column("the_geom", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(((Point) typed.rows().get(0)[1]).getX()).isEqualTo(1.0);
    }

    @Test
    void mixedAndUnknownSrids() {
        Result r = readAll(connector.open(table("srids")));
        assertThat(r.names()).containsExactly("id", "the_geom");
        Point unknown = (Point) r.value(0, "the_geom");
        assertThat(unknown.getX()).isEqualTo(-3.7);
        assertThat(unknown.getSRID()).isEqualTo(4326);
        Point utm = (Point) r.value(1, "the_geom");
        assertThat(utm.getX()).isCloseTo(-3.7, within(1e-7));
        assertThat(utm.getY()).isCloseTo(40.4, within(1e-7));
        assertThat(((Geometry) r.value(2, "the_geom")).getGeometryType()).isEqualTo("Polygon");
        assertThat(r.value(3, "the_geom")).isNull();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void sqlQueryWithDuplicateColumnsGeometryTerminatorAndComment() {
        Result r = readAll(connector.open(query(
                "SELECT t.id, t.id, t.geog AS geom, t.geom AS other FROM conn_pg.types t WHERE t.id = 1 -- done\n;\n")));
        assertThat(r.name()).isEqualTo("my_query");
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER),
                new Column("id", ColumnType.INTEGER), new Column("the_geom", ColumnType.GEOMETRY),
                new Column("other", ColumnType.TEXT));
        assertThat(r.rows()).hasSize(1);
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(1.0);
        assertThat(p.getY()).isEqualTo(2.0);
        assertThat((String) r.value(0, "other")).startsWith("SRID=3857;POINT(");
    }

    @Test
    void queryWithoutGeometryRunsAsGivenEvenWithJsonOperators() {
        Result r = readAll(connector.open(query("SELECT id, jb ? 'k' AS has_k FROM conn_pg.types WHERE id = 1")));
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER),
                new Column("has_k", ColumnType.BOOLEAN));
        assertThat(r.rows().get(0)).containsExactly(1, true);
    }

    @Test
    void lonLatColumnsMakePoints() {
        Result r = readAll(connector.open(table("points")));
        assertThat(r.names()).containsExactly("id", "lon", "lat", "the_geom");
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(2.5);
        assertThat(p.getY()).isEqualTo(41.25);
        assertThat(r.value(1, "the_geom")).isNull();
        assertThat(r.warnings()).containsEntry("invalid_geometries", 1L);
    }

    /** The local server has SSL (bin/test.sh turns it on): every mode connects to it. */
    @Test
    void everySslmodeConnectsToAServerWithSsl() {
        for (String mode : new String[] {"require", "prefer", "disable"}) {
            ObjectNode n = request();
            ((ObjectNode) n.get("connection")).put("sslmode", mode);
            n.put("sql_query", "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
            n.put("import_as", "x");
            Result r = readAll(connector.open(parse(n)));
            // require and prefer negotiate SSL; disable does not.
            assertThat(r.rows().get(0)).containsExactly(!mode.equals("disable"));
        }
    }

    /** Through a proxy that refuses SSL, as a server without SSL does: require fails, the others connect. */
    @Test
    void sslmodeRequireRefusesAServerWithoutSsl() throws Exception {
        try (TcpForwarder noSsl = TcpForwarder.refusingSsl(HOST, PORT)) {
            ObjectNode n = request();
            ((ObjectNode) n.get("connection")).remove("sslmode"); // default: require
            ((ObjectNode) n.get("connection")).put("server", "127.0.0.1");
            ((ObjectNode) n.get("connection")).put("port", noSsl.port());
            n.put("sql_query", "SELECT 1 AS one");
            n.put("import_as", "x");
            ConnectorRequest r = parse(n);
            assertThat(r.connection().sslmode()).isEqualTo("require");
            ImportException e = importFailure(() -> connector.open(r), ErrorCode.DATASOURCE_CONNECTION);
            assertThat(e.getMessage()).contains("SSL");
            assertThat(allMessages(e)).doesNotContain(PG_PASSWORD + "@");

            for (String mode : new String[] {"prefer", "disable"}) {
                ((ObjectNode) n.get("connection")).put("sslmode", mode);
                Result ok = readAll(connector.open(parse(n)));
                assertThat(ok.rows().get(0)).containsExactly(1);
            }
        }
    }

    @Test
    void databaseNameCannotInjectUrlParameters() {
        ObjectNode n = request();
        ((ObjectNode) n.get("connection")).remove("sslmode");
        ((ObjectNode) n.get("connection")).put("database", DATABASE + "?sslmode=disable");
        n.put("sql_query", "SELECT 1");
        n.put("import_as", "x");
        // The whole text is taken as the database's name: no sslmode parameter reaches the driver.
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("does not exist");

        ObjectNode d = request();
        ((ObjectNode) d.get("connection")).put("database", DATABASE + "?options=-c%20search_path%3Dconn_pg&x=#y");
        d.put("table", "twelve");
        e = importFailure(() -> connector.open(parse(d)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void unreachableServerIs1012WithoutThePassword() {
        String secret = "Sup3r-S3cret!pw";
        ObjectNode n = connector("postgres", "127.0.0.1", 1, DATABASE, PG_USER, secret);
        n.put("table", "twelve");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("127.0.0.1:1");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    @Test
    void refusedLoginIs1012WithoutThePassword() {
        // The local server trusts 127.0.0.1, so an unknown role stands in for a wrong password.
        String secret = "not-the-Password-42";
        ObjectNode n = connector("postgres", HOST, PORT, DATABASE, "conn_no_such_role", secret);
        ((ObjectNode) n.get("connection")).put("sslmode", "disable");
        n.put("table", "twelve");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("conn_no_such_role");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    @Test
    void unknownDatabaseIs1012() {
        ObjectNode n = request();
        ((ObjectNode) n.get("connection")).put("database", "conn_no_such_db");
        n.put("table", "twelve");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
    }

    @Test
    void unknownTableIs1011() {
        ImportException e = importFailure(() -> connector.open(table("no_such_table")), ErrorCode.DATASOURCE_QUERY);
        assertThat(e.getMessage()).contains("no_such_table");
        ObjectNode n = request(); // default schema public
        n.put("table", "twelve");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_QUERY);
    }

    @Test
    void badSqlIs1011AndWritesAreRefused() {
        importFailure(() -> connector.open(query("SELEC nonsense")), ErrorCode.DATASOURCE_QUERY);
        importFailure(() -> connector.open(query(
                "WITH d AS (DELETE FROM conn_pg.twelve RETURNING id) SELECT * FROM d")), ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_pg.twelve")).isEqualTo(12);
        assertThat(readAll(connector.open(query("SELECT current_setting('transaction_read_only') AS ro")))
                .value(0, "ro")).isEqualTo("on");
        importFailure(() -> connector.open(query("SELECT nextval('conn_pg.seq') AS n")), ErrorCode.DATASOURCE_QUERY);
    }

    /** Several statements: PgJDBC would run each, the later ones outside the wrapper and the read-only transaction. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1 AS one) s; COMMIT; DROP TABLE conn_pg.victim; SELECT (1",
            "SELECT 1 AS one)) s; COMMIT; DROP TABLE conn_pg.victim; SELECT ((1",
            "SELECT id FROM conn_pg.twelve; COMMIT; DROP TABLE conn_pg.victim",
            "SELECT 1 AS one; -- done\nDROP TABLE conn_pg.victim",
            "SELECT 'a\\'; COMMIT; DROP TABLE conn_pg.victim; --' AS x",
            "SELECT 1; 'x'"})
    void multiStatementQueriesAreRefusedAtParseTimeAndAtRunTime(String sql) {
        ObjectNode n = request();
        n.put("sql_query", sql);
        n.put("import_as", "x");
        assertThatThrownBy(() -> parse(n)).isInstanceOf(InvalidImportRequest.class)
                .hasMessageContaining("single statement");

        // As if the parser had let it through (a request queued before this check, say).
        ConnectorRequest unchecked = new ConnectorRequest(Provider.POSTGRES,
                new ConnectionSettings(HOST, PORT, DATABASE, PG_USER, PG_PASSWORD, "disable", null), null, null, sql, "x",
                null, null);
        ImportException e = importFailure(() -> connector.open(unchecked), ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_pg.victim")).isZero(); // still exists
        assertThat(e.getMessage()).contains("more than one statement");
    }

    @Test
    void oneStatementMayEndInSemicolonsAndCommentsAndHoldThemQuoted() {
        Result r = readAll(connector.open(query(
                "SELECT ';' AS a, $$;$$ AS b, $q$'; x$q$ AS c, 1 AS \"d;\" /* ; */ -- ;\n; ; /* done */ -- really\n")));
        assertThat(r.names()).containsExactly("a", "b", "c", "d;");
        assertThat(r.rows().get(0)).containsExactly(";", ";", "'; x", 1);
    }

    @Test
    void writesInOneStatementAreRefusedAndTheSessionStaysReadOnly() {
        for (String sql : new String[] {
                "WITH d AS (DELETE FROM conn_pg.victim RETURNING id) SELECT * FROM d",
                "SELECT 1 FROM (DELETE FROM conn_pg.victim RETURNING 1) x",
                "SELECT set_config('transaction_read_only', 'off', false) AS rw",
                "SELECT x.rw, nextval('conn_pg.seq') FROM (SELECT set_config('transaction_read_only', 'off', false)"
                        + " AS rw) x"}) {
            importFailure(() -> connector.open(query(sql)), ErrorCode.DATASOURCE_QUERY);
        }
        assertThat(count("conn_pg.victim")).isZero(); // still exists
        Result r = readAll(connector.open(query("SELECT current_setting('default_transaction_read_only') AS session,"
                + " current_setting('transaction_read_only') AS tx")));
        assertThat(r.rows().get(0)).containsExactly("on", "on");
    }

    @Test
    void theServiceDatabaseIsRefusedWithoutConnecting() {
        PostgresConnector guarded = new PostgresConnector(limits(100), imports(10, 256),
                TestPolicies.serviceDatabaseAt(TestDatabases.PG_URL));
        String secret = "Service-DB-pw-77";
        for (String host : new String[] {HOST, "localhost", "127.0.0.1"}) {
            ObjectNode n = connector("postgres", host, PORT, DATABASE, PG_USER, secret);
            ((ObjectNode) n.get("connection")).put("sslmode", "disable");
            n.put("table", "twelve");
            ImportException e = importFailure(() -> guarded.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
            assertThat(e.getMessage()).contains("geoingest's own database");
            assertThat(allMessages(e)).doesNotContain(secret);
        }
    }

    @Test
    void hostileTableAndSchemaNamesCannotInjectSql() {
        importFailure(() -> connector.open(table("x\"; DROP TABLE conn_pg.victim; --")), ErrorCode.DATASOURCE_QUERY);
        ObjectNode n = request();
        n.put("schema", "conn_pg\".\"twelve\"; DROP TABLE conn_pg.victim; --");
        n.put("table", "twelve");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_pg.victim")).isZero(); // still exists
        Result r = readAll(connector.open(table("we\"ird")));
        assertThat(r.rows()).hasSize(1);
        assertThat(r.value(0, "id")).isEqualTo(7);
    }

    @Test
    void maxRowsTruncatesWithWarning() {
        Result r = readAll(new PostgresConnector(limits(5), imports(2, 256), ADDRESSES).open(table("twelve")));
        assertThat(r.rows()).hasSize(5);
        assertThat(r.batchSizes()).containsExactly(2, 2, 1);
        assertThat(r.warnings()).containsEntry("max_rows_per_connection", 5);

        Result exact = readAll(new PostgresConnector(limits(12), imports(5, 256), ADDRESSES).open(table("twelve")));
        assertThat(exact.rows()).hasSize(12);
        assertThat(exact.warnings()).isEmpty();
    }

    @Test
    void tooManyColumnsIs2004() {
        PostgresConnector narrow = new PostgresConnector(limits(100), imports(10, 3), ADDRESSES);
        ImportException e = importFailure(() -> narrow.open(table("types")), ErrorCode.TOO_MANY_COLUMNS);
        assertThat(e.getMessage()).contains("25");
        assertThat(readAll(narrow.open(table("points"))).columns()).hasSize(4);
    }

    @Test
    void streamsALargeTableInSmallBatches() {
        PostgresConnector c = new PostgresConnector(limits(1_000_000), imports(997, 256), ADDRESSES);
        long rows = 0;
        long sum = 0;
        try (TableSource s = c.open(table("big"))) {
            for (Iterator<RowBatch> it = s.batches(); it.hasNext(); ) {
                RowBatch b = it.next();
                assertThat(b.size()).isBetween(1, 997);
                for (Object[] row : b.rows()) {
                    rows++;
                    sum += (Integer) row[0];
                }
            }
        }
        assertThat(rows).isEqualTo(BIG_ROWS);
        assertThat(sum).isEqualTo((long) BIG_ROWS * (BIG_ROWS + 1) / 2);
    }

    @Test
    void closingMidStreamReleasesTheConnection() {
        PostgresConnector c = new PostgresConnector(limits(1_000_000), imports(100, 256), ADDRESSES);
        for (int i = 0; i < 3; i++) {
            TableSource s = c.open(table("big"));
            Iterator<RowBatch> it = s.batches();
            assertThat(it.next().size()).isEqualTo(100);
            s.close();
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(count("conn_pg.big")).isEqualTo(BIG_ROWS);
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
