package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pages of a layer without pagination support (before ArcGIS 10.3, and some MapServer
 * layers): its object ids first ({@code returnIdsOnly=true}, which {@code maxRecordCount} does
 * not limit), sorted, then one query per run of {@code pageSize} ids as the range
 * {@code OID >= first AND OID <= last}: short URLs, whatever the ids. Each range holds exactly
 * those ids, so an answer saying {@code exceededTransferLimit} means the layer changed while it
 * was read, and fails with 1011.
 */
final class ObjectIdPages implements Pages {
    /** An object id field name is written into the where clause: only plain names are. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final ArcGisClient client;
    private final Layer layer;
    private final int pageSize;
    private String field;
    private long[] ids;
    private int next;

    ObjectIdPages(ArcGisClient client, Layer layer, int pageSize) {
        this.client = client;
        this.layer = layer;
        this.pageSize = pageSize;
    }

    @Override
    public JsonNode next() {
        if (ids == null) {
            ids = objectIds();
        }
        if (next >= ids.length) {
            return null;
        }
        int end = Math.min(ids.length, next + pageSize);
        String where = field + ">=" + ids[next] + " AND " + field + "<=" + ids[end - 1];
        JsonNode page = client.get(layer.queryUrl(), layer.query(where));
        layer.format().features(page);
        if (layer.format().exceededTransferLimit(page)) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + layer.url()
                    + " held back features of " + where + ": it changed while it was read");
        }
        next = end;
        return page;
    }

    private long[] objectIds() {
        JsonNode answer = client.get(layer.queryUrl(), Map.of("where", "1=1", "returnIdsOnly", "true", "f", "json"));
        field = layer.objectIdField() != null ? layer.objectIdField() : answer.path("objectIdFieldName").asText("");
        if (!FIELD.matcher(field).matches()) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + layer.url()
                    + " supports no pagination and names no usable object id field (" + field + ")");
        }
        JsonNode list = answer.path("objectIds");
        if (list.isNull() || list.isMissingNode()) {
            // What ArcGIS answers for a layer without features.
            return new long[0];
        }
        if (!list.isArray()) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The object ids of the ArcGIS layer " + layer.url()
                    + " are not a list");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode id = list.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + layer.url()
                        + " answered an object id that is not an integer: " + id);
            }
            out[i] = id.longValue();
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }
}
