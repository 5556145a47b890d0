package io.geoingest.connectors;

import io.geoingest.rows.Column;

/** An output column and how to read its cells. */
public record ColumnReader(Column column, CellReader reader) {
}
