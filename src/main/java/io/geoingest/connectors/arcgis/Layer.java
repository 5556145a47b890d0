package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a layer's or table's metadata ({@code <layer>?f=json}) says about reading it.
 *
 * @param url            the layer, e.g. {@code .../FeatureServer/0}
 * @param name           its {@code name}: the table's name before normalisation
 * @param type           its {@code type} ("Feature Layer", "Table", "Group Layer", ...), or ""
 * @param queryable      whether its features can be queried: a feature layer or table (or a
 *                       layer of no stated type) whose {@code capabilities}, when stated, include
 *                       Query. Group, raster and annotation layers cannot
 * @param columns        its attribute fields as columns, in order
 * @param skippedFields  fields that cannot be imported (Blob, Raster)
 * @param hasGeometry    whether features carry a geometry (a {@code geometryType}, not a table)
 * @param objectIdField  the object id field, or null when the metadata names none
 * @param maxRecordCount features the server returns per query at most (1000 when unsaid)
 * @param paging         whether queries take {@code resultOffset} ({@code supportsPagination})
 * @param format         the answer format of its queries
 */
record Layer(URI url, String name, String type, boolean queryable, List<FieldColumn> columns,
             List<String> skippedFields, boolean hasGeometry, String objectIdField, int maxRecordCount,
             boolean paging, QueryFormat format) {
    private static final int DEFAULT_MAX_RECORD_COUNT = 1000;

    /** The layer at {@code url} as its metadata describes it; {@code fallbackName} when it has no name. */
    static Layer of(URI url, JsonNode meta, String fallbackName) {
        String type = meta.path("type").asText("");
        List<FieldColumn> columns = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String objectIdField = meta.path("objectIdField").asText("");
        for (JsonNode field : meta.path("fields")) {
            String name = field.path("name").asText("");
            String fieldType = field.path("type").asText("");
            if (name.isEmpty()) {
                continue;
            }
            Optional<FieldColumn> column = FieldColumn.of(name, fieldType);
            column.ifPresent(columns::add);
            if (column.isEmpty() && FieldColumn.UNREADABLE.contains(fieldType)) {
                skipped.add(name);
            }
            if (objectIdField.isEmpty() && fieldType.equals("esriFieldTypeOID")) {
                objectIdField = name;
            }
        }
        String name = meta.path("name").asText("");
        int max = meta.path("maxRecordCount").asInt(0);
        String capabilities = meta.path("capabilities").asText("query").toLowerCase(Locale.ROOT);
        boolean queryable = capabilities.contains("query")
                && (type.isEmpty() || type.equalsIgnoreCase("Feature Layer") || type.equalsIgnoreCase("Table"));
        boolean hasGeometry = !type.equalsIgnoreCase("Table") && !meta.path("geometryType").asText("").isBlank();
        return new Layer(url, name.isBlank() ? fallbackName : name, type, queryable, List.copyOf(columns),
                List.copyOf(skipped), hasGeometry,
                objectIdField.isEmpty() ? null : objectIdField, max > 0 ? max : DEFAULT_MAX_RECORD_COUNT,
                meta.path("advancedQueryCapabilities").path("supportsPagination").asBoolean(false),
                QueryFormat.of(meta.path("supportedQueryFormats")));
    }

    URI queryUrl() {
        return URI.create(url + "/query");
    }

    /** A query for every field, and the geometry in EPSG:4326, of the features matching {@code where}. */
    Map<String, String> query(String where) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("where", where);
        params.put("outFields", "*");
        params.put("returnGeometry", "true");
        params.put("outSR", "4326");
        params.put("f", format.f());
        return params;
    }
}
