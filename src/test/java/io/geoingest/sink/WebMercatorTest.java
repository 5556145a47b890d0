package io.geoingest.sink;

import static io.geoingest.rows.ColumnType.GEOMETRY;
import static io.geoingest.rows.ColumnType.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.geoingest.rows.WebMercator;
import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;

class WebMercatorTest {
    private static final double TOLERANCE = 1e-6;
    private static final double EDGE = 20037508.342789244;

    private final GeometryFactory wgs84 = new GeometryFactory(new PrecisionModel(), 4326);
    private Connection db;

    @BeforeEach
    void connect() throws SQLException {
        db = TestDatabases.postgres();
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE wm (id integer, g geometry(Geometry,4326), w geometry(Geometry,3857))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void randomPointsAgreeWithPostgis() throws Exception {
        Random random = new Random(3857);
        List<Geometry> points = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            points.add(point(random.nextDouble() * 360 - 180,
                    (random.nextDouble() * 2 - 1) * WebMercator.MAX_LATITUDE));
        }
        for (double[] c : new double[][] {{0, 0}, {180, 0}, {-180, 0}, {180, WebMercator.MAX_LATITUDE},
                {-180, -WebMercator.MAX_LATITUDE}, {1e-12, -1e-12}, {179.999999999, 85}, {-0.0, 45}}) {
            points.add(point(c[0], c[1]));
        }
        assertAgreesWithPostgis(points);
    }

    @Test
    void linesPolygonsAndCollectionsAgreeWithPostgis() throws Exception {
        Random random = new Random(4326);
        List<Geometry> shapes = new ArrayList<>();
        WKTReader reader = new WKTReader(wgs84);
        for (String wkt : List.of("LINESTRING(-180 -85,0 0,180 85)",
                "POLYGON((-10 -10,10 -10,10 10,-10 10,-10 -10),(-1 -1,-1 1,1 1,1 -1,-1 -1))",
                "MULTIPOINT((1 2),(-170.5 60.25))", "MULTILINESTRING((0 0,1 1),(2 2,3 3,-4 5))",
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((100 50,101 50,101 51,100 50)))",
                "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),POLYGON((0 0,1 0,1 1,0 0)))")) {
            Geometry g = reader.read(wkt);
            g.setSRID(4326);
            shapes.add(g);
        }
        for (int k = 0; k < 500; k++) {
            Coordinate[] cs = new Coordinate[2 + random.nextInt(30)];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = new Coordinate(random.nextDouble() * 360 - 180, random.nextDouble() * 170 - 85);
            }
            shapes.add(wgs84.createLineString(cs));
        }
        assertAgreesWithPostgis(shapes);
        try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM wm, ST_Dump(w) d"
                + " WHERE ST_SRID(d.geom) <> 3857 OR ST_SRID(w) <> 3857")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void clampsLatitudesToTheSquareMap() {
        assertThat(WebMercator.project(point(10, 89)).getCoordinate().y).isCloseTo(EDGE, within(TOLERANCE));
        assertThat(WebMercator.project(point(10, -90)).getCoordinate().y).isCloseTo(-EDGE, within(TOLERANCE));
        assertThat(WebMercator.project(point(180, 0)).getCoordinate().x).isCloseTo(EDGE, within(TOLERANCE));
        Geometry line = WebMercator.project(wgs84.createLineString(
                new Coordinate[] {new Coordinate(0, 87), new Coordinate(0, -87)}));
        assertThat(line.getCoordinates()[0].y).isCloseTo(EDGE, within(TOLERANCE));
        assertThat(line.getCoordinates()[1].y).isCloseTo(-EDGE, within(TOLERANCE));
    }

    @Test
    void wrapsLongitudesLikePostgis() throws Exception {
        List<Geometry> points = List.of(point(190, 10), point(-190, -10), point(540, 0), point(-359.5, 1));
        assertAgreesWithPostgis(points);
    }

    @Test
    void keepsEmptinessZAndInput() {
        assertThat(WebMercator.project(wgs84.createPoint()).isEmpty()).isTrue();
        assertThat(WebMercator.project(wgs84.createPolygon()).isEmpty()).isTrue();
        assertThat(WebMercator.project(null)).isNull();
        Point p = wgs84.createPoint(new Coordinate(1, 2, 3));
        Geometry projected = WebMercator.project(p);
        assertThat(projected.getSRID()).isEqualTo(3857);
        assertThat(projected.getCoordinate().getZ()).isEqualTo(3);
        assertThat(p.getX()).as("input untouched").isEqualTo(1);
    }

    private void assertAgreesWithPostgis(List<Geometry> geometries) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < geometries.size(); k++) {
            rows.add(new Object[] {k, geometries.get(k), WebMercator.project(geometries.get(k))});
        }
        Copies.copy(db, "wm", "id, g, w", List.of(INTEGER, GEOMETRY, GEOMETRY), rows);
        String sql = "SELECT count(*), max(greatest(abs(ST_X(a.geom) - ST_X(b.geom)), abs(ST_Y(a.geom) - ST_Y(b.geom))))"
                + " FROM wm, ST_DumpPoints(ST_Transform(g, 3857)) a, ST_DumpPoints(w) b WHERE a.path = b.path";
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            int vertices = geometries.stream().mapToInt(Geometry::getNumPoints).sum();
            assertThat(rs.getInt(1)).isEqualTo(vertices);
            assertThat(rs.getDouble(2)).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private Point point(double lon, double lat) {
        return wgs84.createPoint(new Coordinate(lon, lat));
    }
}
