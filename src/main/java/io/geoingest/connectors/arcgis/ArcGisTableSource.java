package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.rows.Column;
import io.geoingest.rows.ReadOnceTableSource;
import io.geoingest.rows.RowBatch;
import java.util.List;
import java.util.function.Supplier;

/**
 * One ArcGIS layer or table as a table: one batch per page, each page requested when the sink
 * asks for the next batch, so memory holds one page whatever the layer's size. At most
 * {@code maxRows} rows are read; when the layer has more, the warning
 * {@code max_rows_per_connection} says so. Nothing stays open between pages.
 */
final class ArcGisTableSource extends ReadOnceTableSource {
    static final String MAX_ROWS_WARNING = "max_rows_per_connection";

    private final Layer layer;
    private final Pages pages;
    private final FeatureRows rows;
    private final int maxRows;
    private long delivered;
    private boolean ended;

    ArcGisTableSource(Layer layer, Pages pages, int maxRows) {
        super("ArcGIS layer", layer.name());
        this.layer = layer;
        this.pages = pages;
        this.rows = new FeatureRows(layer, warnings());
        this.maxRows = maxRows;
        if (!layer.skippedFields().isEmpty()) {
            warnings().set("skipped_columns", layer.skippedFields());
        }
    }

    @Override
    public List<Column> columns() {
        return rows.columns();
    }

    @Override
    protected Supplier<RowBatch> openRows() {
        return this::read;
    }

    /** The rows of the next page that has any, or null at the end. */
    private RowBatch read() {
        while (!ended) {
            JsonNode page = pages.next();
            if (page == null) {
                ended = true;
                break;
            }
            long room = maxRows - delivered;
            if (layer.format().features(page).size() > room) {
                warnings().set(MAX_ROWS_WARNING, maxRows);
                ended = true;
            }
            List<Object[]> batch = rows.read(page, (int) room);
            delivered += batch.size();
            if (!batch.isEmpty()) {
                return new RowBatch(batch);
            }
        }
        return null;
    }

    @Override
    protected void release() {
        ended = true;
    }
}
