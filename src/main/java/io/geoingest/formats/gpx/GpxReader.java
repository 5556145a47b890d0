package io.geoingest.formats.gpx;

import io.geoingest.formats.features.Feature;
import io.geoingest.formats.features.FeatureReader;
import io.geoingest.formats.features.XmlCursor;
import io.geoingest.rows.GeometryText;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * One pass over a GPX file with GDAL's layers: waypoints (wpt), routes (rte as a LineString),
 * tracks (trk as the MultiLineString of its segments), route_points and track_points (with
 * GDAL's 0-based {@code route_fid, route_point_id} and {@code track_fid, track_seg_id,
 * track_seg_point_id}). A route's or track's row follows its points, since its line is known
 * only at its end; only that one line is held in memory. Extensions are not read; links become
 * GDAL's {@code link1_href, link1_text, link1_type}, ...
 */
final class GpxReader implements FeatureReader {
    static final int WAYPOINTS = 0;
    static final int ROUTES = 1;
    static final int TRACKS = 2;
    static final int ROUTE_POINTS = 3;
    static final int TRACK_POINTS = 4;
    private static final List<String> SUFFIXES = List.of("_waypoints", "_routes", "_tracks", "_route_points",
            "_track_points");
    /** Text whatever the values look like: a name "001" or "42" is a label, not a number. */
    static final Set<String> TEXT_FIELDS = Set.of("name", "cmt", "desc", "src", "sym", "type", "fix",
            "link1_href", "link1_text", "link1_type");

    private final XmlCursor xml;
    private final String fileName;
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);

    private int routes = -1;
    private int tracks = -1;
    /** The route or track being read, else null. */
    private Map<String, String> lineFields;
    private boolean inTrack;
    private int segment;
    private List<Coordinate> points = new ArrayList<>();
    private final List<LineString> segments = new ArrayList<>();
    private int links;

    GpxReader(InputStream in, String fileName) {
        this.xml = new XmlCursor("GPX", in);
        this.fileName = fileName;
    }

    @Override
    public Feature next() {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                Feature f = start(xml.name());
                if (f != null) {
                    return f;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                Feature f = end(xml.name());
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private Feature start(String element) {
        if (lineFields == null) {
            switch (element) {
                case "gpx" -> {
                    // Descend into the root.
                }
                case "wpt" -> {
                    return point(WAYPOINTS, new LinkedHashMap<>());
                }
                case "rte" -> beginLine(false);
                case "trk" -> beginLine(true);
                default -> xml.skip();
            }
            return null;
        }
        switch (element) {
            case "rtept" -> {
                Map<String, String> ids = new LinkedHashMap<>();
                ids.put("route_fid", String.valueOf(routes));
                ids.put("route_point_id", String.valueOf(points.size()));
                return point(ROUTE_POINTS, ids);
            }
            case "trkseg" -> {
                segment++;
                points = new ArrayList<>();
            }
            case "trkpt" -> {
                Map<String, String> ids = new LinkedHashMap<>();
                ids.put("track_fid", String.valueOf(tracks));
                ids.put("track_seg_id", String.valueOf(segment));
                ids.put("track_seg_point_id", String.valueOf(points.size()));
                return point(TRACK_POINTS, ids);
            }
            default -> field(element, lineFields);
        }
        return null;
    }

    private Feature end(String element) {
        if (lineFields == null) {
            return null;
        }
        switch (element) {
            case "trkseg" -> {
                if (points.size() >= 2) {
                    segments.add(factory.createLineString(points.toArray(Coordinate[]::new)));
                }
            }
            case "rte" -> {
                Geometry line = points.size() >= 2 ? factory.createLineString(points.toArray(Coordinate[]::new)) : null;
                return endLine(ROUTES, line);
            }
            case "trk" -> {
                Geometry lines = segments.isEmpty() ? null
                        : factory.createMultiLineString(segments.toArray(LineString[]::new));
                return endLine(TRACKS, lines);
            }
            default -> {
                // The end of a point's parent we descended into.
            }
        }
        return null;
    }

    private void beginLine(boolean track) {
        inTrack = track;
        if (track) {
            tracks++;
        } else {
            routes++;
        }
        lineFields = new LinkedHashMap<>();
        links = 0;
        segment = -1;
        points = new ArrayList<>();
        segments.clear();
    }

    private Feature endLine(int layer, Geometry geometry) {
        Feature f = new Feature(layer, lineFields, geometry, false);
        lineFields = null;
        points = new ArrayList<>();
        segments.clear();
        return f;
    }

    /** A wpt, rtept or trkpt: lat/lon attributes and simple child elements. */
    private Feature point(int layer, Map<String, String> fields) {
        Coordinate c = coordinate(xml.attribute("lon"), xml.attribute("lat"));
        int pointLinks = links;
        links = 0;
        while (xml.nextChild()) {
            field(xml.name(), fields);
        }
        links = pointLinks;
        if (c != null && layer != WAYPOINTS) {
            points.add(c);
        }
        return new Feature(layer, fields, c == null ? null : factory.createPoint(c), c == null);
    }

    /** A simple child as a field; a link as GDAL's numbered link fields; extensions skipped. */
    private void field(String element, Map<String, String> fields) {
        switch (element) {
            case "extensions" -> xml.skip();
            case "link" -> {
                String prefix = "link" + (++links) + "_";
                fields.put(prefix + "href", xml.attribute("href"));
                while (xml.nextChild()) {
                    fields.put(prefix + xml.name(), xml.text());
                }
            }
            default -> fields.put(element, xml.text());
        }
    }

    private static Coordinate coordinate(String lon, String lat) {
        try {
            double x = Double.parseDouble(lon);
            double y = Double.parseDouble(lat);
            return Double.isFinite(x) && Double.isFinite(y) ? new Coordinate(x, y) : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    @Override
    public String layerName(int layer) {
        return fileName + SUFFIXES.get(layer);
    }

    @Override
    public void close() {
        xml.close();
    }
}
