package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/** Every geometry type in one collection, null geometries and geometries JTS refuses. */
class GeoJsonGeometryTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryGeometryTypeMixedInOneCollection() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "mixed.geojson", """
                {"type": "FeatureCollection", "features": [
                  %s,
                  %s,
                  %s,
                  %s,
                  %s,
                  %s,
                  %s,
                  {"type": "Feature", "properties": {}, "geometry": null}
                ]}
                """.formatted(
                feature("{\"type\": \"Point\", \"coordinates\": [1.5, 2, 3]}"),
                feature("{\"type\": \"MultiPoint\", \"coordinates\": [[1, 2], [3, 4]]}"),
                feature("{\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, 4]]}"),
                feature("{\"type\": \"MultiLineString\", \"coordinates\": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}"),
                feature("{\"coordinates\": [[[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]],"
                        + " \"type\": \"Polygon\"}"),
                feature("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}"),
                feature("{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\":"
                        + " [9, 9]}, {\"type\": \"GeometryCollection\", \"geometries\": []}]}"))));

        assertThat(t.column("the_geom")).map(g -> g == null ? null : g.toString()).containsExactly(
                "POINT (1.5 2)",
                "MULTIPOINT ((1 2), (3 4))",
                "LINESTRING (1 2, 3 4)",
                "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))",
                "POLYGON ((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, 2 2, 1 1))",
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))",
                "GEOMETRYCOLLECTION (POINT (9 9), GEOMETRYCOLLECTION EMPTY)",
                null);
        assertThat(((Geometry) t.value(0, "the_geom")).getCoordinate().getZ()).isEqualTo(3.0);
        assertThat(t.column("the_geom")).filteredOn(g -> g != null)
                .allSatisfy(g -> assertThat(((Geometry) g).getSRID()).isEqualTo(4326));
        assertThat(t.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void aGeometryJtsRefusesIsNullWithAWarning() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "bad.geojson", """
                {"type": "FeatureCollection", "features": [
                  %s,
                  %s,
                  %s
                ]}
                """.formatted(
                feature("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"),
                feature("{\"type\": \"LineString\", \"coordinates\": [[0, 0]]}"),
                feature("{\"type\": \"Point\", \"coordinates\": [5, 6]}"))));

        assertThat(t.rows()).hasSize(3);
        assertThat(t.column("the_geom")).map(g -> g == null ? null : g.toString())
                .containsExactly(null, null, "POINT (5 6)");
        assertThat(t.source().warnings().asMap()).isEqualTo(Map.of("invalid_geometries", 2L));
    }

    @Test
    void emptyCoordinateListsFitAnyDepthButAPosition() {
        GeoJsonFiles.Table t = GeoJsonFiles.read(GeoJsonFiles.write(dir, "empty.geojson", """
                {"type": "FeatureCollection", "features": [
                  %s,
                  %s,
                  %s,
                  %s
                ]}
                """.formatted(
                feature("{\"type\": \"MultiPolygon\", \"coordinates\": []}"),
                feature("{\"type\": \"MultiPolygon\", \"coordinates\": [[], [[[0, 0], [1, 0], [1, 1], [0, 0]]]]}"),
                feature("{\"coordinates\": [[]], \"type\": \"Polygon\"}"),
                feature("{\"type\": \"LineString\", \"coordinates\": []}"))));

        assertThat(t.column("the_geom")).map(g -> g == null ? null : g.toString()).containsExactly(
                "MULTIPOLYGON EMPTY", "MULTIPOLYGON (EMPTY, ((0 0, 1 0, 1 1, 0 0)))", "POLYGON EMPTY",
                "LINESTRING EMPTY");
    }

    private static String feature(String geometry) {
        return "{\"type\": \"Feature\", \"properties\": {\"k\": 1}, \"geometry\": " + geometry + "}";
    }
}
