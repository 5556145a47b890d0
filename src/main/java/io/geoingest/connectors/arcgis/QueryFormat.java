package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer format of a layer's queries: Esri JSON ({@code f=json}, every ArcGIS server) when
 * the layer's {@code supportedQueryFormats} lists it or says nothing, else GeoJSON
 * ({@code f=geojson}, ArcGIS 10.4 and later, and servers that imitate ArcGIS).
 */
enum QueryFormat {
    ESRI_JSON("json", "attributes"),
    GEOJSON("geojson", "properties");

    private final String f;
    private final String attributes;

    QueryFormat(String f, String attributes) {
        this.f = f;
        this.attributes = attributes;
    }

    /** The format a layer's {@code supportedQueryFormats} ("JSON, geoJSON, PBF") allows. */
    static QueryFormat of(JsonNode supportedQueryFormats) {
        Set<String> formats = Arrays.stream(supportedQueryFormats.asText("").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return formats.contains("geojson") && !formats.contains("json") ? GEOJSON : ESRI_JSON;
    }

    /** The value of the query's {@code f} parameter. */
    String f() {
        return f;
    }

    /** A feature's attribute object (absent: an empty node). */
    JsonNode attributes(JsonNode feature) {
        return feature.path(attributes);
    }

    /** @throws ImportException 1011 when the answer has no {@code features} array */
    JsonNode features(JsonNode page) {
        JsonNode features = page.path("features");
        if (!features.isArray()) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "An ArcGIS query answer has no features array");
        }
        return features;
    }

    /** Whether the server says it held features back (GeoJSON answers say it under {@code properties}). */
    boolean exceededTransferLimit(JsonNode page) {
        return page.path("exceededTransferLimit").asBoolean(false)
                || page.path("properties").path("exceededTransferLimit").asBoolean(false);
    }
}
