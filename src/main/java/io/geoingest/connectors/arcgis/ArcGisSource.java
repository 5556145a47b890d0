package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored source of an ArcGIS import ({@code DataType.DATASOURCE}): {@code {"arcgis": "<url>"}},
 * the URL as {@link ArcGisService#validate} normalised it. An import reads it through the route
 * {@code direct:source-arcgis}; a synchronization stores the same JSON to run the same import.
 */
public final class ArcGisSource {
    /** The {@code service_name} of ArcGIS requests. */
    public static final String SERVICE_NAME = "arcgis";
    private static final String KEY = "arcgis";

    private ArcGisSource() {
    }

    public static ObjectNode json(String url) {
        return JsonNodeFactory.instance.objectNode().put(KEY, url);
    }

    /** Whether a stored source is an ArcGIS one. */
    public static boolean is(JsonNode source) {
        return source.path(KEY).isTextual();
    }

    public static String url(JsonNode source) {
        return source.path(KEY).asText();
    }
}
