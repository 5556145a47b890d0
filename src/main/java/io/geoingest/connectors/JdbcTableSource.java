package io.geoingest.connectors;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.LazyBatches;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of a remote query, streamed from an open JDBC result set (MySQL row streaming,
 * PostgreSQL cursor fetch) in batches: memory holds one batch, whatever the result's size.
 *
 * <p>At most {@code maxRows} rows are delivered; when the result had more, the warning
 * {@code max_rows_per_connection} is set to {@code maxRows}. The connection is released as soon
 * as the rows run out, on a read error, or on {@link #close()}; closing before the end aborts
 * the connection, so that MySQL does not read the rest of a streamed result just to discard it.
 *
 * <p>A result without any row fails with {@link ErrorCode#NO_RESULTS} (1015, as the seed's error
 * table says) when the batches are read: the import fails and, for a sync, the table it
 * replaces stays as it was.
 */
final class JdbcTableSource implements TableSource {
    private final String name;
    private final List<Column> columns;
    private final List<CellReader> readers;
    private final int batchSize;
    private final int maxRows;
    private final ImportWarnings warnings;
    private final Function<SQLException, ImportException> onError;
    private final String emptyMessage;

    private final Object lock = new Object();
    private Connection connection;
    private Statement statement;
    private ResultSet resultSet;
    private boolean iterated;
    private volatile boolean finished;
    private long delivered;

    JdbcTableSource(String name, Connection connection, Statement statement, ResultSet resultSet,
                    List<ColumnReader> plan, int batchSize, int maxRows, ImportWarnings warnings,
                    Function<SQLException, ImportException> onError, String emptyMessage) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.name = name;
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = plan.stream().map(ColumnReader::column).toList();
        this.readers = plan.stream().map(ColumnReader::reader).toList();
        this.batchSize = batchSize;
        this.maxRows = maxRows;
        this.warnings = warnings;
        this.onError = onError;
        this.emptyMessage = emptyMessage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public ImportWarnings warnings() {
        return warnings;
    }

    @Override
    public Iterator<RowBatch> batches() {
        synchronized (lock) {
            if (iterated) {
                throw new IllegalStateException("batches() can be called only once");
            }
            iterated = true;
        }
        return new LazyBatches(() -> finished ? null : readBatch());
    }

    private RowBatch readBatch() {
        List<Object[]> rows = new ArrayList<>((int) Math.min(batchSize, Math.max(1, maxRows - delivered)));
        try {
            ResultSet rs = resultSet;
            while (rows.size() < batchSize && !finished) {
                if (delivered >= maxRows) {
                    if (rs.next()) {
                        warnings.set("max_rows_per_connection", maxRows);
                        release(true);
                    } else {
                        release(false);
                    }
                    break;
                }
                if (!rs.next()) {
                    release(false);
                    if (delivered == 0) {
                        throw new ImportException(ErrorCode.NO_RESULTS, emptyMessage);
                    }
                    break;
                }
                Object[] row = new Object[readers.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = readers.get(i).read(rs, row);
                }
                rows.add(row);
                delivered++;
            }
        } catch (SQLException e) {
            boolean closedByUs = finished;
            release(true);
            if (closedByUs) {
                return null;
            }
            throw onError.apply(e);
        } catch (RuntimeException e) {
            release(true);
            throw e;
        }
        return rows.isEmpty() ? null : new RowBatch(rows);
    }

    @Override
    public void close() {
        release(true);
    }

    /** Closes everything once; {@code early}: the result may have rows left, abort the connection first. */
    private void release(boolean early) {
        Connection c;
        Statement s;
        ResultSet r;
        synchronized (lock) {
            if (connection == null) {
                finished = true;
                return;
            }
            c = connection;
            s = statement;
            r = resultSet;
            connection = null;
            statement = null;
            resultSet = null;
            finished = true;
        }
        closeAll(r, s, c, early);
    }

    /**
     * Releases JDBC resources quietly. {@code abort}: the connection may be in the middle of a
     * streamed result; it is aborted (its socket closed) before anything else so that no driver
     * reads the remaining rows.
     */
    static void closeAll(ResultSet r, Statement s, Connection c, boolean abort) {
        if (abort && c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                // closing below anyway
            }
        }
        for (AutoCloseable a : new AutoCloseable[] {r, s, c}) {
            if (a != null) {
                try {
                    a.close();
                } catch (Exception e) {
                    // nothing more to do
                }
            }
        }
    }
}
