package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.geoingest.rows.GeometryText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads a feature's {@code geometry} member from the token stream, members in any order. A
 * geometry whose JSON shape is not GeoJSON (unknown type, coordinates nested wrongly, a
 * position of fewer than two numbers) fails the import with 3007: the file is not GeoJSON.
 * A well-shaped geometry JTS refuses (an unclosed ring, a one-point line) is the caller's to
 * count: {@link #toGeometry} throws {@link IllegalArgumentException} for it.
 *
 * <p>Reading builds the coordinates straight from the tokens (no JSON tree, no text copy);
 * a geometry of more than {@link GeoJsonParsing#MAX_VALUE_BYTES} of JSON fails with 3007
 * before it can fill the heap. {@link #check} applies the same rules without building
 * anything (profiling only needs to know the file is GeoJSON): no coordinates, no parsed
 * numbers. Not thread-safe: one per parser.
 */
final class GeometryReader {
    /** Nesting depth of {@code coordinates} per type: 0 is a position. */
    private static final Map<String, Integer> DEPTH = Map.of(
            "Point", 0, "MultiPoint", 1, "LineString", 1, "MultiLineString", 2, "Polygon", 2, "MultiPolygon", 3);
    private static final String COLLECTION = "GeometryCollection";
    /**
     * Nesting signatures: which depths of {@link #DEPTH} a coordinates value fits. A value
     * {@code >= 0} is exactly that depth (0: a position); {@code -m} is any depth from
     * {@code m} on (empty lists fit any depth but a position); then these two.
     */
    private static final int MISMATCH = Integer.MIN_VALUE;
    private static final int ABSENT = Integer.MIN_VALUE + 1;

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);
    private long start;

    /**
     * A geometry read but not yet built: its type and coordinates (nested lists of Coordinate,
     * null when only checked), and the nesting signature of the coordinates.
     */
    record Shape(String type, Object coordinates, int nesting, List<Shape> geometries) {
    }

    /** The geometry at the current token, or null for a JSON null. */
    Shape read(JsonParser p) throws IOException {
        return read(p, true);
    }

    /** Consumes the geometry at the current token, failing as {@link #read} would. */
    void check(JsonParser p) throws IOException {
        read(p, false);
    }

    private Shape read(JsonParser p, boolean build) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        start = p.currentTokenLocation().getByteOffset();
        return object(p, build);
    }

    private Shape object(JsonParser p, boolean build) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw GeoJsonParsing.invalid(p, "a geometry must be an object or null, found " + p.currentToken());
        }
        String type = null;
        List<Object> coordinates = build ? new ArrayList<>(1) : null;
        int nesting = ABSENT;
        List<Shape> geometries = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw GeoJsonParsing.invalid(p, "the geometry type must be a string");
                    }
                    type = p.getText();
                }
                case "coordinates" -> {
                    if (build) {
                        coordinates.clear();
                    }
                    nesting = coordinates(p, coordinates);
                }
                case "geometries" -> geometries = geometries(p, build);
                default -> p.skipChildren();
            }
        }
        Object built = build && !coordinates.isEmpty() ? coordinates.get(0) : null;
        return check(p, new Shape(type, built, nesting, geometries));
    }

    /** The member geometries; only checked (an empty list) when not building. */
    private List<Shape> geometries(JsonParser p, boolean build) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw GeoJsonParsing.invalid(p, "\"geometries\" must be an array");
        }
        List<Shape> shapes = build ? new ArrayList<>() : List.of();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Shape shape = object(p, build);
            if (build) {
                shapes.add(shape);
            }
        }
        return shapes;
    }

    /**
     * Reads a coordinates array and returns its nesting signature; when {@code out} is given,
     * adds the array to it: a position as a Coordinate, any other array as a list of what it holds.
     */
    private int coordinates(JsonParser p, List<Object> out) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw GeoJsonParsing.invalid(p, "\"coordinates\" must be an array");
        }
        guardSize(p);
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
            Coordinate position = position(p, out != null);
            if (out != null) {
                out.add(position);
            }
            return 0;
        }
        List<Object> items = out == null ? null : new ArrayList<>();
        int nesting = -1;
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            nesting = both(nesting, deeper(coordinates(p, items)));
        }
        if (out != null) {
            out.add(items);
        }
        return nesting;
    }

    /** x, y and an optional z; further values (a measure) are dropped. Null when not building. */
    private static Coordinate position(JsonParser p, boolean build) throws IOException {
        double[] xyz = build ? new double[] {Double.NaN, Double.NaN, Double.NaN} : null;
        int n = 0;
        for (JsonToken t = p.currentToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw GeoJsonParsing.invalid(p, "a position must hold only numbers, found " + t);
            }
            if (build && n < 3) {
                xyz[n] = p.getDoubleValue();
            }
        }
        if (n < 2) {
            throw GeoJsonParsing.invalid(p, "a position needs at least two numbers");
        }
        return build ? new Coordinate(xyz[0], xyz[1], xyz[2]) : null;
    }

    /** The signature of a list of items of signature {@code item}: one level deeper. */
    private static int deeper(int item) {
        if (item == MISMATCH) {
            return MISMATCH;
        }
        return item >= 0 ? item + 1 : item - 1;
    }

    /** The depths that fit both signatures. */
    private static int both(int a, int b) {
        if (a == MISMATCH || b == MISMATCH) {
            return MISMATCH;
        }
        if (a >= 0 && b >= 0) {
            return a == b ? a : MISMATCH;
        }
        if (a < 0 && b < 0) {
            return Math.min(a, b);
        }
        int exact = Math.max(a, b);
        int from = -Math.min(a, b);
        return exact >= from ? exact : MISMATCH;
    }

    private static boolean fits(int nesting, int depth) {
        return nesting >= 0 ? nesting == depth : nesting != MISMATCH && depth >= -nesting;
    }

    private void guardSize(JsonParser p) {
        if (p.currentLocation().getByteOffset() - start > GeoJsonParsing.MAX_VALUE_BYTES) {
            throw GeoJsonParsing.invalid(p, "a geometry is larger than " + (GeoJsonParsing.MAX_VALUE_BYTES >> 20) + " MB");
        }
    }

    private static Shape check(JsonParser p, Shape s) {
        if (s.type() == null) {
            throw GeoJsonParsing.invalid(p, "a geometry has no \"type\"");
        }
        if (COLLECTION.equals(s.type())) {
            if (s.geometries() == null) {
                throw GeoJsonParsing.invalid(p, "a GeometryCollection has no \"geometries\"");
            }
            return s;
        }
        Integer depth = DEPTH.get(s.type());
        if (depth == null) {
            throw GeoJsonParsing.invalid(p, "unknown geometry type \"" + s.type() + "\"");
        }
        if (s.nesting() == ABSENT) {
            throw GeoJsonParsing.invalid(p, "a " + s.type() + " has no \"coordinates\"");
        }
        if (!fits(s.nesting(), depth)) {
            throw GeoJsonParsing.invalid(p, "the coordinates of a " + s.type() + " are not nested as its type needs");
        }
        return s;
    }

    /** @throws IllegalArgumentException when JTS refuses the geometry (unclosed ring, one-point line) */
    Geometry toGeometry(Shape s) {
        return switch (s.type()) {
            case "Point" -> point(s.coordinates());
            case "MultiPoint" -> factory.createMultiPoint(list(s.coordinates()).stream().map(this::point)
                    .toArray(Point[]::new));
            case "LineString" -> line(s.coordinates());
            case "MultiLineString" -> factory.createMultiLineString(list(s.coordinates()).stream().map(this::line)
                    .toArray(LineString[]::new));
            case "Polygon" -> polygon(s.coordinates());
            case "MultiPolygon" -> factory.createMultiPolygon(list(s.coordinates()).stream().map(this::polygon)
                    .toArray(Polygon[]::new));
            default -> factory.createGeometryCollection(s.geometries().stream().map(this::toGeometry)
                    .toArray(Geometry[]::new));
        };
    }

    private Point point(Object node) {
        return factory.createPoint((Coordinate) node);
    }

    private LineString line(Object node) {
        return factory.createLineString(positions(node));
    }

    private Polygon polygon(Object node) {
        List<Object> rings = list(node);
        if (rings.isEmpty()) {
            return factory.createPolygon();
        }
        LinearRing shell = factory.createLinearRing(positions(rings.get(0)));
        LinearRing[] holes = rings.subList(1, rings.size()).stream().map(r -> factory.createLinearRing(positions(r)))
                .toArray(LinearRing[]::new);
        return factory.createPolygon(shell, holes);
    }

    private static Coordinate[] positions(Object node) {
        return list(node).toArray(Coordinate[]::new);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return (List<Object>) node;
    }
}
