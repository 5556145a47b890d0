package io.geoingest.connectors;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one output cell of the current row; {@code row} holds the cells read before it. */
@FunctionalInterface
public interface CellReader {
    Object read(ResultSet rs, Object[] row) throws SQLException;
}
