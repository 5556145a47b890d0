package io.geoingest.connectors.arcgis;

import static io.geoingest.connectors.arcgis.FakeArcGis.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.arcgis.FakeArcGis.Layer;
import java.io.UncheckedIOException;

/** The layers the ArcGIS tests serve. */
final class Layers {
    /** Epoch milliseconds of feature 0's {@code created}: 2023-11-14T22:13:20Z. */
    static final long CREATED = 1_700_000_000_000L;

    private Layers() {
    }

    /**
     * {@code count} points (object ids 1..count) with paging: name, value (double), count
     * (integer), small (small integer), created (date), guid, photo (blob, never answered) and
     * the shape; every 100th feature has null attributes.
     */
    static Layer points(int id, String name, int count) {
        Layer layer = new Layer(id, name, "Feature Layer", "esriGeometryPoint")
                .field("name", "esriFieldTypeString").field("value", "esriFieldTypeDouble")
                .field("count", "esriFieldTypeInteger").field("small", "esriFieldTypeSmallInteger")
                .field("created", "esriFieldTypeDate").field("guid", "esriFieldTypeGlobalID")
                .field("photo", "esriFieldTypeBlob").field("Shape", "esriFieldTypeGeometry");
        for (int i = 1; i <= count; i++) {
            ObjectNode a = JSON.createObjectNode();
            if (i % 100 == 0) {
                a.putNull("name").putNull("value").putNull("count").putNull("small").putNull("created").putNull("guid");
            } else {
                a.put("name", "p" + i).put("value", i * 0.5).put("count", i).put("small", i % 100)
                        .put("created", CREATED + i * 1000L)
                        .put("guid", String.format("{00000000-0000-0000-0000-%012d}", i));
            }
            layer.feature(i, a, json("{\"x\": " + (-3.7 + i * 1e-4) + ", \"y\": " + (40.4 + i * 1e-4) + "}"));
        }
        return layer;
    }

    /**
     * Four polygons served without pagination (object ids, two per query), listed out of order:
     * 10 has a hole, 20 is two polygons whose second has a hole listed last, 35 is garbled, 7 has
     * no geometry.
     */
    static Layer polygons(int id, String name) {
        Layer layer = new Layer(id, name, "Feature Layer", "esriGeometryPolygon").noPagination().maxRecordCount(2)
                .field("label", "esriFieldTypeString");
        layer.feature(35, label("garbled"), json("{\"rings\": \"oops\"}"));
        layer.feature(10, label("with hole"), json("{\"rings\": ["
                + "[[-3.8,40.3],[-3.8,40.5],[-3.6,40.5],[-3.6,40.3],[-3.8,40.3]],"
                + "[[-3.75,40.35],[-3.65,40.35],[-3.65,40.45],[-3.75,40.45],[-3.75,40.35]]]}"));
        layer.feature(20, label("two parts"), json("{\"rings\": ["
                + "[[0,0],[0,1],[1,1],[1,0],[0,0]],"
                + "[[2,0],[2,1],[3,1],[3,0],[2,0]],"
                + "[[2.2,0.2],[2.8,0.2],[2.8,0.8],[2.2,0.8],[2.2,0.2]]]}"));
        layer.feature(7, label("empty"), null);
        return layer;
    }

    /** A table (no geometry) of three rows. */
    static Layer table(int id, String name) {
        Layer layer = new Layer(id, name, "Table", null).field("note", "esriFieldTypeString")
                .field("amount", "esriFieldTypeDouble");
        for (int i = 1; i <= 3; i++) {
            layer.feature(i, JSON.createObjectNode().put("note", "n" + i).put("amount", i * 1.5), null);
        }
        return layer;
    }

    /** A group layer: listed by its service, nothing to query. */
    static Layer group(int id, String name) {
        Layer layer = new Layer(id, name, "Group Layer", null);
        layer.meta.put("capabilities", "Map");
        return layer;
    }

    static ObjectNode label(String label) {
        return JSON.createObjectNode().put("label", label);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
