package io.geoingest.connectors;

import io.geoingest.rows.Column;

/** An output column and how to read its cells. */
record ColumnReader(Column column, CellReader reader) {
}
