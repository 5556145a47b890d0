package io.geoingest.connectors.snowflake;

import static io.geoingest.connectors.ConnectorTestSupport.allMessages;
import static io.geoingest.connectors.ConnectorTestSupport.connector;
import static io.geoingest.connectors.ConnectorTestSupport.importFailure;
import static io.geoingest.connectors.ConnectorTestSupport.imports;
import static io.geoingest.connectors.ConnectorTestSupport.limits;
import static io.geoingest.connectors.ConnectorTestSupport.parse;
import static io.geoingest.connectors.ConnectorTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorTestSupport.Result;
import io.geoingest.connectors.snowflake.FakeSnowflake.Col;
import io.geoingest.connectors.snowflake.FakeSnowflake.Failure;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.sources.SourceAddressPolicy;
import io.geoingest.sources.TestPolicies;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.springframework.util.unit.DataSize;

/**
 * The real snowflake-jdbc driver against {@link FakeSnowflake}: login, queries, results in
 * several downloaded chunks, failures. Only the transport differs from Snowflake: plain HTTP
 * ({@code geoingest.connectors.snowflake.ssl=false}).
 */
class SnowflakeConnectorTest {
    private static final String PASSWORD = "s3cr3t-Pa55word";
    private static final String TYPES_SQL = "SELECT * FROM \"SFDATABASE\".\"PUBLIC\".\"TYPES\"";
    private static final List<Col> TYPE_COLUMNS = List.of(
            new Col("ID", "fixed", 38, 0), new Col("COUNT", "fixed", 18, 0), new Col("AMOUNT", "fixed", 10, 2),
            Col.of("RATIO", "real"), Col.of("FLAG", "boolean"), Col.of("DAY", "date"), new Col("AT", "time", null, 9),
            new Col("NTZ", "timestamp_ntz", null, 9), new Col("LTZ", "timestamp_ltz", null, 9),
            new Col("TZ", "timestamp_tz", null, 9), Col.of("NAME", "text"), Col.of("PAYLOAD", "variant"),
            Col.of("TAGS", "array"), Col.of("ATTRS", "object"), Col.of("RAW", "binary"),
            Col.of("LOCATION", "geography"), Col.of("SHAPE", "geometry"));

    private final SourceAddressPolicy addresses = TestPolicies.standard();
    private FakeSnowflake snowflake;

    @BeforeEach
    void start() throws IOException {
        // Two rows in the query response, then chunks of two.
        snowflake = new FakeSnowflake(2, 2);
        snowflake.user("geo", PASSWORD);
    }

    @AfterEach
    void stop() {
        snowflake.close();
    }

    private SnowflakeConnector snowflakeConnector(int maxRows) {
        return new SnowflakeConnector(limits(maxRows), imports(3, 256), addresses, testEndpoint());
    }

    /** Plain HTTP for the fake; otherwise the defaults. */
    private static SnowflakeProperties testEndpoint() {
        return new SnowflakeProperties(false, DataSize.ofMegabytes(256), 2);
    }

    private ObjectNode request(String password) {
        ObjectNode n = connector("snowflake", snowflake.host(), snowflake.port(), "sfdatabase", "geo", password);
        ((ObjectNode) n.get("connection")).put("warehouse", "sfwarehouse");
        return n;
    }

    private ConnectorRequest table(String table) {
        ObjectNode n = request(PASSWORD);
        n.put("table", table);
        return parse(n);
    }

    private ConnectorRequest query(String sql) {
        ObjectNode n = request(PASSWORD);
        n.put("sql_query", sql);
        n.put("import_as", "imported");
        return parse(n);
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void everyTypeAcrossDownloadedChunks() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("123456789012345678901234567890", "42", "12.34", "1.5", "1", "19782", "45296.123456789",
                "1709212455.123456789", "1709212455.000000000", "1709212455.000000000 1500", "héllo 日本",
                "{\"a\":1}", "[1]", "{}", "00FF", "POINT(1 2)", "SRID=4326;POINT(5 6)"));
        rows.add(row("2", "-9007199254740993", "-0.50", "-2.25E-10", "0", "0", "0", "0.000000000",
                "0.000000000", "0.000000000 1440", "", null, null, null, null,
                "{\"type\":\"Point\",\"coordinates\":[3,4]}", null));
        for (int i = 3; i <= 7; i++) {
            rows.add(row(Integer.toString(i), null, null, null, null, null, null, null, null, null, "row " + i,
                    null, null, null, null, i == 7 ? "not a geometry" : null, null));
        }
        snowflake.answer(TYPES_SQL, new FakeSnowflake.Result(TYPE_COLUMNS, rows));

        Result r = readAll(snowflakeConnector(1_000_000).open(table("types")));

        assertThat(snowflake.queries()).containsExactly(TYPES_SQL);
        assertThat(r.name()).isEqualTo("types");
        assertThat(r.columns()).containsExactly(
                new Column("ID", ColumnType.NUMERIC), new Column("COUNT", ColumnType.BIGINT),
                new Column("AMOUNT", ColumnType.NUMERIC), new Column("RATIO", ColumnType.DOUBLE),
                new Column("FLAG", ColumnType.BOOLEAN), new Column("DAY", ColumnType.DATE),
                new Column("AT", ColumnType.TIME), new Column("NTZ", ColumnType.TIMESTAMP),
                new Column("LTZ", ColumnType.TIMESTAMPTZ), new Column("TZ", ColumnType.TIMESTAMPTZ),
                new Column("NAME", ColumnType.TEXT), new Column("PAYLOAD", ColumnType.JSON),
                new Column("TAGS", ColumnType.JSON), new Column("ATTRS", ColumnType.JSON), new Column("RAW", ColumnType.BYTEA),
                new Column("the_geom", ColumnType.GEOMETRY), new Column("SHAPE", ColumnType.TEXT));
        assertThat(r.rows()).hasSize(7);
        assertThat(Arrays.copyOf(r.rows().get(0), 11)).containsExactly(
                new BigDecimal("123456789012345678901234567890"), 42L, new BigDecimal("12.34"), 1.5, true,
                LocalDate.of(2024, 2, 29), LocalTime.of(12, 34, 56, 123_456_789),
                LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_789),
                OffsetDateTime.parse("2024-02-29T05:14:15-08:00"), OffsetDateTime.parse("2024-02-29T14:14:15+01:00"),
                "héllo 日本");
        assertThat(r.value(0, "SHAPE")).isEqualTo("SRID=4326;POINT(5 6)");
        assertThat(r.value(0, "RAW")).isEqualTo(new byte[] {0, (byte) 0xff});
        assertThat(r.value(1, "RAW")).isNull();
        assertThat(Arrays.asList(r.value(0, "PAYLOAD"), r.value(0, "TAGS"), r.value(0, "ATTRS")))
                .containsExactly("{\"a\":1}", "[1]", "{}");
        assertThat(r.value(1, "PAYLOAD")).isNull();
        assertThat(Arrays.copyOf(r.rows().get(1), 11)).containsExactly(
                new BigDecimal("2"), -9007199254740993L, new BigDecimal("-0.50"), -2.25E-10, false,
                LocalDate.of(1970, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1970, 1, 1, 0, 0),
                OffsetDateTime.parse("1969-12-31T16:00-08:00"), OffsetDateTime.parse("1970-01-01T00:00Z"), "");
        assertThat(r.value(6, "NAME")).isEqualTo("row 7");
        assertThat(r.value(6, "COUNT")).isNull();
        assertThat(r.value(6, "NTZ")).isNull();

        Geometry wkt = (Geometry) r.value(0, "the_geom");
        Geometry geojson = (Geometry) r.value(1, "the_geom");
        assertThat(wkt.toText()).isEqualTo("POINT (1 2)");
        assertThat(wkt.getSRID()).isEqualTo(4326);
        assertThat(geojson.toText()).isEqualTo("POINT (3 4)");
        assertThat(r.value(2, "the_geom")).isNull();
        assertThat(r.value(6, "the_geom")).isNull();
        assertThat(r.warnings()).doesNotContainKey("skipped_columns").containsEntry("invalid_geometries", 1L);

        // Rows 3-7 came in three chunk downloads, each with the result's chunk headers.
        assertThat(snowflake.requests().stream().filter(q -> q.path().startsWith("/chunks/")).toList()).hasSize(3);
        // The session was closed once the rows ran out.
        assertThat(snowflake.requests("/session")).singleElement()
                .satisfies(q -> assertThat(q.uri().getQuery()).contains("delete=true"));
    }

    @Test
    void loginSendsCredentialsOnlyInTheBodyAndSetsTheSession() {
        snowflake.answer(TYPES_SQL, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0)), FakeSnowflake.numbered(1, 1)));
        readAll(snowflakeConnector(1_000_000).open(table("types")));

        FakeSnowflake.Request login = snowflake.requests("/session/v1/login-request").get(0);
        assertThat(login.uri().toString()).doesNotContain(PASSWORD)
                .contains("databaseName=sfdatabase", "schemaName=PUBLIC", "warehouse=sfwarehouse");
        JsonNode data = login.json().path("data");
        assertThat(data.path("LOGIN_NAME").asText()).isEqualTo("geo");
        assertThat(data.path("PASSWORD").asText()).isEqualTo(PASSWORD);
        assertThat(data.path("CLIENT_ENVIRONMENT").path("APPLICATION").asText()).isEqualTo("geoingest");
        assertThat(data.path("CLIENT_ENVIRONMENT").toString()).doesNotContain(PASSWORD);
        JsonNode session = data.path("SESSION_PARAMETERS");
        assertThat(session.path("JDBC_QUERY_RESULT_FORMAT").asText()).isEqualTo("JSON");
        assertThat(session.path("MULTI_STATEMENT_COUNT").asText()).isEqualTo("1");
        assertThat(session.path("CLIENT_RESULT_CHUNK_SIZE").asText()).isEqualTo("48");
        assertThat(session.path("CLIENT_PREFETCH_THREADS").asText()).isEqualTo("2");
        assertThat(session.path("CLIENT_MEMORY_LIMIT").asText()).isEqualTo("256");
        assertThat(session.path("CLIENT_TELEMETRY_ENABLED").asText()).isEqualTo("false");
        assertThat(session.path("GEOGRAPHY_OUTPUT_FORMAT").asText()).isEqualTo("WKT");
        assertThat(session.path("TIMESTAMP_TZ_OUTPUT_FORMAT").asText()).isEqualTo("YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM");
        for (FakeSnowflake.Request q : snowflake.requests()) {
            assertThat(q.uri().toString()).doesNotContain(PASSWORD);
            if (!q.path().equals("/session/v1/login-request")) {
                assertThat(q.body()).doesNotContain(PASSWORD);
            }
        }
        assertThat(snowflake.requests("/telemetry/send")).isEmpty();
    }

    @Test
    void sqlQueryRunsWrappedAndANamedTextColumnBecomesTheGeometry() {
        String wrapped = "SELECT * FROM (\nSELECT id, ST_ASWKT(g) AS wkt FROM places -- mine\n)";
        snowflake.answer(wrapped, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0), Col.of("WKT", "text")), List.of(
                row("1", "POINT(1 2)"),
                row("2", "0101000000000000000000F03F0000000000000040"),
                row("3", "{\"type\":\"Point\",\"coordinates\":[5,6]}"),
                row("4", null))));

        Result r = readAll(snowflakeConnector(1_000_000).open(query("SELECT id, ST_ASWKT(g) AS wkt FROM places -- mine\n;  ")));

        assertThat(snowflake.queries()).containsExactly(wrapped);
        assertThat(r.name()).isEqualTo("imported");
        assertThat(r.columns()).containsExactly(new Column("ID", ColumnType.BIGINT), new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(1L, 2L, 3L, 4L);
        assertThat(r.rows()).extracting(row -> row[1] == null ? null : ((Geometry) row[1]).toText())
                .containsExactly("POINT (1 2)", "POINT (1 2)", "POINT (5 6)", null);
        assertThat(r.warnings()).isEmpty();
    }

    /** Seed 004's 1015: "The query worked, but returned no results". */
    @Test
    void aResultWithoutRowsIs1015() {
        String sql = "SELECT * FROM (\nSELECT id FROM t WHERE false\n)";
        snowflake.answer(sql, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0)), List.of()));

        importFailure(() -> readAll(snowflakeConnector(1_000_000).open(query("SELECT id FROM t WHERE false"))),
                ErrorCode.NO_RESULTS);
    }

    @Test
    void aGeographyColumnWinsOverANamedTextColumn() {
        String sql = "SELECT * FROM (\nSELECT wkt, place FROM t\n)";
        snowflake.answer(sql, new FakeSnowflake.Result(List.of(Col.of("WKT", "text"), Col.of("PLACE", "geography")),
                List.of(row("POINT(1 1)", "POINT(2 2)"))));

        Result r = readAll(snowflakeConnector(1_000_000).open(query("SELECT wkt, place FROM t")));

        assertThat(r.columns()).containsExactly(new Column("WKT", ColumnType.TEXT), new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.value(0, "WKT")).isEqualTo("POINT(1 1)");
        assertThat(((Geometry) r.value(0, "the_geom")).toText()).isEqualTo("POINT (2 2)");
    }

    @Test
    void refusedLoginIs1012WithTheReasonAndNoPassword() {
        ImportException e = importFailure(() -> snowflakeConnector(1_000_000).open(parse(withTable(request("wrong-" + PASSWORD)))),
                ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).contains("Incorrect username or password was specified")
                .contains("snowflake server " + snowflake.host() + ":" + snowflake.port());
        assertThat(allMessages(e)).doesNotContain(PASSWORD);
        assertThat(snowflake.queries()).isEmpty();
    }

    @Test
    void failingQueryIs1011WithSnowflakesMessage() {
        snowflake.fail(TYPES_SQL, new Failure("002003", "42S02",
                "SQL compilation error:\nObject 'SFDATABASE.PUBLIC.TYPES' does not exist or not authorized."));

        ImportException e = importFailure(() -> snowflakeConnector(1_000_000).open(table("types")), ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).contains("Object 'SFDATABASE.PUBLIC.TYPES' does not exist or not authorized");
        assertThat(allMessages(e)).doesNotContain(PASSWORD);
        assertThat(snowflake.requests("/session")).hasSize(1);
    }

    @Test
    void aLongQueryIsPolledForItsResult() {
        snowflake.answerSlowly(TYPES_SQL, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0)), FakeSnowflake.numbered(1, 5)));

        Result r = readAll(snowflakeConnector(1_000_000).open(table("types")));

        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(snowflake.requests()).anySatisfy(q -> assertThat(q.path()).endsWith("/result"));
    }

    @Test
    void closingBeforeTheEndEndsTheSession() {
        snowflake.answer(TYPES_SQL, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0)), FakeSnowflake.numbered(1, 12)));

        try (TableSource source = snowflakeConnector(1_000_000).open(table("types"))) {
            Iterator<RowBatch> batches = source.batches();
            assertThat(batches.next().rows()).extracting(row -> row[0]).containsExactly(1L, 2L, 3L);
        }

        assertThat(snowflake.requests("/session")).singleElement()
                .satisfies(q -> assertThat(q.uri().getQuery()).contains("delete=true"));
    }

    @Test
    void aLongerResultIsTruncatedWithAWarning() {
        snowflake.answer(TYPES_SQL, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0)), FakeSnowflake.numbered(1, 12)));

        Result r = readAll(snowflakeConnector(5).open(table("types")));

        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(r.warnings()).containsEntry("max_rows_per_connection", 5);
    }

    @Test
    void namesAreQuotedSoThatNoneCanInjectSql() {
        String sql = "SELECT * FROM \"SFDATABASE\".\"my schema\".\"x\"\"; DROP TABLE y; --\"";
        snowflake.answer(sql, new FakeSnowflake.Result(List.of(new Col("ID", "fixed", 9, 0)), FakeSnowflake.numbered(7, 7)));
        ObjectNode n = request(PASSWORD);
        n.put("schema", "my schema");
        n.put("table", "x\"; DROP TABLE y; --");

        Result r = readAll(snowflakeConnector(1_000_000).open(parse(n)));

        assertThat(snowflake.queries()).containsExactly(sql);
        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(7L);
    }

    @Test
    void aRefusedServerIsNeverContacted() {
        SnowflakeConnector guarded = new SnowflakeConnector(limits(10), imports(3, 256),
                TestPolicies.serviceDatabaseAt("jdbc:postgresql://" + snowflake.host() + ":" + snowflake.port() + "/geoingest"),
                testEndpoint());

        importFailure(() -> guarded.open(table("types")), ErrorCode.DATASOURCE_CONNECTION);

        assertThat(snowflake.requests()).isEmpty();
    }

    @Test
    void aServerNameWithoutAnAccountIs1012() {
        ObjectNode n = withTable(request(PASSWORD));
        ((ObjectNode) n.get("connection")).put("server", "localhost");

        ImportException e = importFailure(() -> snowflakeConnector(10).open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).contains("snowflake server localhost");
        assertThat(allMessages(e)).doesNotContain(PASSWORD);
        assertThat(snowflake.requests()).isEmpty();
    }

    private static ObjectNode withTable(ObjectNode n) {
        n.put("table", "types");
        return n;
    }
}
