package io.geoingest.sink;

import io.geoingest.rows.ColumnType;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Runs a binary COPY through PgJDBC the way the sink does. */
final class Copies {
    private Copies() {
    }

    /** COPYs {@code rows} into {@code table (columns)}; returns the row count PostgreSQL reports. */
    static long copy(Connection c, String table, String columns, List<ColumnType> layout, Iterable<Object[]> rows)
            throws SQLException, IOException {
        return copy(c, table, columns, layout, rows, out -> out);
    }

    static long copy(Connection c, String table, String columns, List<ColumnType> layout, Iterable<Object[]> rows,
                     java.util.function.UnaryOperator<OutputStream> wrap) throws SQLException, IOException {
        PGCopyOutputStream pg = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        try {
            BinaryCopyWriter writer = new BinaryCopyWriter(layout, wrap.apply(pg));
            for (Object[] row : rows) {
                writer.writeRow(row);
            }
            writer.finish();
            return pg.endCopy();
        } finally {
            if (pg.isActive()) {
                pg.cancelCopy();
            }
        }
    }
}
