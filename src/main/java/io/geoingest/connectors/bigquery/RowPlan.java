package io.geoingest.connectors.bigquery;

import com.google.cloud.bigquery.FieldValueList;
import io.geoingest.rows.Column;
import java.util.List;

/** The imported columns of a BigQuery result and how each cell is read from a result row. */
final class RowPlan {

    /** Reads one output cell; {@code done} holds the cells of this row read before it. */
    @FunctionalInterface
    interface CellReader {
        Object read(FieldValueList row, Object[] done);
    }

    /** An output column and how to read it. */
    record Planned(Column column, CellReader reader) {
    }

    private final List<Column> columns;
    private final CellReader[] readers;

    RowPlan(List<Planned> planned) {
        this.columns = planned.stream().map(Planned::column).toList();
        this.readers = planned.stream().map(Planned::reader).toArray(CellReader[]::new);
    }

    List<Column> columns() {
        return columns;
    }

    Object[] read(FieldValueList row) {
        Object[] out = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            out[i] = readers[i].read(row, out);
        }
        return out;
    }
}
