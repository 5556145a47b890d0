package io.geoingest.formats.features;

import io.geoingest.formats.csv.CellScanner;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.ReadOnceTableSource;
import io.geoingest.rows.RowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One layer streamed as batches (pass 2): a new pass over the file that keeps only this
 * layer's features. A layer's features may be spread over the file (a Folder's Placemarks
 * around a nested Folder), so each layer reads the whole file rather than holding others' rows.
 */
final class FeatureTableSource extends ReadOnceTableSource {
    private static final String INVALID_GEOMETRIES = "invalid_geometries";

    private final int layer;
    private final List<Column> columns;
    private final FeatureFile file;
    private final int batchSize;
    private final CellScanner scanner = new CellScanner();
    private FeatureReader reader;

    FeatureTableSource(String name, int layer, List<Column> columns, FeatureFile file, int batchSize) {
        super("layer", name);
        this.layer = layer;
        this.columns = List.copyOf(columns);
        this.file = file;
        this.batchSize = batchSize;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    protected Supplier<RowBatch> openRows() {
        reader = file.open();
        return this::read;
    }

    private RowBatch read() {
        if (reader == null) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
        while (rows.size() < batchSize) {
            Feature f = reader.next();
            if (f == null) {
                release();
                break;
            }
            if (f.layer() == layer) {
                rows.add(row(f));
            }
        }
        return rows.isEmpty() ? null : new RowBatch(rows);
    }

    private Object[] row(Feature f) {
        Object[] row = new Object[columns.size()];
        int geometry = columns.size() - 1;
        for (int i = 0; i < geometry; i++) {
            Column c = columns.get(i);
            String v = f.fields().get(c.name());
            // Text keeps the value as read (an empty element stays ""); typed values as CSV cells.
            row[i] = v == null || c.type() == ColumnType.TEXT ? v
                    : scanner.convert(c.type(), v.toCharArray(), 0, v.length());
        }
        row[geometry] = f.geometry();
        if (f.invalidGeometry()) {
            warnings().count(INVALID_GEOMETRIES);
        }
        return row;
    }

    @Override
    protected void release() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
