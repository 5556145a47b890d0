package io.geoingest.formats.features;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One record of a multi-layer file (a KML Placemark, a GPX waypoint or track point).
 *
 * @param layer    index of its layer, stable between the two passes over the file
 * @param fields   raw text values by field name, in the file's order; a field may be absent
 * @param geometry in EPSG:4326, or null when the record has none or it is unreadable
 * @param invalidGeometry true when the record had a geometry that could not be read
 */
public record Feature(int layer, Map<String, String> fields, Geometry geometry, boolean invalidGeometry) {
}
