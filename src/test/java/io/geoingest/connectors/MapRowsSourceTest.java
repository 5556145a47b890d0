package io.geoingest.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.postgresql.util.PGobject;

/**
 * Rows as a route holds them (maps of column names to values) becoming a table: the types told
 * from the values, the_geom chosen as the connectors choose it, an iterator read batch by
 * batch, and each kind of body that cannot become a table refused with its code.
 */
class MapRowsSourceTest {
    private static final GeometryFactory GEOMETRIES = new GeometryFactory();

    @Test
    void typesComeFromTheValuesAndLonLatMakePoints() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1);
        row.put("big", 5_000_000_000L);
        row.put("price", new BigDecimal("12.30"));
        row.put("ratio", 0.1f);
        row.put("open", true);
        row.put("name", "Centro\0");
        row.put("opened_on", java.sql.Date.valueOf("2020-02-29"));
        row.put("opens_at", LocalTime.of(9, 30));
        row.put("seen", Timestamp.valueOf("2024-01-02 03:04:05.678"));
        row.put("changed", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        row.put("photo", new byte[] {1, 2});
        row.put("ref", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        row.put("lon", -3.7);
        row.put("lat", 40);

        MapRowsSource source = new MapRowsSource("stores", List.of(row), 10, 256);

        assertThat(source.columns()).containsExactly(column("id", ColumnType.INTEGER), column("big", ColumnType.BIGINT),
                column("price", ColumnType.NUMERIC), column("ratio", ColumnType.DOUBLE),
                column("open", ColumnType.BOOLEAN), column("name", ColumnType.TEXT),
                column("opened_on", ColumnType.DATE), column("opens_at", ColumnType.TIME),
                column("seen", ColumnType.TIMESTAMP), column("changed", ColumnType.TIMESTAMPTZ),
                column("photo", ColumnType.BYTEA), column("ref", ColumnType.TEXT),
                column("lon", ColumnType.DOUBLE), column("lat", ColumnType.INTEGER),
                column("the_geom", ColumnType.GEOMETRY));
        Object[] cells = only(source);
        assertThat(cells[3]).isEqualTo(0.1);
        assertThat(cells[5]).isEqualTo("Centro");
        assertThat(cells[6]).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(cells[8]).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000));
        assertThat(cells[11]).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(((Point) cells[14]).getX()).isEqualTo(-3.7);
        assertThat(((Point) cells[14]).getSRID()).isEqualTo(4326);
    }

    @Test
    void numbersOfDifferentWidthsWidenToOneType() {
        MapRowsSource source = new MapRowsSource("n", List.of(Map.of("a", 1, "b", 1, "c", 1L),
                Map.of("a", 2L, "b", 2.5, "c", BigInteger.TEN)), 10, 256);

        assertThat(source.columns()).extracting(Column::type)
                .containsExactlyInAnyOrder(ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.NUMERIC);
    }

    @Test
    void theGeomIsAGeometryColumnElseANamedTextColumn() throws Exception {
        PGobject postgis = new PGobject();
        postgis.setType("geometry");
        postgis.setValue("0101000020E6100000000000000000F03F0000000000000040"); // SRID=4326;POINT(1 2)
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("wkt", "POINT(5 6)");
        row.put("shape", GEOMETRIES.createPoint(new Coordinate(3, 4)));
        row.put("geom", postgis);
        MapRowsSource source = new MapRowsSource("g", List.of(row), 10, 256);

        assertThat(source.columns()).containsExactly(column("wkt", ColumnType.TEXT), column("shape", ColumnType.TEXT),
                column("the_geom", ColumnType.GEOMETRY));
        Object[] cells = only(source);
        assertThat(((Geometry) cells[2]).getCoordinate()).isEqualTo(new Coordinate(1, 2));
        assertThat(cells[1]).as("another geometry, written as WKT text by the sink").isInstanceOf(Geometry.class);

        MapRowsSource text = new MapRowsSource("t", List.of(Map.of("wkt", "POINT(5 6)", "lon", 1, "lat", 2),
                Map.of("wkt", "not a geometry", "lon", 1, "lat", 2)), 10, 256);
        assertThat(text.columns()).extracting(Column::name).containsExactlyInAnyOrder("the_geom", "lon", "lat");
        drain(text);
        assertThat(text.warnings().asMap()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void anIteratorIsReadABatchAtATimeNeverWhole() {
        AtomicInteger pulled = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        CountingRows rows = new CountingRows(25, pulled, closed);
        MapRowsSource source = new MapRowsSource("it", rows, 10, 256);

        assertThat(source.columns()).hasSize(2);
        assertThat(pulled).as("rows read to tell the columns").hasValue(10);
        Iterator<RowBatch> batches = source.batches();
        assertThat(batches.next().size()).isEqualTo(10);
        assertThat(pulled).hasValue(10);
        assertThat(batches.next().size()).isEqualTo(10);
        assertThat(pulled).hasValue(20);
        assertThat(batches.next().size()).isEqualTo(5);
        assertThat(batches.hasNext()).isFalse();
        source.close();
        assertThat(closed).as("a closeable iterator (sql's ResultSetIterator) is closed").isTrue();
    }

    @Test
    void emptyRowsAreNoResults() {
        assertRefused(List.of(), ErrorCode.NO_RESULTS, "no rows");
        assertRefused(new CountingRows(0, new AtomicInteger(), new AtomicBoolean()), ErrorCode.NO_RESULTS, "no rows");
    }

    @Test
    void whatCannotBecomeATableIsRefusedWith2013() {
        assertRefused(Map.of("a", 1), ErrorCode.INVALID_ROWS, "one Map, not a list of rows");
        assertRefused(List.of("a,b", "1,2"), ErrorCode.INVALID_ROWS, "Row 1 is a String (a,b), not a Map");
        assertRefused(List.of(Map.of("a", 1), Map.of("a", "x")), ErrorCode.INVALID_ROWS,
                "The column 'a' holds values of different types: Integer (1) in row 1, String (x) in row 2");
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("a", 1);
        nulls.put("b", null);
        assertRefused(List.of(nulls, nulls), ErrorCode.INVALID_ROWS, "The column 'b' holds only nulls in the first 2 rows");
        Map<Object, Object> numbered = new HashMap<>();
        numbered.put(7, "seven");
        assertRefused(List.of(numbered), ErrorCode.INVALID_ROWS, "a column name that is not text: Integer (7)");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertRefused(List.of(nullKey), ErrorCode.INVALID_ROWS, "a column name that is not text: null");
    }

    @Test
    void aBadRowPastTheFirstBatchFailsTheSourceWhenReached() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(Map.of("a", i));
        }
        rows.set(17, Map.of("a", "seventeen"));
        MapRowsSource mixed = new MapRowsSource("late", rows, 10, 256);
        assertThat(mixed.columns()).containsExactly(column("a", ColumnType.INTEGER));
        Iterator<RowBatch> batches = mixed.batches();
        batches.next();
        assertThatThrownBy(batches::next).isInstanceOfSatisfying(ImportException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ROWS))
                .hasMessageContaining("The column 'a' holds a String (seventeen) where the column holds integer values"
                        + " in row 18");

        rows.set(17, Map.of("a", 17, "b", 1));
        MapRowsSource wider = new MapRowsSource("late", rows, 10, 256);
        Iterator<RowBatch> again = wider.batches();
        again.next();
        assertThatThrownBy(again::next).hasMessageContaining("Row 18 has the column 'b', which the first rows did not have");
    }

    @Test
    void valuesWithNoColumnTypeAreLeftOutAndNamed() {
        MapRowsSource source = new MapRowsSource("s", List.of(Map.of("a", 1, "tags", List.of("x"))), 10, 256);
        assertThat(source.columns()).containsExactly(column("a", ColumnType.INTEGER));
        assertThat(source.warnings().asMap()).containsEntry("skipped_columns", List.of("tags"));
    }

    @Test
    void aFailingIteratorIs1011() {
        Iterator<Map<String, Object>> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new IllegalStateException("connection reset");
            }

            @Override
            public Map<String, Object> next() {
                throw new NoSuchElementException();
            }
        };
        assertRefused(broken, ErrorCode.DATASOURCE_QUERY, "connection reset");
    }

    @Test
    void bodiesOfRowsAreTold() {
        assertThat(MapRowsSource.holdsRows(List.of())).isTrue();
        assertThat(MapRowsSource.holdsRows(List.of(Map.of()).iterator())).isTrue();
        assertThat(MapRowsSource.holdsRows(Map.of())).isTrue();
        assertThat(MapRowsSource.holdsRows("a,b\n1,2\n")).isFalse();
        assertThat(MapRowsSource.holdsRows(new byte[0])).isFalse();
        assertThat(MapRowsSource.holdsRows(Path.of("stores.csv"))).as("a Path is Iterable, but a file").isFalse();
        assertThat(MapRowsSource.holdsRows(null)).isFalse();
    }

    private static void assertRefused(Object body, ErrorCode code, String message) {
        assertThatThrownBy(() -> drain(new MapRowsSource("bad", body, 10, 256))).as("%s", body)
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    private static void drain(MapRowsSource source) {
        source.batches().forEachRemaining(b -> { });
    }

    private static Object[] only(MapRowsSource source) {
        List<Object[]> rows = new ArrayList<>();
        source.batches().forEachRemaining(b -> rows.addAll(b.rows()));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }

    /** Rows made as they are asked for, counting them, closeable like sql's StreamList iterator. */
    private static final class CountingRows implements Iterator<Map<String, Object>>, AutoCloseable {
        private final int rows;
        private final AtomicInteger pulled;
        private final AtomicBoolean closed;

        CountingRows(int rows, AtomicInteger pulled, AtomicBoolean closed) {
            this.rows = rows;
            this.pulled = pulled;
            this.closed = closed;
        }

        @Override
        public boolean hasNext() {
            return pulled.get() < rows;
        }

        @Override
        public Map<String, Object> next() {
            int i = pulled.incrementAndGet();
            return Map.of("id", i, "name", "row " + i);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
