package io.geoingest.sink;

import io.geoingest.kernel.Sql;
import io.geoingest.rows.WebMercator;
import io.geoingest.logging.LogContext;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The COPY stream of one table of an import: every batch of the source goes through it into
 * the staging table, with cartodb_id, the_geom and the_geom_webmercator filled on the way so
 * that no UPDATE pass over the table is needed afterwards. It runs on the loader, a side
 * connection of the import ({@link ImportTransaction#sideConnection()}),
 * which creates the table, loads it and commits at {@link #finish()}, and can then run one
 * more statement {@link #alongside} the import's own transaction.
 *
 * <p>Closing it before {@link #finish()} cancels the COPY: the connection cannot roll back
 * (PgJDBC would wait forever for its own COPY lock) while a COPY is still open on it.
 */
public final class LayerLoad implements AutoCloseable {
    private final TableSource source;
    private final String stagingName;
    private final String qualifiedName;
    private final ImportTransaction tx;
    private final Connection loader;
    private final Executor threads;
    private final long startedNanos = System.nanoTime();
    private final long startedIntoImportMillis;
    private StagingLayout layout;
    private CopyIn copy;
    private PGCopyOutputStream out;
    private BinaryCopyWriter writer;
    private int[] dataIndexes;
    private boolean[] textFromGeometry;
    private Object[] row;
    /** Sent by COPY streams given up when the source started over. */
    private long bytesBefore;
    private ReadAhead readAhead;
    private long rows;
    private Statement alongside;
    private CompletableFuture<Void> alongsideDone;

    /**
     * Creates the staging table {@code stagingName} in the account's schema for the source's
     * columns, and opens its COPY, on {@code loader}, a side connection of the import.
     */
    LayerLoad(TableSource source, String stagingName, ImportTransaction tx, Connection loader, Executor threads)
            throws SQLException {
        this.source = source;
        this.threads = threads;
        this.stagingName = stagingName;
        this.qualifiedName = Sql.qualified(tx.account().schema(), stagingName);
        this.tx = tx;
        this.loader = loader;
        this.startedIntoImportMillis = tx.context().elapsed().toMillis();
        open();
    }

    /** In a new transaction of the loader's, or again after a rollback, which ended its role. */
    private void open() throws SQLException {
        tx.actAsAccount(loader);
        layout = new StagingLayout(source.columns());
        try (Statement s = loader.createStatement()) {
            s.execute(layout.createTableSql(qualifiedName));
        }
        dataIndexes = layout.dataIndexes();
        List<ColumnType> types = layout.allTypes();
        textFromGeometry = new boolean[dataIndexes.length];
        for (int i = 0; i < dataIndexes.length; i++) {
            textFromGeometry[i] = types.get(3 + i) == ColumnType.TEXT;
        }
        row = new Object[types.size()];
        copy = loader.unwrap(PGConnection.class).getCopyAPI().copyIn(layout.copySql(qualifiedName));
        out = new PGCopyOutputStream(copy, 1 << 16);
        writer = new BinaryCopyWriter(types, out);
    }

    /**
     * The source's columns changed ({@link RowBatch#columnsChanged()}): the rows loaded so far
     * are void, and an empty table of the new columns takes their place. Cancelling the COPY
     * aborts the loader's transaction, which created the table, so the rollback drops it.
     */
    private void startOver() throws SQLException {
        bytesBefore += writer.bytesSent();
        copy.cancelCopy();
        loader.rollback();
        rows = 0;
        open();
    }

    public TableSource source() {
        return source;
    }

    public StagingLayout layout() {
        return layout;
    }

    public String stagingName() {
        return stagingName;
    }

    /** What the splitter iterates: the source's batches, read on a thread of their own. */
    public Iterator<RowBatch> batches() {
        readAhead = new ReadAhead(source.batches(), threads);
        return readAhead;
    }

    public void write(RowBatch batch) throws SQLException {
        if (batch.columnsChanged()) {
            startOver();
            return;
        }
        int geometry = layout.geometryIndex();
        int cartodbId = layout.cartodbIdIndex();
        try {
            for (Object[] in : batch.rows()) {
                rows++;
                row[0] = cartodbId < 0 ? rows : asLong(in[cartodbId]);
                Geometry g = geometry < 0 ? null : (Geometry) in[geometry];
                row[1] = g;
                row[2] = g == null ? null : WebMercator.project(g);
                for (int i = 0; i < dataIndexes.length; i++) {
                    Object v = in[dataIndexes[i]];
                    row[3 + i] = textFromGeometry[i] && v instanceof Geometry other ? other.toText() : v;
                }
                writer.writeRow(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows in the staging table so far: back to 0 when the source starts over. */
    public long rows() {
        return rows;
    }

    /** When {@link io.geoingest.sink.CopySink#begin} created the staging table. */
    long startedNanos() {
        return startedNanos;
    }

    /** How long the import had run when the staging table was created: reading before the first row. */
    long startedIntoImportMillis() {
        return startedIntoImportMillis;
    }

    /** The COPY data sent to PostgreSQL so far. */
    public long bytesSent() {
        return bytesBefore + writer.bytesSent();
    }

    /** Ends the COPY and commits the loaded staging table. */
    public void finish() throws SQLException {
        try {
            writer.finish();
            out.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loader.commit();
    }

    /**
     * Runs {@code sql} on the loader in its own transaction, acting as the account, and commits
     * it, on another thread: the import's transaction meanwhile does work of its own on the
     * table. Neither may take a lock that conflicts with the other's (two CREATE INDEX may).
     */
    void alongside(String sql) throws SQLException {
        tx.actAsAccount(loader);
        alongside = loader.createStatement();
        alongsideDone = CompletableFuture.runAsync(LogContext.carrying(() -> {
            try {
                alongside.execute(sql);
                loader.commit();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }), threads);
    }

    /** Waits for {@link #alongside}, failing as it failed. */
    void awaitAlongside() throws SQLException {
        try {
            alongsideDone.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try (TableSource s = source; Connection c = loader) {
            if (readAhead != null) {
                readAhead.close();
            }
            stopAlongside();
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            c.rollback();
        }
    }

    /** Cancels a statement still running alongside (the import failed meanwhile) and waits for it to end. */
    private void stopAlongside() throws SQLException {
        if (alongsideDone == null || alongsideDone.isDone()) {
            return;
        }
        alongside.cancel();
        try {
            alongsideDone.join();
        } catch (CompletionException | CancellationException e) {
            // Cancelled as asked: the rollback that follows undoes it.
        }
    }

    private static Long asLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }
}
