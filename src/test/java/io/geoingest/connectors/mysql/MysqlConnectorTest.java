package io.geoingest.connectors.mysql;

import static io.geoingest.connectors.ConnectorTestSupport.allMessages;
import static io.geoingest.connectors.ConnectorTestSupport.connector;
import static io.geoingest.connectors.ConnectorTestSupport.importFailure;
import static io.geoingest.connectors.ConnectorTestSupport.imports;
import static io.geoingest.connectors.ConnectorTestSupport.limits;
import static io.geoingest.connectors.ConnectorTestSupport.parse;
import static io.geoingest.connectors.ConnectorTestSupport.readAll;
import static io.geoingest.testing.TestDatabases.MYSQL_DATABASE;
import static io.geoingest.testing.TestDatabases.MYSQL_HOST;
import static io.geoingest.testing.TestDatabases.MYSQL_PASSWORD;
import static io.geoingest.testing.TestDatabases.MYSQL_PORT;
import static io.geoingest.testing.TestDatabases.MYSQL_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ColumnReader;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorTestSupport.Result;
import io.geoingest.connectors.SourceColumn;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.sources.SourceAddressPolicy;
import io.geoingest.sources.TestPolicies;
import io.geoingest.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** Against the local MariaDB (TestDatabases). Fixtures are tables named conn_my_*. */
class MysqlConnectorTest {
    private static final String UNICODE = "héllo wörld 日本 🎉";
    private static final int BIG_ROWS = 300_000;
    private static final SourceAddressPolicy ADDRESSES = TestPolicies.standard();
    private static final List<String> TABLES = List.of("conn_my_types", "conn_my_latin1", "conn_my_misdeclared",
            "conn_my_victim", "conn_my_we`ird", "conn_my_twelve", "conn_my_points", "conn_my_srids", "conn_my_big", "conn_my_times", "conn_my_empty");

    private final MysqlConnector connector = new MysqlConnector(limits(1_000_000), imports(1000, 256), ADDRESSES);

    @BeforeAll
    static void fixtures() throws SQLException {
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            dropAll(s);
            s.execute("SET SESSION sql_mode = ''");
            // The TIMESTAMP below is 2024-01-01 00:00:00 UTC, whatever the server's own zone.
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("""
                    CREATE TABLE conn_my_types (
                      id int PRIMARY KEY, t tinyint, flag tinyint(1), s smallint, m mediumint, i int, b bigint,
                      ui int unsigned, ub bigint unsigned, f float, d double, n decimal(12,3), bit1 bit(1), bits bit(5),
                      dt date, dtm datetime, ts timestamp NULL, tm time, yr year, c char(3), v varchar(50), tx text,
                      j json, e enum('red','green'), bl blob, other_geom geometry, geom geometry
                    ) CHARACTER SET utf8mb4""");
            s.execute("INSERT INTO conn_my_types VALUES (1, -5, 2, 300, 70000, -2147483648, 9007199254740993,"
                    + " 4000000000, 18446744073709551615, 0.1, 1.5e300, 12345.678, b'1', b'10101',"
                    + " '2024-02-29', '2024-02-29 13:14:15', '2024-01-01 00:00:00', '12:34:56', 2021, 'abc', '" + UNICODE
                    + "', 'long text', '{\"k\": [1, 2]}', 'green', x'00ff10', ST_GeomFromText('LINESTRING(0 0, 1 1)'),"
                    + " ST_GeomFromText('POINT(10 20)', 4326))");
            s.execute("INSERT INTO conn_my_types (id, dt, dtm) VALUES (2, '0000-00-00', '0000-00-00 00:00:00')");
            s.execute("INSERT INTO conn_my_types (id) VALUES (3)");

            s.execute("CREATE TABLE conn_my_latin1 (txt varchar(20)) CHARACTER SET latin1");
            s.execute("INSERT INTO conn_my_latin1 VALUES ('café €')");
            s.execute("CREATE TABLE conn_my_misdeclared (txt varchar(20)) CHARACTER SET latin1");
            s.execute("INSERT INTO conn_my_misdeclared VALUES (_binary x'636166c3a9')"); // UTF-8 "café" in latin1

            s.execute("CREATE TABLE conn_my_victim (id int)");
            s.execute("CREATE TABLE `conn_my_we``ird` (id int)");
            s.execute("INSERT INTO `conn_my_we``ird` VALUES (7)");

            s.execute("CREATE TABLE conn_my_twelve (id int)");
            s.execute("INSERT INTO conn_my_twelve SELECT seq FROM seq_1_to_12");

            s.execute("CREATE TABLE conn_my_points (id int, name varchar(10), longitude double, latitude decimal(9,6))");
            s.execute("INSERT INTO conn_my_points VALUES (1, 'ok', 2.5, 41.25), (2, 'bad', 200, 10), (3, 'none', NULL, NULL)");

            s.execute("CREATE TABLE conn_my_srids (id int, g geometry)");
            s.execute("INSERT INTO conn_my_srids VALUES"
                    + " (1, ST_GeomFromText('POINT(1113194.9079327357 2273030.926987689)', 3857)),"
                    + " (2, ST_GeomFromText('POINT(700000 6600000)', 2154)),"
                    + " (3, ST_GeomFromText('POINT(-3.7 40.4)', 0))");

            s.execute("CREATE TABLE conn_my_times (id int, tm time(6), tm0 time)");
            s.execute("INSERT INTO conn_my_times VALUES (1, '12:34:56.123456', '00:00:00'), (2, '24:00:00', '23:59:59'),"
                    + " (3, '-00:00:01', '838:59:59'), (4, '-838:59:59', '24:00:01'), (5, NULL, NULL)");
            s.execute("CREATE TABLE conn_my_empty (id int, name varchar(10))");

            s.execute("CREATE TABLE conn_my_big (id int PRIMARY KEY, label varchar(20))");
            s.execute("INSERT INTO conn_my_big SELECT seq, CONCAT('row ', seq) FROM seq_1_to_" + BIG_ROWS);
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            dropAll(s);
        }
    }

    private static void dropAll(Statement s) throws SQLException {
        for (String t : TABLES) {
            s.execute("DROP TABLE IF EXISTS `" + t.replace("`", "``") + "`");
        }
    }

    private static ObjectNode request() {
        return connector("mysql", MYSQL_HOST, MYSQL_PORT, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD);
    }

    private static ConnectorRequest table(String table) {
        ObjectNode n = request();
        n.put("table", table);
        return parse(n);
    }

    @Test
    void everyCommonTypeWithGeometryNullsUnicodeZeroDatesAndBlobs() {
        Result r = readAll(connector.open(table("conn_my_types")));
        assertThat(r.name()).isEqualTo("conn_my_types");
        assertThat(r.columns()).containsExactly(
                new Column("id", ColumnType.INTEGER), new Column("t", ColumnType.INTEGER),
                new Column("flag", ColumnType.INTEGER), new Column("s", ColumnType.INTEGER),
                new Column("m", ColumnType.INTEGER), new Column("i", ColumnType.INTEGER),
                new Column("b", ColumnType.BIGINT), new Column("ui", ColumnType.BIGINT),
                new Column("ub", ColumnType.NUMERIC), new Column("f", ColumnType.DOUBLE),
                new Column("d", ColumnType.DOUBLE), new Column("n", ColumnType.NUMERIC),
                new Column("bit1", ColumnType.BOOLEAN), new Column("bits", ColumnType.BIGINT),
                new Column("dt", ColumnType.DATE), new Column("dtm", ColumnType.TIMESTAMP),
                new Column("ts", ColumnType.TIMESTAMPTZ), new Column("tm", ColumnType.TIME),
                new Column("yr", ColumnType.INTEGER), new Column("c", ColumnType.TEXT),
                new Column("v", ColumnType.TEXT), new Column("tx", ColumnType.TEXT),
                new Column("j", ColumnType.TEXT), new Column("e", ColumnType.TEXT),
                new Column("bl", ColumnType.BYTEA), new Column("other_geom", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows()).hasSize(3);
        assertThat(r.rows().get(0)).containsExactly(1, -5, 2, 300, 70000, -2147483648, 9007199254740993L,
                4000000000L, new BigDecimal("18446744073709551615"), 0.1, 1.5e300, new BigDecimal("12345.678"),
                true, 21L, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 14, 15),
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), LocalTime.of(12, 34, 56), 2021, "abc", UNICODE, "long text", "{\"k\": [1, 2]}",
                "green", new byte[] {0, (byte) 0xff, 0x10}, "SRID=0;LINESTRING (0 0, 1 1)", r.value(0, "the_geom"));
        Geometry g = (Geometry) r.value(0, "the_geom");
        assertThat(g).isInstanceOf(Point.class);
        assertThat(g.getSRID()).isEqualTo(4326);
        assertThat(g.getCoordinate().x).isEqualTo(10.0);
        assertThat(g.getCoordinate().y).isEqualTo(20.0);

        // zero dates are null
        assertThat(r.value(1, "dt")).isNull();
        assertThat(r.value(1, "dtm")).isNull();
        // all NULL
        for (int i = 1; i < r.columns().size(); i++) {
            assertThat(r.rows().get(2)[i]).as(r.columns().get(i).name()).isNull();
        }
        // nothing is left out
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void sqlQueryImport() {
        ObjectNode n = request();
        n.put("sql_query", "SELECT id, v AS label, id AS id FROM conn_my_types WHERE id = 1;");
        n.put("import_as", "my_query");
        Result r = readAll(connector.open(parse(n)));
        assertThat(r.name()).isEqualTo("my_query");
        assertThat(r.names()).containsExactly("id", "label", "id");
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0)).containsExactly(1, UNICODE, 1);
    }

    @Test
    void queryTextReachesTheServerAsWrittenThoughPrepared() {
        ObjectNode n = request();
        n.put("sql_query", "SELECT 'why?' AS q, '{fn UCASE(''x'')}' AS esc, '{d ''2020-01-01''}' AS d, 2.5e0 AS f");
        n.put("import_as", "verbatim");
        Result r = readAll(connector.open(parse(n)));
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0)).containsExactly("why?", "{fn UCASE('x')}", "{d '2020-01-01'}", 2.5);
    }

    @Test
    void statementsTheServerCannotPrepareStillRunOrFailAs1011() {
        ObjectNode help = request();
        help.put("sql_query", "SHOW TABLES LIKE 'conn_my_twelve'");
        help.put("import_as", "x");
        assertThat(readAll(connector.open(parse(help))).rows()).hasSize(1);
        ObjectNode placeholder = request();
        placeholder.put("sql_query", "SELECT id FROM conn_my_twelve WHERE id = ?");
        placeholder.put("import_as", "x");
        importFailure(() -> connector.open(parse(placeholder)), ErrorCode.DATASOURCE_QUERY);
    }

    @Test
    void legacyTableNamesQuery() {
        ObjectNode n = request();
        n.put("sql_query", "SELECT id FROM conn_my_twelve WHERE id <= 3");
        n.put("table", "legacy_name");
        Result r = readAll(connector.open(parse(n)));
        assertThat(r.name()).isEqualTo("legacy_name");
        assertThat(r.rows()).hasSize(3);
    }

    @Test
    void latin1Encoding() {
        ObjectNode n = request();
        n.put("table", "conn_my_latin1");
        n.put("encoding", "latin1");
        assertThat(readAll(connector.open(parse(n))).value(0, "txt")).isEqualTo("café €");
        // without encoding the server's declared character set is trusted: same text
        assertThat(readAll(connector.open(table("conn_my_latin1"))).value(0, "txt")).isEqualTo("café €");
    }

    @Test
    void encodingRecoversTextStoredUnderTheWrongCharacterSet() {
        ObjectNode n = request();
        n.put("table", "conn_my_misdeclared");
        n.put("encoding", "utf8");
        assertThat(readAll(connector.open(parse(n))).value(0, "txt")).isEqualTo("café");
        assertThat(readAll(connector.open(table("conn_my_misdeclared"))).value(0, "txt")).isEqualTo("cafÃ©");
    }

    @Test
    void lonLatColumnsMakePoints() {
        Result r = readAll(connector.open(table("conn_my_points")));
        assertThat(r.names()).containsExactly("id", "name", "longitude", "latitude", "the_geom");
        assertThat(r.columns().get(4).type()).isEqualTo(ColumnType.GEOMETRY);
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(2.5);
        assertThat(p.getY()).isEqualTo(41.25);
        assertThat(p.getSRID()).isEqualTo(4326);
        assertThat(r.value(1, "the_geom")).isNull();
        assertThat(r.value(1, "longitude")).isEqualTo(200.0);
        assertThat(r.value(2, "the_geom")).isNull();
        assertThat(r.warnings()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void geometrySrids() {
        Result r = readAll(connector.open(table("conn_my_srids")));
        assertThat(r.names()).containsExactly("id", "the_geom");
        Point mercator = (Point) r.value(0, "the_geom");
        assertThat(mercator.getX()).isCloseTo(10.0, within(1e-9));
        assertThat(mercator.getY()).isCloseTo(20.0, within(1e-9));
        assertThat(mercator.getSRID()).isEqualTo(4326);
        assertThat(r.value(1, "the_geom")).isNull();
        Point unknown = (Point) r.value(2, "the_geom");
        assertThat(unknown.getX()).isEqualTo(-3.7);
        assertThat(unknown.getSRID()).isEqualTo(4326);
        assertThat(r.warnings()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void unreachableServerIs1012WithoutThePassword() {
        String secret = "Sup3r-S3cret!pw";
        ObjectNode n = connector("mysql", "127.0.0.1", 1, MYSQL_DATABASE, MYSQL_USER, secret);
        n.put("table", "conn_my_types");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("127.0.0.1:1");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    @Test
    void wrongPasswordIs1012WithoutThePassword() {
        String secret = "not-the-Password-42";
        ObjectNode n = connector("mysql", MYSQL_HOST, MYSQL_PORT, MYSQL_DATABASE, MYSQL_USER, secret);
        n.put("table", "conn_my_types");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).containsIgnoringCase("access denied");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    @Test
    void unknownDatabaseIs1012() {
        ObjectNode n = connector("mysql", MYSQL_HOST, MYSQL_PORT, "conn_no_such_db", MYSQL_USER, MYSQL_PASSWORD);
        n.put("table", "conn_my_types");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
    }

    @Test
    void databaseNameCannotInjectUrlParameters() {
        ObjectNode n = connector("mysql", MYSQL_HOST, MYSQL_PORT, MYSQL_DATABASE + "?allowLoadLocalInfile=true&a=b#c",
                MYSQL_USER, MYSQL_PASSWORD);
        n.put("table", "conn_my_types");
        ImportException e = importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).containsIgnoringCase("unknown database");
    }

    /** TIME is a duration in MySQL: what a PostgreSQL time can hold is kept exactly, the rest is null and counted. */
    @Test
    void timeIsATimeOfDayToTheMicrosecondAndOutOfRangeValuesAreNullAndCounted() {
        Result r = readAll(connector.open(table("conn_my_times")));
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER), new Column("tm", ColumnType.TIME),
                new Column("tm0", ColumnType.TIME));
        assertThat(r.rows().get(0)).containsExactly(1, LocalTime.of(12, 34, 56, 123_456_000), LocalTime.MIDNIGHT);
        // 24:00:00 is a PostgreSQL time too: LocalTime.MAX stands for it (the sink writes 24:00:00).
        assertThat(r.rows().get(1)).containsExactly(2, LocalTime.MAX, LocalTime.of(23, 59, 59));
        // Negative and past 24:00:00: no PostgreSQL time holds them (the sign survives the binary protocol).
        assertThat(r.rows().get(2)).containsExactly(3, null, null);
        assertThat(r.rows().get(3)).containsExactly(4, null, null);
        assertThat(r.rows().get(4)).containsExactly(5, null, null);
        assertThat(r.warnings()).isEqualTo(Map.of("out_of_range_values", 4L));
    }

    /**
     * MySQL's JSON becomes json (not jsonb, which refuses the escape \\u0000 MySQL accepts).
     * MariaDB has no JSON type (its JSON is LONGTEXT, and text here): the column as MySQL's
     * Connector/J describes it.
     */
    @Test
    void mysqlJsonIsJson() {
        ColumnReader json = connector.map(new SourceColumn("doc", java.sql.Types.LONGVARCHAR, "JSON", 1073741824, true), 1,
                table("conn_my_types"), new io.geoingest.kernel.ImportWarnings());
        assertThat(json.column()).isEqualTo(new Column("doc", ColumnType.JSON));
    }

    /** Seed 004: "The query worked, but returned no results": 1015, for a table as for a query. */
    @Test
    void aTableOrQueryWithoutRowsIs1015() {
        ImportException e = importFailure(() -> readAll(connector.open(table("conn_my_empty"))), ErrorCode.NO_RESULTS);
        assertThat(e.getMessage()).contains("conn_my_empty");
        ObjectNode n = request();
        n.put("sql_query", "SELECT id FROM conn_my_twelve WHERE id > 100");
        n.put("import_as", "none");
        importFailure(() -> readAll(connector.open(parse(n))), ErrorCode.NO_RESULTS);
    }

    @Test
    void unknownTableIs1011() {
        ImportException e = importFailure(() -> connector.open(table("conn_my_no_such_table")), ErrorCode.DATASOURCE_QUERY);
        assertThat(e.getMessage()).contains("conn_my_no_such_table");
    }

    @Test
    void badSqlIs1011AndWritesAreRefused() {
        ObjectNode n = request();
        n.put("sql_query", "SELEC nonsense");
        n.put("import_as", "x");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_QUERY);
        ObjectNode w = request();
        w.put("sql_query", "DELETE FROM conn_my_twelve");
        w.put("import_as", "x");
        importFailure(() -> connector.open(parse(w)), ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_my_twelve")).isEqualTo(12);
        ObjectNode ro = request();
        ro.put("sql_query", "SELECT IF(@@tx_read_only, 'yes', 'no') AS ro");
        ro.put("import_as", "x");
        assertThat(readAll(connector.open(parse(ro))).value(0, "ro")).isEqualTo("yes");
    }

    @Test
    void multipleStatementsAreRefused() {
        ObjectNode n = request();
        n.put("sql_query", "SELECT 1; DROP TABLE conn_my_victim");
        n.put("import_as", "x");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_my_victim")).isZero(); // still exists
    }

    @Test
    void theServiceDatabasePortIsRefusedToo() {
        MysqlConnector guarded = new MysqlConnector(limits(100), imports(10, 256),
                TestPolicies.serviceDatabaseAt("jdbc:postgresql://localhost:" + MYSQL_PORT + "/geoingest"));
        ImportException e = importFailure(() -> guarded.open(table("conn_my_twelve")), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("geoingest's own database");
    }

    @Test
    void hostileTableAndSchemaNamesCannotInjectSql() {
        importFailure(() -> connector.open(table("x`; DROP TABLE conn_my_victim; --")), ErrorCode.DATASOURCE_QUERY);
        importFailure(() -> connector.open(table("conn_my_twelve` UNION SELECT 1; DROP TABLE conn_my_victim; --")),
                ErrorCode.DATASOURCE_QUERY);
        ObjectNode n = request();
        n.put("schema", MYSQL_DATABASE + "`.`conn_my_twelve`; DROP TABLE conn_my_victim; -- ");
        n.put("table", "conn_my_twelve");
        importFailure(() -> connector.open(parse(n)), ErrorCode.DATASOURCE_QUERY);
        assertThat(count("conn_my_victim")).isZero(); // still exists
        // a real table whose name holds a backtick is read
        Result r = readAll(connector.open(table("conn_my_we`ird")));
        assertThat(r.rows()).hasSize(1);
        assertThat(r.value(0, "id")).isEqualTo(7);
    }

    @Test
    void maxRowsTruncatesWithWarning() {
        MysqlConnector limited = new MysqlConnector(limits(5), imports(2, 256), ADDRESSES);
        Result r = readAll(limited.open(table("conn_my_twelve")));
        assertThat(r.rows()).hasSize(5);
        assertThat(r.batchSizes()).containsExactly(2, 2, 1);
        assertThat(r.warnings()).containsEntry("max_rows_per_connection", 5);

        Result exact = readAll(new MysqlConnector(limits(12), imports(5, 256), ADDRESSES).open(table("conn_my_twelve")));
        assertThat(exact.rows()).hasSize(12);
        assertThat(exact.batchSizes()).containsExactly(5, 5, 2);
        assertThat(exact.warnings()).isEmpty();
    }

    @Test
    void tooManyColumnsIs2004() {
        MysqlConnector narrow = new MysqlConnector(limits(100), imports(10, 4), ADDRESSES);
        importFailure(() -> narrow.open(table("conn_my_types")), ErrorCode.TOO_MANY_COLUMNS);
        // the remote columns count, not the_geom made from them
        assertThat(readAll(narrow.open(table("conn_my_points"))).columns()).hasSize(5);
    }

    @Test
    void streamsALargeTableInSmallBatches() {
        MysqlConnector c = new MysqlConnector(limits(1_000_000), imports(997, 256), ADDRESSES);
        long rows = 0;
        long sum = 0;
        int batches = 0;
        try (TableSource s = c.open(table("conn_my_big"))) {
            for (Iterator<RowBatch> it = s.batches(); it.hasNext(); ) {
                RowBatch b = it.next();
                assertThat(b.size()).isBetween(1, 997);
                batches++;
                for (Object[] row : b.rows()) {
                    rows++;
                    sum += (Integer) row[0];
                }
            }
            assertThat(s.warnings().isEmpty()).isTrue();
        }
        assertThat(rows).isEqualTo(BIG_ROWS);
        assertThat(sum).isEqualTo((long) BIG_ROWS * (BIG_ROWS + 1) / 2);
        assertThat(batches).isEqualTo((BIG_ROWS + 996) / 997);
    }

    @Test
    void closingMidStreamReleasesTheConnection() throws SQLException {
        MysqlConnector c = new MysqlConnector(limits(1_000_000), imports(100, 256), ADDRESSES);
        for (int i = 0; i < 3; i++) {
            TableSource s = c.open(table("conn_my_big"));
            Iterator<RowBatch> it = s.batches();
            assertThat(it.next().size()).isEqualTo(100);
            s.close();
            assertThat(it.hasNext()).isFalse();
            s.close(); // idempotent
        }
        assertThat(count("conn_my_big")).isEqualTo(BIG_ROWS);
    }

    private static int count(String table) {
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
