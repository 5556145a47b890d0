package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.util.Map;

/**
 * Pages of a layer that supports pagination: {@code resultOffset} and
 * {@code resultRecordCount}, ordered by object id so that pages neither overlap nor miss
 * features. The last page is one with fewer features than asked for and no
 * {@code exceededTransferLimit}, or an empty one. A server that answers the same page again
 * (it ignores {@code resultOffset}) fails the import with 1011 rather than loading copies.
 */
final class OffsetPages implements Pages {
    private final ArcGisClient client;
    private final Layer layer;
    private final int pageSize;
    private long offset;
    private boolean done;
    private JsonNode previousFirst;

    OffsetPages(ArcGisClient client, Layer layer, int pageSize) {
        this.client = client;
        this.layer = layer;
        this.pageSize = pageSize;
    }

    @Override
    public JsonNode next() {
        if (done) {
            return null;
        }
        Map<String, String> params = layer.query("1=1");
        if (layer.objectIdField() != null) {
            params.put("orderByFields", layer.objectIdField());
        }
        params.put("resultOffset", Long.toString(offset));
        params.put("resultRecordCount", Integer.toString(pageSize));
        JsonNode page = client.get(layer.queryUrl(), params);
        JsonNode features = layer.format().features(page);
        int n = features.size();
        if (n > 0) {
            if (offset > 0 && features.get(0).equals(previousFirst)) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + layer.url()
                        + " answered the same features at offset " + offset + " as before: it does not page");
            }
            previousFirst = features.get(0);
        }
        offset += n;
        done = n == 0 || (n < pageSize && !layer.format().exceededTransferLimit(page));
        return page;
    }
}
