package io.geoingest.sink;

import static io.geoingest.rows.ColumnType.BIGINT;
import static io.geoingest.rows.ColumnType.BOOLEAN;
import static io.geoingest.rows.ColumnType.DATE;
import static io.geoingest.rows.ColumnType.DOUBLE;
import static io.geoingest.rows.ColumnType.GEOMETRY;
import static io.geoingest.rows.ColumnType.INTEGER;
import static io.geoingest.rows.ColumnType.NUMERIC;
import static io.geoingest.rows.ColumnType.TEXT;
import static io.geoingest.rows.ColumnType.TIMESTAMP;
import static io.geoingest.rows.ColumnType.TIMESTAMPTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.rows.WebMercator;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.ColumnType;
import io.geoingest.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;

class BinaryCopyWriterTest {
    private static final List<ColumnType> ALL = List.of(INTEGER, INTEGER, BIGINT, DOUBLE, NUMERIC, BOOLEAN, DATE,
            TIMESTAMP, TIMESTAMPTZ, TEXT, GEOMETRY);
    private static final String ALL_COLUMNS = "id, i, b, d, n, bo, da, ts, tz, t, g";

    private final WKTReader wkt = new WKTReader(new GeometryFactory(new PrecisionModel(), 4326));
    private Connection db;

    @BeforeEach
    void connect() throws SQLException {
        db = TestDatabases.postgres();
        try (Statement s = db.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("CREATE TEMP TABLE rt (id integer, i integer, b bigint, d double precision, n numeric,"
                    + " bo boolean, da date, ts timestamp, tz timestamptz, t text, g geometry(Geometry,4326))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void roundTripsEveryType() throws Exception {
        Object[] row = {1, 42, 1234567890123L, 3.25, new BigDecimal("-12.50"), true, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
                OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000, ZoneOffset.ofHours(9)),
                "héllo wörld", geometry("POINT(-3.7 40.4)")};
        assertThat(copyAll(List.<Object[]>of(row))).isEqualTo(1);

        try (ResultSet rs = query("SELECT i, b, d, n::text, bo, da, ts, tz, t, ST_AsText(g), ST_SRID(g) FROM rt")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(rs.getLong(2)).isEqualTo(1234567890123L);
            assertThat(rs.getDouble(3)).isEqualTo(3.25);
            assertThat(rs.getString(4)).isEqualTo("-12.50");
            assertThat(rs.getBoolean(5)).isTrue();
            assertThat(rs.getObject(6, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject(7, LocalDateTime.class)).isEqualTo(row[7]);
            assertThat(rs.getObject(8, OffsetDateTime.class).toInstant()).isEqualTo(((OffsetDateTime) row[8]).toInstant());
            assertThat(rs.getString(9)).isEqualTo("héllo wörld");
            assertThat(rs.getString(10)).isEqualTo("POINT(-3.7 40.4)");
            assertThat(rs.getInt(11)).isEqualTo(4326);
        }
    }

    @Test
    void nullsInEveryType() throws Exception {
        Object[] row = new Object[ALL.size()];
        row[0] = 1;
        copyAll(List.<Object[]>of(row));
        try (ResultSet rs = query("SELECT * FROM rt")) {
            rs.next();
            for (int i = 2; i <= ALL.size(); i++) {
                assertThat(rs.getObject(i)).as("column %d", i).isNull();
            }
        }
    }

    @Test
    void integerEdges() throws Exception {
        int[] ints = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        long[] longs = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < ints.length; k++) {
            rows.add(row(k, "i", ints[k], "b", longs[k]));
        }
        copyAll(rows);
        try (ResultSet rs = query("SELECT i, b FROM rt ORDER BY id")) {
            for (int k = 0; k < ints.length; k++) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(ints[k]);
                assertThat(rs.getLong(2)).isEqualTo(longs[k]);
            }
        }
    }

    @Test
    void doubleEdges() throws Exception {
        double[] values = {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Math.PI, 1e-300,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            rows.add(row(k, "d", values[k]));
        }
        copyAll(rows);
        try (ResultSet rs = query("SELECT d FROM rt ORDER BY id")) {
            for (double v : values) {
                rs.next();
                assertThat(Double.doubleToLongBits(rs.getDouble(1))).as("%s", v).isEqualTo(Double.doubleToLongBits(v));
            }
        }
    }

    @Test
    void numericEdges() throws Exception {
        List<BigDecimal> values = new ArrayList<>();
        for (String s : List.of("0", "0.000", "-0.0001", "123456789012345678901234567890.123456789", "1E+20",
                "-1E+20", "1E-20", "1.5", "-1", "9999", "10000", "99999999", "100000000", "12345.6789",
                "0.1", "0.00001", "-9223372036854775808", "9007199254740993", "1E+3", "123E-2", "1E+131000")) {
            values.add(new BigDecimal(s));
        }
        values.add(new BigDecimal(BigInteger.TEN.pow(1000).add(BigInteger.ONE), 3));
        values.add(BigDecimal.ONE.movePointLeft(16383));
        Random random = new Random(7);
        for (int k = 0; k < 2000; k++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(300), random);
            values.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(80) - 30));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            rows.add(row(k, "n", values.get(k)));
        }
        copyAll(rows);
        try (ResultSet rs = query("SELECT n::text FROM rt ORDER BY id")) {
            for (BigDecimal v : values) {
                rs.next();
                // PostgreSQL keeps the decimals the value shows; a negative scale shows none.
                assertThat(rs.getString(1)).isEqualTo(v.setScale(Math.max(0, v.scale())).toPlainString());
            }
        }
    }

    @Test
    void numericBeyondPostgresqlFailsWithoutWritingTheRow() throws Exception {
        BinaryCopyWriter writer = new BinaryCopyWriter(List.of(NUMERIC), new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.writeRow(new Object[] {BigDecimal.ONE.movePointLeft(16384)}))
                .isInstanceOf(ImportException.class)
                .extracting(e -> ((ImportException) e).code()).isEqualTo(ErrorCode.LOAD_FAILED);
        assertThatThrownBy(() -> writer.writeRow(new Object[] {new BigDecimal("1E+200000")}))
                .isInstanceOf(ImportException.class);

        // The writer stays usable: the failed rows left nothing behind.
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE n1 (n numeric)");
        }
        List<Object[]> ok = List.<Object[]>of(new Object[] {BigDecimal.TEN});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryCopyWriter reused = new BinaryCopyWriter(List.of(NUMERIC), bytes);
        assertThatThrownBy(() -> reused.writeRow(new Object[] {new BigDecimal("1E+200000")}));
        reused.writeRow(ok.get(0));
        reused.finish();
        long rows = db.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                .copyIn("COPY n1 (n) FROM STDIN (FORMAT binary)", new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void wrongJavaTypeIsAProgrammingError() {
        BinaryCopyWriter writer = new BinaryCopyWriter(List.of(INTEGER), new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.writeRow(new Object[] {1L}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTEGER");
        assertThatThrownBy(() -> writer.writeRow(new Object[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateAndTimestampEdges() throws Exception {
        List<LocalDate> dates = List.of(LocalDate.of(1900, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(2000, 1, 1),
                LocalDate.of(1970, 1, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2000, 3, 1));
        List<LocalDateTime> times = List.of(LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1000),
                LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2000, 1, 1, 0, 0),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000), LocalDateTime.of(1, 1, 1, 12, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2024, 6, 1, 1, 2, 3, 4_000));
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < dates.size(); k++) {
            rows.add(row(k, "da", dates.get(k), "ts", times.get(k), "tz", times.get(k).atOffset(ZoneOffset.ofHours(-5))));
        }
        copyAll(rows);
        try (ResultSet rs = query("SELECT da, ts, tz FROM rt ORDER BY id")) {
            for (int k = 0; k < dates.size(); k++) {
                rs.next();
                assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(dates.get(k));
                assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(times.get(k));
                assertThat(rs.getObject(3, OffsetDateTime.class).toInstant())
                        .isEqualTo(times.get(k).atOffset(ZoneOffset.ofHours(-5)).toInstant());
            }
        }
        try (ResultSet rs = query("SELECT da::text, ts::text FROM rt WHERE id IN (0, 4) ORDER BY id")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1900-01-01");
            assertThat(rs.getString(2)).isEqualTo("1900-01-01 00:00:00.000001");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("0001-01-01");
            assertThat(rs.getString(2)).isEqualTo("0001-01-01 12:00:00");
        }
    }

    @Test
    void timestampsRoundNanosecondsToMicroseconds() throws Exception {
        copyAll(List.of(row(0, "ts", LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_500)),
                row(1, "ts", LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_600))));
        try (ResultSet rs = query("SELECT ts::text FROM rt ORDER BY id")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2000-01-01 00:00:00.000002");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2000-01-01 00:00:00");
        }
    }

    /** time and timetz: microseconds (nanoseconds rounded down), offsets, and LocalTime.MAX as 24:00:00. */
    @Test
    void timesAndTimesWithOffsets() throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE tt (id integer, tm time, tz timetz)");
        }
        List<Object[]> rows = List.of(
                new Object[] {1, LocalTime.of(12, 34, 56, 123_456_789),
                        OffsetTime.of(12, 34, 56, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30))},
                new Object[] {2, LocalTime.MAX, OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(-1))},
                new Object[] {3, LocalTime.MIDNIGHT, OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.ofHoursMinutesSeconds(-12, -34, -56))},
                new Object[] {4, null, null});
        assertThat(Copies.copy(db, "tt", "id, tm, tz", List.of(INTEGER, ColumnType.TIME, ColumnType.TIMETZ), rows))
                .isEqualTo(4);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = query("SELECT tm::text || ' ' || tz::text FROM tt ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        assertThat(out).containsExactly("12:34:56.123456 12:34:56.5+05:30", "24:00:00 24:00:00-01",
                "00:00:00 00:00:00-12:34:56", null);
    }

    /** json keeps its text, jsonb is PostgreSQL's own, bytea its bytes. */
    @Test
    void jsonJsonbAndBytea() throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE jb (id integer, js json, jb jsonb, by bytea)");
        }
        List<Object[]> rows = List.of(
                new Object[] {1, "{\"b\": 1,  \"b\": [\"\\u0000\"]}", "{\"b\": 1,  \"a\": \"é\"}", new byte[] {0, -1, 16}},
                new Object[] {2, null, null, new byte[0]},
                new Object[] {3, null, null, null});
        assertThat(Copies.copy(db, "jb", "id, js, jb, by", List.of(INTEGER, ColumnType.JSON, ColumnType.JSONB,
                ColumnType.BYTEA), rows)).isEqualTo(3);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = query("SELECT js::text, jb::text, encode(by, 'hex') FROM jb ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
            }
        }
        assertThat(out).containsExactly("{\"b\": 1,  \"b\": [\"\\u0000\"]} | {\"a\": \"é\", \"b\": 1} | 00ff10",
                "null | null | ", "null | null | null");
    }

    @Test
    void timestampBeyondLongMicrosecondsFails() {
        BinaryCopyWriter writer = new BinaryCopyWriter(List.of(TIMESTAMP), new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.writeRow(new Object[] {LocalDateTime.MAX}))
                .isInstanceOf(ImportException.class);
    }

    @Test
    void text() throws Exception {
        List<String> values = new ArrayList<>(List.of("", "a", "ñandú", "日本語のテキスト", "emoji 😀👍🏽 and 𝄞",
                "tab\tnew\nline\r\\back", "x".repeat(100_000), "é".repeat(40_000)));
        Random random = new Random(11);
        for (int k = 0; k < 300; k++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(50); n > 0; n--) {
                int cp;
                do {
                    cp = 1 + random.nextInt(random.nextBoolean() ? 0x7F : Character.MAX_CODE_POINT);
                } while (Character.getType(cp) == Character.SURROGATE);
                sb.appendCodePoint(cp);
            }
            values.add(sb.toString());
        }
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            rows.add(row(k, "t", values.get(k)));
        }
        rows.add(row(values.size(), "t", "nul\u0000inside\u0000"));
        rows.add(row(values.size() + 1, "t", "lone \uD800 surrogate \uDC00"));
        copyAll(rows);
        try (ResultSet rs = query("SELECT t FROM rt ORDER BY id")) {
            for (String v : values) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(v);
            }
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("nulinside");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("lone ? surrogate ?");
        }
    }

    @Test
    void geometries() throws Exception {
        List<String> shapes = List.of("POINT(1 2)", "LINESTRING(0 0,1 1,2 0)",
                "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 3,3 3,3 2,2 2))", "MULTIPOINT((1 2),(3 4))",
                "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
                "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),POLYGON((0 0,1 0,1 1,0 0)))",
                "POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOINT EMPTY", "MULTIPOLYGON EMPTY",
                "GEOMETRYCOLLECTION EMPTY", "GEOMETRYCOLLECTION(MULTIPOINT((1 2)),GEOMETRYCOLLECTION(POINT(3 4)))");
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            rows.add(row(k, "g", geometry(shapes.get(k))));
        }
        rows.add(row(shapes.size(), "g", geometry("POINT (1 2 3)")));
        copyAll(rows);
        try (ResultSet rs = query("SELECT ST_AsText(g), ST_SRID(g) FROM rt ORDER BY id")) {
            for (String shape : shapes) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(shape);
                assertThat(rs.getInt(2)).isEqualTo(4326);
            }
            rs.next();
            assertThat(rs.getString(1)).as("written in 2D, as the column is").isEqualTo("POINT(1 2)");
        }
    }

    @Test
    void streamsLargeCopiesInBoundedWrites() throws Exception {
        int n = 200_000;
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE big (id integer, name text, v double precision,"
                    + " the_geom geometry(Geometry,4326), the_geom_webmercator geometry(Geometry,3857))");
        }
        GeometryFactory f = new GeometryFactory(new PrecisionModel(), 4326);
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        Iterable<Object[]> rows = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object[] next() {
                Geometry p = f.createPoint(new org.locationtech.jts.geom.Coordinate(i % 360 - 180, i % 170 - 85));
                Object[] row = {i, "row " + i, i * 0.5, p, WebMercator.project(p)};
                i++;
                return row;
            }
        };
        long copied = Copies.copy(db, "big", "id, name, v, the_geom, the_geom_webmercator",
                List.of(INTEGER, TEXT, DOUBLE, GEOMETRY, GEOMETRY), rows, out -> new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        writes.incrementAndGet();
                        largest.accumulateAndGet(len, Math::max);
                        out.write(b, off, len);
                    }
                });
        assertThat(copied).isEqualTo(n);
        assertThat(writes.get()).isGreaterThan(100);
        assertThat(largest.get()).isLessThan(128 * 1024);
        try (ResultSet rs = query("SELECT count(*), sum(id), count(DISTINCT name), sum(v),"
                + " bool_and(ST_SRID(the_geom_webmercator) = 3857) FROM big")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(n);
            assertThat(rs.getLong(2)).isEqualTo((long) n * (n - 1) / 2);
            assertThat(rs.getLong(3)).isEqualTo(n);
            assertThat(rs.getDouble(4)).isEqualTo(0.5 * n * (n - 1) / 2);
            assertThat(rs.getBoolean(5)).isTrue();
        }
    }

    /** A row of {@link #ALL} with id and the given column/value pairs, the rest null. */
    private static Object[] row(int id, Object... pairs) {
        List<String> names = Arrays.asList(ALL_COLUMNS.split(", "));
        Object[] row = new Object[ALL.size()];
        row[0] = id;
        for (int k = 0; k < pairs.length; k += 2) {
            row[names.indexOf((String) pairs[k])] = pairs[k + 1];
        }
        return row;
    }

    private long copyAll(List<Object[]> rows) throws SQLException, IOException {
        return Copies.copy(db, "rt", ALL_COLUMNS, ALL, rows);
    }

    private ResultSet query(String sql) throws SQLException {
        return db.createStatement().executeQuery(sql);
    }

    private Geometry geometry(String text) throws Exception {
        Geometry g = wkt.read(text);
        g.setSRID(4326);
        return g;
    }
}
