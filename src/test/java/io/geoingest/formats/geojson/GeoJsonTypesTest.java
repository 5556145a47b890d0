package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Property names, types and values of FeatureCollections, single Features and sequences. */
class GeoJsonTypesTest {
    private static final String COLLECTION = """
            {"name": "places", "crs": {"type": "name"}, "type": "FeatureCollection", "features": [
              {"type": "Feature", "id": 1, "geometry": {"type": "Point", "coordinates": [1, 2]},
               "properties": {"i": 1, "big": 5000000000, "huge": 123456789012345678901234567890,
                 "d": 1.5, "b": true, "s": "café ✓ 東京", "day": "2024-02-29", "ts": "2024-01-01T10:00:00",
                 "nested": {"a": [1, 2.50, {"b": null}], "c": "x\\"y"}, "late": 7, "nul": null}},
              {"type": "Feature", "id": 2, "geometry": null,
               "properties": {"i": -3, "big": 1, "huge": 2, "d": 2, "b": false, "s": "", "day": "2024-03-01",
                 "ts": "2024-01-02", "nested": [], "late": "seven", "only_here": 1e400}},
              {"type": "Feature", "id": 3, "geometry": null, "properties": null, "extra": {"ignored": 1}}
            ], "bbox": [0, 0, 1, 1]}
            """;

    @TempDir
    Path dir;

    @Test
    void decimalsTooLargeForADoubleAreNumericWithOrWithoutAnExponent() {
        String below = "9".repeat(308) + ".5";
        String above = "-" + "1" + "0".repeat(309) + ".25";
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "wide.geojson", """
                {"type": "Feature", "geometry": null,
                 "properties": {"below": %s, "above": %s, "exp": 1.5E+3, "small": -0.000001}}
                """.formatted(below, above)));

        assertThat(t.columns()).containsExactly(new Column("below", ColumnType.DOUBLE),
                new Column("above", ColumnType.NUMERIC), new Column("exp", ColumnType.DOUBLE),
                new Column("small", ColumnType.DOUBLE), new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.value(0, "below")).isEqualTo(Double.parseDouble(below));
        assertThat(t.value(0, "above")).isEqualTo(new BigDecimal(above));
        assertThat(t.value(0, "exp")).isEqualTo(1500.0);
    }

    @Test
    void typesEveryPropertyOverTheWholeFile() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "places.geojson", COLLECTION));

        assertThat(t.columns()).containsExactly(
                new Column("id", ColumnType.INTEGER),
                new Column("i", ColumnType.INTEGER),
                new Column("big", ColumnType.BIGINT),
                new Column("huge", ColumnType.NUMERIC),
                new Column("d", ColumnType.DOUBLE),
                new Column("b", ColumnType.BOOLEAN),
                new Column("s", ColumnType.TEXT),
                new Column("day", ColumnType.DATE),
                new Column("ts", ColumnType.TIMESTAMP),
                new Column("nested", ColumnType.TEXT),
                new Column("late", ColumnType.TEXT),
                new Column("nul", ColumnType.TEXT),
                new Column("only_here", ColumnType.NUMERIC),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.rows()).hasSize(3);
        assertThat(Arrays.asList(t.rows().get(0))).startsWith(1, 1, 5_000_000_000L,
                new BigDecimal("123456789012345678901234567890"), 1.5, true, "café ✓ 東京", LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 1, 1, 10, 0), "{\"a\":[1,2.50,{\"b\":null}],\"c\":\"x\\\"y\"}", "7", null, null);
        assertThat(t.value(1, "big")).isEqualTo(1L);
        assertThat(t.value(1, "huge")).isEqualTo(new BigDecimal(2));
        assertThat(t.value(1, "d")).isEqualTo(2.0);
        assertThat(t.value(1, "s")).isEqualTo("");
        assertThat(t.value(1, "ts")).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
        assertThat(t.value(1, "nested")).isEqualTo("[]");
        assertThat(t.value(1, "late")).isEqualTo("seven");
        assertThat(t.value(1, "only_here")).isEqualTo(new BigDecimal("1e400"));
        assertThat(t.value(1, "the_geom")).isNull();
        // A property missing from a feature is NULL; "properties": null gives a row of NULLs.
        assertThat(t.value(0, "only_here")).isNull();
        assertThat(Arrays.asList(t.rows().get(2))).containsExactly(3, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThat(t.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void withoutTypeGuessingEveryColumnIsTextAsWritten() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "places.geojson", COLLECTION),
                new ImportOptions(false, false, false, ImportOptions.CollisionStrategy.RENAME));

        assertThat(t.columns()).filteredOn(c -> !c.name().equals("the_geom"))
                .extracting(Column::type).containsOnly(ColumnType.TEXT);
        assertThat(Arrays.asList(t.rows().get(0))).startsWith("1", "1", "5000000000",
                "123456789012345678901234567890", "1.5", "true");
        assertThat(t.value(1, "d")).isEqualTo("2");
    }

    @Test
    void aPropertyNamedIdBeatsTheFeatureIdAndHostileNamesStayRaw() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "t.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "f1", "geometry": null, "properties": {"x\\"; DROP TABLE t; --": 1}},
                  {"type": "Feature", "id": "f2", "geometry": null, "properties": {"id": "mine"}}
                ]}
                """));

        assertThat(t.names()).containsExactly("x\"; DROP TABLE t; --", "id", "the_geom");
        assertThat(t.column("id")).containsExactly(null, "mine");
        assertThat(t.column("x\"; DROP TABLE t; --")).containsExactly(1, null);
    }

    @Test
    void readsASingleFeatureWithMembersInAnyOrder() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "one.json", """
                {"properties": {"name": "solo"}, "geometry": {"coordinates": [3, 4], "type": "Point"},
                 "id": "a", "type": "Feature"}
                """));

        assertThat(t.names()).containsExactly("id", "name", "the_geom");
        assertThat(t.rows()).hasSize(1);
        assertThat(t.value(0, "name")).isEqualTo("solo");
        assertThat(t.value(0, "the_geom").toString()).isEqualTo("POINT (3 4)");
    }

    @Test
    void foreignMembersOfACollectionNeverBecomeColumns() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "c.geojson", """
                {"properties": {"foreign": 1}, "features": [
                  {"type": "Feature", "geometry": null, "properties": {"a": 1}}
                ], "type": "FeatureCollection"}
                """));

        assertThat(t.names()).containsExactly("a", "the_geom");
        assertThat(t.rows()).hasSize(1);
    }

    @Test
    void readsNewlineDelimitedAndRecordSeparatedSequences() {
        String lines = """
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]}, "properties": {"n": 1}}
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 2]}, "properties": {"n": 2, "m": "x"}}
                """;
        GeoJsonFiles.Table ndjson = GeoJsonFiles.read(GeoJsonFiles.write(dir, "s.geojsonl", lines));
        GeoJsonFiles.Table rs = GeoJsonFiles.read(GeoJsonFiles.write(dir, "s.geojsons",
                "\u001e" + lines.replace("\n{", "\n\u001e{")));

        for (GeoJsonFiles.Table t : java.util.List.of(ndjson, rs)) {
            assertThat(t.names()).containsExactly("n", "m", "the_geom");
            assertThat(t.column("n")).containsExactly(1, 2);
            assertThat(t.column("m")).containsExactly(null, "x");
        }
    }

    @Test
    void anEmptyCollectionIsATableWithoutRows() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "e.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": []}"));

        assertThat(t.names()).containsExactly("the_geom");
        assertThat(t.rows()).isEmpty();
    }
}
