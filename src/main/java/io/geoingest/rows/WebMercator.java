package io.geoingest.rows;

import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Projects EPSG:4326 geometries to EPSG:3857 for {@code the_geom_webmercator}, as CARTO's
 * {@code CDB_TransformToWebmercator} does, so the sink can COPY both columns at once.
 *
 * <p>Spherical Mercator on the WGS84 semi-major axis, with PROJ's formulas
 * ({@code x = a·λ}, {@code y = a·asinh(tan φ)}): within 1e-6 m of PostGIS's
 * {@code ST_Transform(g, 3857)} for in-range coordinates. Latitudes are clamped to
 * ±85.0511287798066°, the edge of the square web map, where PostGIS would fail at the poles.
 * Longitudes outside ±180° wrap around like PROJ's (so like {@code ST_Transform}); Z is kept.
 */
public final class WebMercator {
    public static final int SRID = 3857;
    /** Spherical (Web) Mercator's code and its historical ones. */
    public static final Set<Integer> SRIDS = Set.of(SRID, 900913, 3785, 102100, 102113);
    public static final double MAX_LATITUDE = 85.0511287798066;
    /** WGS84 semi-major axis, the sphere's radius. */
    private static final double RADIUS = 6378137.0;
    /** PROJ's tolerance before wrapping a longitude, so that ±180° stay put. */
    private static final double WRAP_EPSILON = 1e-12;

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);
    private static final CoordinateSequenceFilter PROJECT = new EachCoordinate(WebMercator::x, WebMercator::y);
    private static final CoordinateSequenceFilter UNPROJECT = new EachCoordinate(
            x -> Math.toDegrees(x / RADIUS),
            y -> Math.toDegrees(2 * Math.atan(Math.exp(y / RADIUS)) - Math.PI / 2));
    private static final GeometryFactory WGS84_FACTORY = new GeometryFactory(new PrecisionModel(), 4326);


    private WebMercator() {
    }

    /** A new geometry in EPSG:3857 (SRID 3857, also on every part); null stays null. */
    public static Geometry project(Geometry wgs84) {
        if (wgs84 == null) {
            return null;
        }
        if (wgs84 instanceof Point p) {
            if (p.isEmpty()) {
                return FACTORY.createPoint();
            }
            Coordinate c = p.getCoordinate().copy();
            c.setX(x(c.getX()));
            c.setY(y(c.getY()));
            return FACTORY.createPoint(c);
        }
        // createGeometry copies coordinates and gives every part the factory's SRID.
        Geometry copy = FACTORY.createGeometry(wgs84);
        copy.apply(PROJECT);
        return copy;
    }

    /**
     * The inverse, for sources that hold EPSG:3857 (or its older codes): a new geometry in
     * EPSG:4326 with SRID 4326.
     */
    public static Geometry unproject(Geometry mercator) {
        Geometry copy = WGS84_FACTORY.createGeometry(mercator);
        copy.apply(UNPROJECT);
        return copy;
    }

    static double x(double longitude) {
        double lambda = Math.toRadians(longitude);
        if (Math.abs(lambda) >= Math.PI + WRAP_EPSILON) {
            lambda += Math.PI;
            lambda -= 2 * Math.PI * Math.floor(lambda / (2 * Math.PI));
            lambda -= Math.PI;
        }
        return RADIUS * lambda;
    }

    static double y(double latitude) {
        double phi = Math.toRadians(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude)));
        return RADIUS * asinh(Math.tan(phi));
    }

    /** Java 17 has no Math.asinh; this form stays accurate near 0 and is odd-symmetric. */
    private static double asinh(double v) {
        double a = Math.abs(v);
        double r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return v < 0 ? -r : r;
    }

    /** Maps every coordinate in place, x and y each by their own function. */
    private record EachCoordinate(DoubleUnaryOperator fx, DoubleUnaryOperator fy) implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, CoordinateSequence.X, fx.applyAsDouble(seq.getX(i)));
            seq.setOrdinate(i, CoordinateSequence.Y, fy.applyAsDouble(seq.getY(i)));
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
