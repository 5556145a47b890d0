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
 * before it can fill the heap. Not thread-safe: one per parser.
 */
final class GeometryReader {
    /** Nesting depth of {@code coordinates} per type: 0 is a position. */
    private static final Map<String, Integer> DEPTH = Map.of(
            "Point", 0, "MultiPoint", 1, "LineString", 1, "MultiLineString", 2, "Polygon", 2, "MultiPolygon", 3);
    private static final String COLLECTION = "GeometryCollection";

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);
    private long start;

    /** A geometry read but not yet built: its type and coordinates (nested lists of Coordinate). */
    record Shape(String type, Object coordinates, List<Shape> geometries) {
    }

    /** The geometry at the current token, or null for a JSON null. */
    Shape read(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        start = p.currentTokenLocation().getByteOffset();
        return object(p);
    }

    private Shape object(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw GeoJsonParsing.invalid(p, "a geometry must be an object or null, found " + p.currentToken());
        }
        String type = null;
        Object coordinates = null;
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
                case "coordinates" -> coordinates = coordinates(p);
                case "geometries" -> geometries = geometries(p);
                default -> p.skipChildren();
            }
        }
        return check(p, new Shape(type, coordinates, geometries));
    }

    private List<Shape> geometries(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw GeoJsonParsing.invalid(p, "\"geometries\" must be an array");
        }
        List<Shape> shapes = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            shapes.add(object(p));
        }
        return shapes;
    }

    /** A position as a Coordinate, any other array as a list of what it holds. */
    private Object coordinates(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw GeoJsonParsing.invalid(p, "\"coordinates\" must be an array");
        }
        guardSize(p);
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
            return position(p);
        }
        List<Object> items = new ArrayList<>();
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(coordinates(p));
        }
        return items;
    }

    /** x, y and an optional z; further values (a measure) are dropped. */
    private Coordinate position(JsonParser p) throws IOException {
        double[] xyz = {Double.NaN, Double.NaN, Double.NaN};
        int n = 0;
        for (JsonToken t = p.currentToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw GeoJsonParsing.invalid(p, "a position must hold only numbers, found " + t);
            }
            if (n < 3) {
                xyz[n] = p.getDoubleValue();
            }
        }
        if (n < 2) {
            throw GeoJsonParsing.invalid(p, "a position needs at least two numbers");
        }
        return new Coordinate(xyz[0], xyz[1], xyz[2]);
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
        if (s.coordinates() == null) {
            throw GeoJsonParsing.invalid(p, "a " + s.type() + " has no \"coordinates\"");
        }
        if (!nestedAs(s.coordinates(), depth)) {
            throw GeoJsonParsing.invalid(p, "the coordinates of a " + s.type() + " are not nested as its type needs");
        }
        return s;
    }

    /** Empty lists fit any depth but a position: they make empty geometries. */
    private static boolean nestedAs(Object node, int depth) {
        if (depth == 0) {
            return node instanceof Coordinate;
        }
        return node instanceof List<?> items && items.stream().allMatch(i -> nestedAs(i, depth - 1));
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
