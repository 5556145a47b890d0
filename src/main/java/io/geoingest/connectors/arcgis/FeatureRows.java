package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * The features of a query answer as rows: the layer's fields in order, then its geometry. A
 * value that does not fit its field's type becomes null, counted in the warning
 * {@code invalid_values}; a geometry that cannot be read becomes null, counted in
 * {@code invalid_geometries}. Lines and polygons are always multi (Esri JSON does not tell
 * one part from several). An Esri JSON answer in another spatial reference than EPSG:4326
 * (a server ignoring {@code outSR}) fails with 1011. Not thread-safe: one per table source.
 */
final class FeatureRows {
    private static final String THE_GEOM = "the_geom";

    private final Layer layer;
    private final ImportWarnings warnings;
    private final List<Column> columns;
    private final EsriGeometry esri = new EsriGeometry();
    private final GeometryText geojson = new GeometryText();

    FeatureRows(Layer layer, ImportWarnings warnings) {
        this.layer = layer;
        this.warnings = warnings;
        List<Column> out = new ArrayList<>();
        layer.columns().forEach(f -> out.add(new Column(f.name(), f.type())));
        if (layer.hasGeometry()) {
            out.add(new Column(THE_GEOM, ColumnType.GEOMETRY));
        }
        this.columns = List.copyOf(out);
    }

    List<Column> columns() {
        return columns;
    }

    /** The rows of the first {@code limit} features of {@code page}. */
    List<Object[]> read(JsonNode page, int limit) {
        QueryFormat format = layer.format();
        JsonNode features = format.features(page);
        if (layer.hasGeometry() && format == QueryFormat.ESRI_JSON) {
            requireWgs84(page.path("spatialReference"));
        }
        boolean hasZ = page.path("hasZ").asBoolean(false);
        List<FieldColumn> fields = layer.columns();
        int n = Math.min(limit, features.size());
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonNode feature = features.get(i);
            if (!feature.isObject()) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + layer.url()
                        + " answered a feature that is not an object: " + abbreviated(feature));
            }
            Object[] row = new Object[columns.size()];
            JsonNode attributes = format.attributes(feature);
            for (int c = 0; c < fields.size(); c++) {
                row[c] = value(fields.get(c), attributes.get(fields.get(c).name()));
            }
            if (layer.hasGeometry()) {
                row[fields.size()] = geometry(feature.get("geometry"), hasZ, format);
            }
            rows.add(row);
        }
        return rows;
    }

    private Object value(FieldColumn field, JsonNode v) {
        try {
            return field.read(v);
        } catch (IllegalArgumentException e) {
            warnings.count("invalid_values");
            return null;
        }
    }

    private Geometry geometry(JsonNode g, boolean hasZ, QueryFormat format) {
        if (g == null || g.isNull()) {
            return null;
        }
        if (format == QueryFormat.ESRI_JSON) {
            try {
                return esri.read(g, hasZ);
            } catch (IllegalArgumentException e) {
                warnings.count("invalid_geometries");
                return null;
            }
        }
        Geometry read = geojson.parse(g.toString());
        if (read == null) {
            warnings.count("invalid_geometries");
            return null;
        }
        return multi(read);
    }

    private static Geometry multi(Geometry g) {
        if (g instanceof Polygon p) {
            return g.getFactory().createMultiPolygon(new Polygon[] {p});
        }
        if (g instanceof LineString l) {
            return g.getFactory().createMultiLineString(new LineString[] {l});
        }
        return g;
    }

    private void requireWgs84(JsonNode sr) {
        if (sr.isMissingNode() || sr.path("wkid").asInt() == GeometryText.WGS84
                || sr.path("latestWkid").asInt() == GeometryText.WGS84) {
            return;
        }
        throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + layer.url()
                + " answered in the spatial reference " + abbreviated(sr) + " though EPSG:4326 was asked for");
    }

    private static String abbreviated(JsonNode node) {
        String s = node.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
