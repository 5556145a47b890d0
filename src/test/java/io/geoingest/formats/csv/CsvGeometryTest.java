package io.geoingest.formats.csv;

import static io.geoingest.formats.csv.CsvFiles.read;
import static io.geoingest.formats.csv.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.csv.CsvFiles.Table;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/** Which column becomes the_geom, and what happens to rows whose geometry cannot be read. */
class CsvGeometryTest {
    @TempDir
    Path dir;

    private static String wkt(Object geometry) {
        return geometry == null ? null : ((Geometry) geometry).toText();
    }

    @Test
    void wktColumnIsReplacedInPlace() {
        Table t = read(write(dir, "wkt.csv", "id,geometry,name\n1,POINT (1 2),a\n2,\"LINESTRING (0 0, 1 1)\",b\n"));
        assertThat(t.columns()).containsExactly(new Column("id", ColumnType.INTEGER),
                new Column("the_geom", ColumnType.GEOMETRY), new Column("name", ColumnType.TEXT));
        assertThat(t.column("the_geom")).extracting(CsvGeometryTest::wkt)
                .containsExactly("POINT (1 2)", "LINESTRING (0 0, 1 1)");
        assertThat(((Geometry) t.value(0, "the_geom")).getSRID()).isEqualTo(4326);
    }

    @Test
    void geoJsonColumn() {
        Table t = read(write(dir, "geojson.csv",
                "name,GeoJSON\nx,\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[3,4]}\"\n"));
        assertThat(t.names()).containsExactly("name", "the_geom");
        assertThat(wkt(t.value(0, "the_geom"))).isEqualTo("POINT (3 4)");
    }

    @Test
    void firstCandidateByPreferenceThatHoldsGeometryWins() {
        // "geom" ranks before "wkt", but holds text: it stays data, and wkt is the geometry.
        Table t = read(write(dir, "two.csv", "wkt,geom,lon,lat\nPOINT (5 6),blue,1,2\nPOINT (7 8),red,3,4\n"));
        assertThat(t.columns()).containsExactly(new Column("the_geom", ColumnType.GEOMETRY),
                new Column("geom", ColumnType.TEXT), new Column("lon", ColumnType.INTEGER),
                new Column("lat", ColumnType.INTEGER));
        assertThat(t.column("the_geom")).extracting(CsvGeometryTest::wkt).containsExactly("POINT (5 6)", "POINT (7 8)");
    }

    @Test
    void geometryNamedTextColumnStaysDataBesideLonLatPoints() {
        Table t = read(write(dir, "text_geom.csv", "the_geom,Longitude,Latitude\nnone,-3.7,40.4\nn/a,2.35,48.85\n"));
        assertThat(t.columns()).containsExactly(new Column("the_geom", ColumnType.TEXT),
                new Column("Longitude", ColumnType.DOUBLE), new Column("Latitude", ColumnType.DOUBLE),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.rows().get(0)[0]).isEqualTo("none");
        assertThat(wkt(t.rows().get(1)[3])).isEqualTo("POINT (2.35 48.85)");
    }

    @Test
    void invalidLonLatGiveNullGeometriesAndAWarning() {
        Table t = read(write(dir, "lonlat.csv", """
                name,lng,lat
                ok,10,20
                text,abc,20
                far east,200,20
                far north,10,95
                no location,,
                half,10,
                edge,-180,-90
                """));
        assertThat(t.column("the_geom")).extracting(CsvGeometryTest::wkt)
                .containsExactly("POINT (10 20)", null, null, null, null, null, "POINT (-180 -90)");
        assertThat(t.columns().get(1)).isEqualTo(new Column("lng", ColumnType.TEXT));
        assertThat(t.column("lng")).startsWith("10", "abc");
        assertThat(t.source().warnings().asMap()).isEqualTo(Map.of("invalid_geometries", 4L));
    }

    @Test
    void unreadableValuesInAGeometryColumnGiveNullGeometriesAndAWarning() {
        Table t = read(write(dir, "some_bad.csv", "wkt\nPOINT (1 1)\nPOINT (2 2)\nnot a geometry\n\n\"\"\nPOINT (3 3)\n"));
        assertThat(t.columns()).containsExactly(new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.column("the_geom")).extracting(CsvGeometryTest::wkt)
                .containsExactly("POINT (1 1)", "POINT (2 2)", null, null, "POINT (3 3)");
        assertThat(t.source().warnings().asMap()).isEqualTo(Map.of("invalid_geometries", 1L));
    }

    @Test
    void mostlyUnreadableColumnIsNotGeometry() {
        Table t = read(write(dir, "mostly_text.csv", "geometry\nPOINT (1 1)\nfoo\nbar\n"));
        assertThat(t.columns()).containsExactly(new Column("geometry", ColumnType.TEXT));
        assertThat(t.column("geometry")).containsExactly("POINT (1 1)", "foo", "bar");
        assertThat(t.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void anSridThatCannotBeProjectedHereIsNotReadAsWgs84() {
        Table t = read(write(dir, "srid.csv", "the_geom,lon,lat\nSRID=2154;POINT (652000 6862000),1,2\n"));
        assertThat(t.columns().get(0)).isEqualTo(new Column("the_geom", ColumnType.TEXT));
        assertThat(wkt(t.rows().get(0)[3])).isEqualTo("POINT (1 2)");
    }

    @Test
    void webMercatorIsProjectedBack() {
        Table t = read(write(dir, "mercator.csv", "the_geom,name\nSRID=3857;POINT (0 0),origin\n"));
        assertThat(t.columns().get(0)).isEqualTo(new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(wkt(t.rows().get(0)[0])).isEqualTo("POINT (0 0)");
    }
}
