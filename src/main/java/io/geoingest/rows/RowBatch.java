package io.geoingest.rows;

import java.util.List;

/**
 * A batch of rows travelling as one Exchange body. Each row is aligned with the
 * {@link TableSource#columns()} of its source; a cell holds the Java type its
 * {@link ColumnType} documents, or null.
 */
public record RowBatch(List<Object[]> rows) {
    public int size() {
        return rows.size();
    }
}
