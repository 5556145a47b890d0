package io.geoingest.connectors.bigquery;

import static io.geoingest.connectors.bigquery.BigQueryTestSupport.BILLING;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.DATASET;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.PROJECT;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.importFailure;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.micros;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.query;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.readAll;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.bigquery.BigQueryTestSupport.Result;
import io.geoingest.connectors.bigquery.BigQueryTestSupport.Setup;
import io.geoingest.connectors.bigquery.FakeBigQuery.Data;
import io.geoingest.connectors.bigquery.FakeBigQuery.Field;
import io.geoingest.connectors.bigquery.FakeBigQuery.Request;
import io.geoingest.connectors.bigquery.FakeBigQuery.Rows;
import io.geoingest.connectors.bigquery.FakeBigQuery.Struct;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Imports through the real Google client against {@link FakeBigQuery}. */
class BigQueryConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNICODE = "héllo wörld 日本 🎉";

    private FakeBigQuery fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeBigQuery();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void importsATableAcrossPagesWithEveryMappedType() {
        List<Field> schema = List.of(Field.of("name", "STRING"), Field.of("count", "INTEGER"), Field.of("ratio", "FLOAT"),
                Field.of("price", "NUMERIC"), Field.of("big", "BIGNUMERIC"), Field.of("flag", "BOOLEAN"),
                Field.of("day", "DATE"), Field.of("at", "TIME"), Field.of("local", "DATETIME"),
                Field.of("ts", "TIMESTAMP"), Field.of("location", "GEOGRAPHY"), Field.of("geom", "GEOGRAPHY"),
                Field.of("doc", "JSON"));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(UNICODE, "9223372036854775807", "1.5", "99999999999999999999999999999.999999999",
                "-0.12345678901234567890123456789012345678", "true", "2024-02-29", "23:59:59.999999",
                "2024-02-29T12:34:56.789012", micros("9999-12-31T23:59:59.999999Z"), "POINT(1 2)",
                "POINT(-3.7038 40.4168)", "{\"a\":[1,2]}"));
        rows.add(List.of("O'Brien \"q\"\ttab\nline", "-9223372036854775808", "NaN", "0.000000001",
                "578960446186580977117854925043439539266.34992332820282019728792003956564819967", "false",
                "0001-01-01", "00:00:00", "0001-01-01T00:00:00", micros("1337-09-02T11:43:21.622894Z"),
                "LINESTRING(0 0, 1 1)", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "null"));
        rows.add(Arrays.asList(new Object[schema.size()]));
        rows.add(List.of("", "0", "-Infinity", "-1.10", "0", "false", "1970-01-01", "12:00:00",
                "1970-01-01T00:00:00", "0", "not WKT", "POINT(1", "[]"));
        for (int i = 4; i < 7; i++) {
            rows.add(List.of("row" + i, Integer.toString(i), "0.25", "1", "1", "true", "2000-01-01", "01:02:03",
                    "2000-01-01T01:02:03", micros("2000-01-01T01:02:03.000004Z"), "POINT(0 0)",
                    "POINT(" + i + " " + i + ")", "{}"));
        }
        fake.table(PROJECT, DATASET, "t", new Data(schema, Rows.of(rows)));

        Result r = readAll(Setup.of(fake).pageSize(3).batchSize(2).connector().open(table("t")));

        assertThat(r.name()).isEqualTo("t");
        assertThat(r.columns()).containsExactly(new Column("name", ColumnType.TEXT),
                new Column("count", ColumnType.BIGINT), new Column("ratio", ColumnType.DOUBLE),
                new Column("price", ColumnType.NUMERIC), new Column("big", ColumnType.NUMERIC),
                new Column("flag", ColumnType.BOOLEAN), new Column("day", ColumnType.DATE),
                new Column("at", ColumnType.TIME), new Column("local", ColumnType.TIMESTAMP),
                new Column("ts", ColumnType.TIMESTAMPTZ), new Column("location", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY), new Column("doc", ColumnType.JSON));
        assertThat(r.rows()).hasSize(7);
        assertThat(r.batchSizes()).containsExactly(2, 2, 2, 1);

        assertThat(r.rows().get(0)).containsExactly(UNICODE, Long.MAX_VALUE, 1.5,
                new BigDecimal("99999999999999999999999999999.999999999"),
                new BigDecimal("-0.12345678901234567890123456789012345678"), true, LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC), "POINT(1 2)",
                r.value(0, "the_geom"), "{\"a\":[1,2]}");
        Point madrid = (Point) r.value(0, "the_geom");
        assertThat(madrid.getX()).isEqualTo(-3.7038);
        assertThat(madrid.getY()).isEqualTo(40.4168);
        assertThat(madrid.getSRID()).isEqualTo(4326);

        Object[] second = r.rows().get(1);
        assertThat(second[0]).isEqualTo("O'Brien \"q\"\ttab\nline");
        assertThat(second[1]).isEqualTo(Long.MIN_VALUE);
        assertThat((Double) second[2]).isNaN();
        assertThat(second[3]).isEqualTo(new BigDecimal("0.000000001"));
        assertThat(second[4]).isEqualTo(
                new BigDecimal("578960446186580977117854925043439539266.34992332820282019728792003956564819967"));
        assertThat(r.value(1, "day")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(r.value(1, "local")).isEqualTo(LocalDateTime.of(1, 1, 1, 0, 0));
        // Float seconds cannot hold these microseconds: integer microseconds were asked for.
        assertThat(r.value(1, "ts")).isEqualTo(OffsetDateTime.parse("1337-09-02T11:43:21.622894Z"));
        assertThat(r.value(1, "location")).isEqualTo("LINESTRING(0 0, 1 1)");
        Polygon square = (Polygon) r.value(1, "the_geom");
        assertThat(square.getArea()).isEqualTo(100.0);
        assertThat(square.getSRID()).isEqualTo(4326);
        assertThat(r.value(1, "doc")).isEqualTo("null");

        assertThat(r.rows().get(2)).containsOnlyNulls();

        assertThat(r.value(3, "name")).isEqualTo("");
        assertThat(r.value(3, "ratio")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.value(3, "price")).isEqualTo(new BigDecimal("-1.10"));
        assertThat(r.value(3, "ts")).isEqualTo(OffsetDateTime.parse("1970-01-01T00:00:00Z"));
        assertThat(r.value(3, "location")).isEqualTo("not WKT");
        assertThat(r.value(3, "the_geom")).isNull();
        assertThat(r.value(6, "ts")).isEqualTo(OffsetDateTime.parse("2000-01-01T01:02:03.000004Z"));
        assertThat(((Geometry) r.value(6, "the_geom")).getCoordinate().x).isEqualTo(6.0);

        assertThat(r.warnings()).containsExactly(java.util.Map.entry("invalid_geometries", 1L));

        List<Request> pages = fake.requests("GET", PROJECT + "/datasets/ds/tables/t/data");
        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.query()).containsEntry("maxResults", "3").containsEntry("formatOptions.useInt64Timestamp", "true");
        });
        assertThat(pages.stream().map(p -> p.query().get("pageToken"))).containsExactly(null, "row:3", "row:6");
        // Only the calls that return rows take the timestamp format.
        assertThat(fake.requests("GET", PROJECT + "/datasets/ds/tables/t")).singleElement()
                .satisfies(p -> assertThat(p.query()).doesNotContainKey("formatOptions.useInt64Timestamp"));
        // No query ran: listing a table is not billed.
        assertThat(fake.requests("POST", ".*")).isEmpty();
    }

    @Test
    void importsAQueryRunInTheBillingProject() throws Exception {
        String sql = "SELECT name, geo AS the_geom FROM `data-proj.ds.t` WHERE n > 1";
        List<List<Object>> rows = IntStream.range(0, 5)
                .mapToObj(i -> List.<Object>of("n" + i, "POINT(" + i + " 1)")).toList();
        fake.query(sql, new Data(List.of(Field.of("name", "STRING"), Field.of("the_geom", "GEOGRAPHY")), Rows.of(rows)));
        fake.pollsBeforeDone(2);

        Result r = readAll(Setup.of(fake).pageSize(2).connector().open(query(sql, "my_result")));

        assertThat(r.name()).isEqualTo("my_result");
        assertThat(r.columns()).containsExactly(new Column("name", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows()).extracting(row -> row[0]).containsExactly("n0", "n1", "n2", "n3", "n4");
        assertThat(((Point) r.value(4, "the_geom")).getX()).isEqualTo(4.0);

        List<Request> inserts = fake.requests("POST", BILLING + "/jobs");
        assertThat(inserts).hasSize(2);
        JsonNode dryRun = JSON.readTree(inserts.get(0).body());
        assertThat(dryRun.at("/configuration/dryRun").asBoolean()).isTrue();
        JsonNode job = JSON.readTree(inserts.get(1).body());
        assertThat(job.at("/configuration/dryRun").asBoolean(false)).isFalse();
        assertThat(job.at("/configuration/query/query").asText()).isEqualTo(sql);
        assertThat(job.at("/configuration/query/useLegacySql").asBoolean(true)).isFalse();
        assertThat(job.at("/configuration/jobTimeoutMs").asLong()).isEqualTo(60_000);
        assertThat(fake.requests("GET", BILLING + "/queries/.*")).hasSizeGreaterThanOrEqualTo(3);
        List<Request> pages = fake.requests("GET", BILLING + "/datasets/_fake_anon/tables/.*/data");
        assertThat(pages).hasSize(3).allSatisfy(p -> assertThat(p.query()).containsEntry("maxResults", "2"));
        // project and dataset are ignored for a query.
        assertThat(fake.requests()).noneMatch(q -> q.path().contains("other-proj") || q.path().contains("ignored"));
    }

    @Test
    void refusesAQueryThatIsNotASelect() {
        String sql = "DELETE FROM `data-proj.ds.t` WHERE true";
        fake.query(sql, new Data(List.of(), Rows.of(List.of())));
        fake.statementType(sql, "DELETE");

        var e = importFailure(() -> Setup.of(fake).connector().open(query(sql, "x")), ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).contains("SELECT").contains("DELETE");
        // Only the dry run reached BigQuery.
        assertThat(fake.requests("POST", BILLING + "/jobs")).hasSize(1)
                .allSatisfy(r -> assertThat(r.body()).contains("\"dryRun\":true"));
    }

    @Test
    void readsAViewWithAQuotedSelect() {
        List<Field> schema = List.of(Field.of("id", "INT64"));
        Data data = new Data(schema, Rows.of(List.of(List.of("1"), List.of("2"))), "VIEW");
        String view = "my`view\\x";
        fake.table(PROJECT, DATASET, view, data);
        fake.query("SELECT * FROM `data-proj`.`ds`.`my\\`view\\\\x`", data);

        Result r = readAll(Setup.of(fake).connector().open(table(view)));

        assertThat(r.name()).isEqualTo(view);
        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(1L, 2L);
        // A view cannot be listed, and a query we write needs no dry run.
        assertThat(fake.requests("GET", PROJECT + "/datasets/ds/tables/.*/data")).isEmpty();
        assertThat(fake.requests("POST", BILLING + "/jobs")).hasSize(1);
    }

    @Test
    void skipsUnsupportedColumnsAndListsThem() {
        List<Field> schema = List.of(Field.of("id", "INT64"), Field.repeated("tags", "STRING"),
                Field.record("address", Field.of("street", "STRING"), Field.of("n", "INT64")),
                Field.of("blob", "BYTES"), Field.of("span", "INTERVAL"), Field.of("period", "RANGE"),
                Field.of("name", "STRING"));
        fake.table(PROJECT, DATASET, "t", new Data(schema, Rows.of(List.of(
                List.of("1", List.of("a", "b"), new Struct(List.of("Main St", "3")), "AAEC", "1-2 3 4:5:6",
                        "[2020-01-01, 2021-01-01)", "x"),
                Arrays.asList("2", List.of(), null, null, null, null, "y")))));

        Result r = readAll(Setup.of(fake).connector().open(table("t")));

        // BYTES (base64 in the REST API) is bytea.
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.BIGINT), new Column("blob", ColumnType.BYTEA),
                new Column("span", ColumnType.TEXT), new Column("name", ColumnType.TEXT));
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0)).containsExactly(1L, new byte[] {0, 1, 2}, "1-2 3 4:5:6", "x");
        assertThat(r.rows().get(1)).containsExactly(2L, null, null, "y");
        assertThat(r.warnings()).containsEntry("skipped_columns", List.of("tags", "address", "period"));
    }

    @Test
    void stopsAtTheRowLimitWithAWarning() {
        fake.table(PROJECT, DATASET, "ten", numbers(10));

        Result r = readAll(Setup.of(fake).pageSize(3).maxRows(4).connector().open(table("ten")));

        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(0L, 1L, 2L, 3L);
        assertThat(r.warnings()).containsEntry("max_rows_per_connection", 4);
        // Reading stopped there: the rest was never asked for.
        assertThat(fake.requests("GET", ".*/data")).hasSize(2);
    }

    @Test
    void noWarningWhenTheResultHasExactlyTheLimit() {
        fake.table(PROJECT, DATASET, "four", numbers(4));

        Result r = readAll(Setup.of(fake).pageSize(10_000).maxRows(4).connector().open(table("four")));

        assertThat(r.rows()).hasSize(4);
        assertThat(r.warnings()).isEmpty();
        // No page larger than the limit and one row is needed.
        assertThat(fake.requests("GET", ".*/data")).singleElement()
                .satisfies(p -> assertThat(p.query()).containsEntry("maxResults", "5"));
    }

    /** Seed 004's 1015, "The query worked, but returned no results": an empty table too, once its rows are read. */
    @Test
    void anEmptyTableIs1015() {
        fake.table(PROJECT, DATASET, "empty", new Data(List.of(Field.of("id", "INT64"), Field.of("geom", "GEOGRAPHY")),
                Rows.of(List.of())));

        TableSource source = Setup.of(fake).connector().open(table("empty"));
        assertThat(source.columns()).containsExactly(new Column("id", ColumnType.BIGINT),
                new Column("the_geom", ColumnType.GEOMETRY));
        ImportException e = importFailure(() -> readAll(source), ErrorCode.NO_RESULTS);
        assertThat(e.getMessage()).isEqualTo("The remote table empty has no rows");
    }

    @Test
    void aStringColumnOfGeometriesBecomesTheGeom() {
        List<Field> schema = List.of(Field.of("id", "INT64"), Field.of("geom", "STRING"), Field.of("wkt", "STRING"));
        fake.table(PROJECT, DATASET, "t", new Data(schema, Rows.of(List.of(
                List.of("1", "abc", "POINT(1 2)"),
                List.of("2", "def", "{\"type\":\"Point\",\"coordinates\":[3,4]}"),
                List.of("3", "ghi", "010100000000000000000014400000000000001840"),
                List.of("4", "jkl", "not a geometry"),
                Arrays.asList("5", null, null)))));

        Result r = readAll(Setup.of(fake).connector().open(table("t")));

        // "geom" comes first by name but holds no geometries: it stays text.
        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.BIGINT), new Column("geom", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows()).extracting(row -> row[2] == null ? null : ((Point) row[2]).getX())
                .containsExactly(1.0, 3.0, 5.0, null, null);
        assertThat(r.warnings()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void longitudeAndLatitudeColumnsMakePoints() {
        List<Field> schema = List.of(Field.of("city", "STRING"), Field.of("longitude", "FLOAT64"),
                Field.of("latitude", "NUMERIC"));
        fake.table(PROJECT, DATASET, "t", new Data(schema, Rows.of(List.of(
                List.of("Madrid", "-3.7", "40.4"), List.of("Nowhere", "200", "10"), Arrays.asList("None", null, null)))));

        Result r = readAll(Setup.of(fake).connector().open(table("t")));

        assertThat(r.columns()).containsExactly(new Column("city", ColumnType.TEXT),
                new Column("longitude", ColumnType.DOUBLE), new Column("latitude", ColumnType.NUMERIC),
                new Column("the_geom", ColumnType.GEOMETRY));
        Point madrid = (Point) r.value(0, "the_geom");
        assertThat(List.of(madrid.getX(), madrid.getY(), (double) madrid.getSRID())).containsExactly(-3.7, 40.4, 4326.0);
        assertThat(r.value(1, "the_geom")).isNull();
        assertThat(r.value(2, "the_geom")).isNull();
        assertThat(r.warnings()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void tooManyColumnsIs2004() {
        fake.table(PROJECT, DATASET, "wide", new Data(IntStream.range(0, 4).mapToObj(i -> Field.of("c" + i, "INT64"))
                .toList(), Rows.of(List.of())));

        var e = importFailure(() -> Setup.of(fake).maxColumns(3).connector().open(table("wide")),
                ErrorCode.TOO_MANY_COLUMNS);

        assertThat(e.getMessage()).contains("4 columns").contains("3");
    }

    @Test
    void closeStopsPaging() {
        fake.table(PROJECT, DATASET, "ten", numbers(10));
        TableSource source = Setup.of(fake).pageSize(2).batchSize(2).connector().open(table("ten"));
        Iterator<RowBatch> batches = source.batches();

        assertThat(batches.next().rows()).hasSize(2);
        int before = fake.requests().size();
        source.close();

        assertThat(batches.hasNext()).isFalse();
        assertThat(fake.requests()).hasSize(before);
    }

    @Test
    void isTheBigQueryProvider() {
        assertThat(Setup.of(fake).connector().provider()).isEqualTo(Provider.BIGQUERY);
    }

    /** A table of one INT64 column holding 0..n-1. */
    private static Data numbers(int n) {
        return new Data(List.of(Field.of("id", "INT64")), new Rows() {
            @Override
            public long size() {
                return n;
            }

            @Override
            public List<Object> row(long index) {
                return List.of(Long.toString(index));
            }
        });
    }
}
