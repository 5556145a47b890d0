package io.geoingest.rows;

import java.util.List;

/**
 * A batch of rows travelling as one Exchange body. Each row is aligned with the
 * {@link TableSource#columns()} of its source; a cell holds the Java type its
 * {@link ColumnType} documents, or null.
 *
 * @param columnsChanged see {@link #columnsChanged()}
 */
public record RowBatch(List<Object[]> rows, boolean columnsChanged) {
    public RowBatch(List<Object[]> rows) {
        this(rows, false);
    }

    /**
     * What a source that guessed its columns from a sample of its rows sends when a later row
     * proves the guess wrong: every batch before it is void, {@link TableSource#columns()} now
     * holds the right columns, and the batches after it start again from the first row.
     */
    public static RowBatch columnsChangedStartingOver() {
        return new RowBatch(List.of(), true);
    }

    public int size() {
        return rows.size();
    }
}
