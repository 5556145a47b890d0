package io.geoingest.formats.kml;

import io.geoingest.formats.features.Feature;
import io.geoingest.formats.features.FeatureReader;
import io.geoingest.formats.features.XmlCursor;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * One pass over a KML document, Placemark by Placemark (GroundOverlays too, as their LatLonBox).
 *
 * <p>Layers follow GDAL's LIBKML driver: every Folder or Document, at any depth, that directly
 * holds features is a layer named after its {@code <name>}. Features directly under the
 * outermost Document (or under {@code <kml>}) form a layer named after the file, the name a
 * user expects for the common one-layer KML. A container without a name gets the file name and
 * the layer's index.
 */
final class KmlReader implements FeatureReader {
    static final Set<String> TEXT_FIELDS = Set.of("name", "description");
    /** Elements whose content is never a feature nor a layer name. */
    private static final Set<String> SKIPPED = Set.of("Schema", "Style", "StyleMap", "ScreenOverlay", "PhotoOverlay",
            "NetworkLinkControl", "Region", "LookAt", "Camera", "ExtendedData", "description", "Snippet",
            "TimeSpan", "TimeStamp", "Tour", "Update");

    private final XmlCursor xml;
    private final String fileName;
    private final KmlGeometries geometries = new KmlGeometries();
    private final Deque<Container> containers = new ArrayDeque<>();
    private final List<String> layerNames = new ArrayList<>();
    private int depth;
    private long features;
    private int networkLinks;

    /** A Folder or Document being read; the root one stands for {@code <kml>} itself. */
    private static final class Container {
        final int depth;
        final boolean namedAfterFile;
        String name;
        int layer = -1;

        Container(int depth, boolean namedAfterFile) {
            this.depth = depth;
            this.namedAfterFile = namedAfterFile;
        }
    }

    KmlReader(InputStream in, String fileName) {
        this.xml = new XmlCursor("KML", in);
        this.fileName = fileName;
        containers.push(new Container(0, true));
    }

    @Override
    public Feature next() {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == containers.peek().depth) {
                    containers.pop();
                }
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                Feature f = start(xml.name());
                if (f != null) {
                    features++;
                    return f;
                }
            }
        }
        if (features == 0 && networkLinks > 0) {
            throw new ImportException(ErrorCode.EMPTY_KML,
                    "The KML holds no features, only " + networkLinks + " NetworkLink(s) to other KML files");
        }
        return null;
    }

    /** Handles an element start; returns a feature, or null to read on. */
    private Feature start(String element) {
        Container top = containers.peek();
        switch (element) {
            case "Folder", "Document" -> {
                // Only the outermost Document stands for the file; nested ones are layers of their own.
                boolean outermost = element.equals("Document") && containers.size() == 1;
                containers.push(new Container(depth, outermost));
                return null;
            }
            case "name" -> {
                if (depth == top.depth + 1) {
                    top.name = xml.text().strip();
                } else {
                    xml.skip();
                }
            }
            case "Placemark" -> {
                depth--;
                return placemark(top);
            }
            case "GroundOverlay" -> {
                depth--;
                return groundOverlay(top);
            }
            case "NetworkLink" -> {
                networkLinks++;
                xml.skip();
            }
            default -> {
                if (!SKIPPED.contains(element)) {
                    return null;
                }
                xml.skip();
            }
        }
        depth--;
        return null;
    }

    private Feature placemark(Container owner) {
        Map<String, String> fields = newFields();
        Geometry geometry = null;
        boolean invalid = false;
        while (xml.nextChild()) {
            String element = xml.name();
            if (KmlGeometries.ELEMENTS.contains(element) && geometry == null && !invalid) {
                try {
                    geometry = geometries.read(xml);
                } catch (KmlGeometries.InvalidGeometry e) {
                    invalid = true;
                }
            } else if (!field(element, fields)) {
                xml.skip();
            }
        }
        return new Feature(layer(owner), fields, geometry, invalid);
    }

    /** A GroundOverlay's feature is the rectangle of its LatLonBox (rotation not applied). */
    private Feature groundOverlay(Container owner) {
        Map<String, String> fields = newFields();
        Geometry geometry = null;
        boolean invalid = false;
        while (xml.nextChild()) {
            if (xml.name().equals("LatLonBox")) {
                Map<String, String> box = new LinkedHashMap<>();
                while (xml.nextChild()) {
                    box.put(xml.name(), xml.text().strip());
                }
                try {
                    geometry = box(box);
                } catch (NumberFormatException | NullPointerException e) {
                    invalid = true;
                }
            } else if (!field(xml.name(), fields)) {
                xml.skip();
            }
        }
        return new Feature(layer(owner), fields, geometry, invalid);
    }

    private Geometry box(Map<String, String> box) {
        double n = Double.parseDouble(box.get("north"));
        double s = Double.parseDouble(box.get("south"));
        double e = Double.parseDouble(box.get("east"));
        double w = Double.parseDouble(box.get("west"));
        return geometries.factory().toGeometry(new org.locationtech.jts.geom.Envelope(
                new Coordinate(w, s), new Coordinate(e, n)));
    }

    private static Map<String, String> newFields() {
        // name and description first, present even when empty, as in GDAL's KML layers.
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", null);
        fields.put("description", null);
        return fields;
    }

    /** Reads a name, description or ExtendedData child into the fields; false for other elements. */
    private boolean field(String element, Map<String, String> fields) {
        switch (element) {
            case "name", "description" -> fields.put(element, xml.text());
            case "ExtendedData" -> extendedData(fields);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code <Data name><value>} and {@code <SchemaData><SimpleData name>} as fields, names kept
     * raw (the sink normalises them). A field named like name or description fills it only when
     * the Placemark has none.
     */
    private void extendedData(Map<String, String> fields) {
        while (xml.nextChild()) {
            switch (xml.name()) {
                case "Data" -> {
                    String name = xml.attribute("name");
                    String value = null;
                    while (xml.nextChild()) {
                        if (xml.name().equals("value")) {
                            value = xml.text();
                        } else {
                            xml.skip();
                        }
                    }
                    put(fields, name, value);
                }
                case "SchemaData" -> {
                    while (xml.nextChild()) {
                        if (xml.name().equals("SimpleData")) {
                            String name = xml.attribute("name");
                            put(fields, name, xml.text());
                        } else {
                            xml.skip();
                        }
                    }
                }
                default -> xml.skip();
            }
        }
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (name != null && !name.isEmpty()) {
            if (fields.get(name) == null) {
                fields.put(name, value);
            }
        }
    }

    private int layer(Container owner) {
        if (owner.layer < 0) {
            owner.layer = layerNames.size();
            String name = owner.namedAfterFile ? fileName
                    : owner.name != null && !owner.name.isEmpty() ? owner.name
                    : fileName + "_" + owner.layer;
            layerNames.add(name);
        }
        return owner.layer;
    }

    @Override
    public String layerName(int layer) {
        return layerNames.get(layer);
    }

    @Override
    public void close() {
        xml.close();
    }
}
