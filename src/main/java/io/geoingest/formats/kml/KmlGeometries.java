package io.geoingest.formats.kml;

import io.geoingest.formats.features.XmlCursor;
import io.geoingest.rows.GeometryText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * KML geometries as JTS geometries in EPSG:4326, altitude dropped. Every method starts at the
 * geometry's START_ELEMENT and consumes through its END_ELEMENT, and throws
 * {@link InvalidGeometry} only after that, so that a bad geometry never desynchronises the
 * reader: the Placemark is kept without geometry and counted.
 */
final class KmlGeometries {
    static final java.util.Set<String> ELEMENTS =
            java.util.Set.of("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);

    GeometryFactory factory() {
        return factory;
    }

    /** Thrown once the bad geometry's element has been consumed. */
    static final class InvalidGeometry extends Exception {
        InvalidGeometry(String message) {
            super(message, null, false, false);
        }
    }

    /** The geometry of the element the cursor is at, whose local name is in {@link #ELEMENTS}. */
    Geometry read(XmlCursor c) throws InvalidGeometry {
        return switch (c.name()) {
            case "Point" -> point(coordinates(c));
            case "LineString", "LinearRing" -> line(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiGeometry" -> multi(c);
            case "Track" -> line(track(c));
            case "MultiTrack" -> multiTrack(c);
            default -> throw new IllegalArgumentException("not a KML geometry: " + c.name());
        };
    }

    private Point point(Coordinate[] cs) throws InvalidGeometry {
        if (cs.length != 1) {
            throw new InvalidGeometry("a Point needs one coordinate");
        }
        return factory.createPoint(cs[0]);
    }

    /** A LinearRing outside a Polygon is a line: PostGIS has no ring type. */
    private LineString line(Coordinate[] cs) throws InvalidGeometry {
        if (cs.length < 2) {
            throw new InvalidGeometry("a line needs two coordinates");
        }
        return factory.createLineString(cs);
    }

    private Polygon polygon(XmlCursor c) throws InvalidGeometry {
        List<Coordinate[]> outer = new ArrayList<>();
        List<Coordinate[]> inner = new ArrayList<>();
        String error = null;
        while (c.nextChild()) {
            List<Coordinate[]> target = switch (c.name()) {
                case "outerBoundaryIs" -> outer;
                case "innerBoundaryIs" -> inner;
                default -> null;
            };
            if (target == null) {
                c.skip();
                continue;
            }
            while (c.nextChild()) {
                if (c.name().equals("LinearRing")) {
                    try {
                        target.add(coordinates(c));
                    } catch (InvalidGeometry e) {
                        error = e.getMessage();
                    }
                } else {
                    c.skip();
                }
            }
        }
        if (error != null || outer.size() != 1) {
            throw new InvalidGeometry(error != null ? error : "a Polygon needs one outer boundary");
        }
        LinearRing[] holes = new LinearRing[inner.size()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(inner.get(i));
        }
        return factory.createPolygon(ring(outer.get(0)), holes);
    }

    /** Closes an unclosed ring, as GDAL does. */
    private LinearRing ring(Coordinate[] cs) throws InvalidGeometry {
        if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
            cs = Arrays.copyOf(cs, cs.length + 1);
            cs[cs.length - 1] = cs[0].copy();
        }
        if (cs.length < 4) {
            throw new InvalidGeometry("a ring needs four coordinates");
        }
        return factory.createLinearRing(cs);
    }

    /** Multi* when all parts (nested collections flattened) have one type, else a GeometryCollection. */
    private Geometry multi(XmlCursor c) throws InvalidGeometry {
        List<Geometry> parts = new ArrayList<>();
        InvalidGeometry error = null;
        while (c.nextChild()) {
            if (!ELEMENTS.contains(c.name())) {
                c.skip();
                continue;
            }
            try {
                Geometry g = read(c);
                if (g instanceof GeometryCollection gc) {
                    for (int i = 0; i < gc.getNumGeometries(); i++) {
                        parts.add(gc.getGeometryN(i));
                    }
                } else {
                    parts.add(g);
                }
            } catch (InvalidGeometry e) {
                error = e;
            }
        }
        if (error != null) {
            throw error;
        }
        if (parts.isEmpty()) {
            throw new InvalidGeometry("an empty MultiGeometry");
        }
        return collection(parts);
    }

    /** Multi* even for one part: a MultiGeometry stays multi, as GDAL reads it. */
    private Geometry collection(List<Geometry> parts) {
        if (parts.stream().allMatch(Point.class::isInstance)) {
            return factory.createMultiPoint(parts.toArray(Point[]::new));
        }
        if (parts.stream().allMatch(LineString.class::isInstance)) {
            return factory.createMultiLineString(parts.toArray(LineString[]::new));
        }
        if (parts.stream().allMatch(Polygon.class::isInstance)) {
            return factory.createMultiPolygon(parts.toArray(Polygon[]::new));
        }
        return factory.createGeometryCollection(parts.toArray(Geometry[]::new));
    }

    private Geometry multiTrack(XmlCursor c) throws InvalidGeometry {
        List<LineString> lines = new ArrayList<>();
        InvalidGeometry error = null;
        while (c.nextChild()) {
            if (c.name().equals("Track")) {
                try {
                    lines.add(line(track(c)));
                } catch (InvalidGeometry e) {
                    error = e;
                }
            } else {
                c.skip();
            }
        }
        if (error != null || lines.isEmpty()) {
            throw error != null ? error : new InvalidGeometry("an empty MultiTrack");
        }
        return factory.createMultiLineString(lines.toArray(LineString[]::new));
    }

    /** The {@code <coordinates>} child: {@code lon,lat[,alt]} tuples separated by whitespace. */
    private Coordinate[] coordinates(XmlCursor c) throws InvalidGeometry {
        String text = null;
        while (c.nextChild()) {
            if (c.name().equals("coordinates")) {
                text = c.text();
            } else {
                c.skip();
            }
        }
        if (text == null) {
            throw new InvalidGeometry("no coordinates");
        }
        // Some writers put spaces after the commas: glue each tuple back first.
        String[] tuples = SPACE.split(COMMA.matcher(text.strip()).replaceAll(","));
        List<Coordinate> cs = new ArrayList<>(tuples.length);
        for (String t : tuples) {
            if (!t.isEmpty()) {
                String[] parts = t.split(",");
                cs.add(coordinate(parts));
            }
        }
        return cs.toArray(Coordinate[]::new);
    }

    /** {@code gx:Track}: {@code <gx:coord>lon lat alt</gx:coord>} children. */
    private Coordinate[] track(XmlCursor c) throws InvalidGeometry {
        List<Coordinate> cs = new ArrayList<>();
        InvalidGeometry error = null;
        while (c.nextChild()) {
            if (c.name().equals("coord")) {
                try {
                    cs.add(coordinate(SPACE.split(c.text().strip())));
                } catch (InvalidGeometry e) {
                    error = e;
                }
            } else {
                c.skip();
            }
        }
        if (error != null) {
            throw error;
        }
        return cs.toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(String[] parts) throws InvalidGeometry {
        if (parts.length < 2) {
            throw new InvalidGeometry("a coordinate needs a longitude and a latitude");
        }
        try {
            double lon = Double.parseDouble(parts[0]);
            double lat = Double.parseDouble(parts[1]);
            if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
                throw new InvalidGeometry("coordinates must be finite");
            }
            return new Coordinate(lon, lat);
        } catch (NumberFormatException e) {
            throw new InvalidGeometry("coordinates must be numbers");
        }
    }
}
