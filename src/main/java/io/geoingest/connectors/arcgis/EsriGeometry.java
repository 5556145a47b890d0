package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.rows.GeometryText;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Esri JSON geometries (a feature's {@code geometry} in an {@code f=json} answer) as JTS
 * geometries with SRID 4326: point {@code {x, y[, z]}} → Point, multipoint {@code {points}} →
 * MultiPoint, polyline {@code {paths}} → MultiLineString, polygon {@code {rings}} → MultiPolygon.
 *
 * <p>Esri polygons do not group their rings: clockwise rings are outer rings and
 * counter-clockwise rings holes, each hole belonging to the smallest outer ring containing it.
 * A "hole" inside no outer ring is taken as an outer ring wound the wrong way (as GDAL does).
 * Unclosed rings are closed.
 *
 * <p>Empty geometries (null, {@code {}}, {@code x} null or "NaN", no parts) read as null.
 * Anything else that cannot be read (wrong nesting, text for numbers, non-finite coordinates, a
 * ring of fewer than three distinct points, a one-point path, true curves) throws
 * {@link IllegalArgumentException}, for the caller to count as an invalid geometry.
 */
final class EsriGeometry {
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);

    /**
     * @param hasZ whether positions carry z after x and y (the answer's {@code hasZ}); a third
     *             value is otherwise an m, dropped like any m
     * @return the geometry, or null for an empty one
     */
    Geometry read(JsonNode g, boolean hasZ) {
        if (g == null || g.isNull() || g.isMissingNode()) {
            return null;
        }
        if (!g.isObject()) {
            throw invalid("a geometry must be an object");
        }
        if (g.has("x")) {
            return point(g, hasZ);
        }
        if (g.has("points")) {
            List<Coordinate> points = positions(g.get("points"), hasZ);
            return points.isEmpty() ? null
                    : factory.createMultiPoint(points.stream().map(factory::createPoint).toArray(Point[]::new));
        }
        if (g.has("paths")) {
            return lines(g.get("paths"), hasZ);
        }
        if (g.has("rings")) {
            return polygons(g.get("rings"), hasZ);
        }
        if (g.has("curvePaths") || g.has("curveRings")) {
            throw invalid("true curves are not supported");
        }
        if (g.isEmpty() || (g.size() == 1 && g.has("spatialReference"))) {
            return null;
        }
        throw invalid("not an Esri JSON point, multipoint, polyline or polygon");
    }

    private Point point(JsonNode g, boolean hasZ) {
        JsonNode x = g.get("x");
        boolean empty = x.isNull() || (x.isTextual() && x.asText().equalsIgnoreCase("NaN"))
                || (x.isNumber() && Double.isNaN(x.doubleValue()));
        if (empty) {
            return null;
        }
        JsonNode z = g.path("z");
        return factory.createPoint(new Coordinate(number(x), number(g.path("y")),
                hasZ && z.isNumber() ? z.doubleValue() : Double.NaN));
    }

    private Geometry lines(JsonNode paths, boolean hasZ) {
        List<LineString> lines = new ArrayList<>();
        for (JsonNode path : array(paths, "paths")) {
            List<Coordinate> points = positions(path, hasZ);
            if (!points.isEmpty()) {
                lines.add(factory.createLineString(points.toArray(Coordinate[]::new)));
            }
        }
        return lines.isEmpty() ? null : factory.createMultiLineString(lines.toArray(LineString[]::new));
    }

    private Geometry polygons(JsonNode rings, boolean hasZ) {
        List<LinearRing> shells = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (JsonNode ring : array(rings, "rings")) {
            List<Coordinate> points = positions(ring, hasZ);
            if (points.isEmpty()) {
                continue;
            }
            if (!points.get(0).equals2D(points.get(points.size() - 1))) {
                points.add(points.get(0).copy());
            }
            if (points.size() < 4) {
                throw invalid("a ring needs at least three distinct points");
            }
            LinearRing r = factory.createLinearRing(points.toArray(Coordinate[]::new));
            (Orientation.isCCW(r.getCoordinateSequence()) ? holes : shells).add(r);
        }
        for (LinearRing hole : List.copyOf(holes)) {
            if (shells.stream().noneMatch(shell -> contains(shell, hole))) {
                holes.remove(hole);
                shells.add(hole);
            }
        }
        if (shells.isEmpty()) {
            return null;
        }
        double[] areas = shells.stream().mapToDouble(s -> Area.ofRing(s.getCoordinateSequence())).toArray();
        List<List<LinearRing>> holesOf = new ArrayList<>();
        shells.forEach(s -> holesOf.add(new ArrayList<>()));
        for (LinearRing hole : holes) {
            int owner = -1;
            for (int i = 0; i < shells.size(); i++) {
                if ((owner < 0 || areas[i] < areas[owner]) && contains(shells.get(i), hole)) {
                    owner = i;
                }
            }
            holesOf.get(owner).add(hole);
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = factory.createPolygon(shells.get(i), holesOf.get(i).toArray(LinearRing[]::new));
        }
        return factory.createMultiPolygon(polygons);
    }

    /** Whether {@code ring} lies inside {@code shell}: its first vertex not on the shell's boundary decides. */
    private static boolean contains(LinearRing shell, LinearRing ring) {
        if (!shell.getEnvelopeInternal().covers(ring.getEnvelopeInternal())) {
            return false;
        }
        Coordinate[] boundary = shell.getCoordinates();
        for (Coordinate c : ring.getCoordinates()) {
            int location = PointLocation.locateInRing(c, boundary);
            if (location != Location.BOUNDARY) {
                return location == Location.INTERIOR;
            }
        }
        return true;
    }

    private static List<Coordinate> positions(JsonNode node, boolean hasZ) {
        List<Coordinate> out = new ArrayList<>();
        for (JsonNode p : array(node, "a part")) {
            if (!p.isArray() || p.size() < 2) {
                throw invalid("a position must be an array of at least two numbers");
            }
            JsonNode z = p.path(2);
            out.add(new Coordinate(number(p.get(0)), number(p.get(1)),
                    hasZ && z.isNumber() ? z.doubleValue() : Double.NaN));
        }
        return out;
    }

    private static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw invalid(what + " must be an array");
        }
        return node;
    }

    private static double number(JsonNode n) {
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw invalid("a coordinate must be a finite number, found " + n);
        }
        return n.doubleValue();
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("invalid Esri JSON geometry: " + why);
    }
}
