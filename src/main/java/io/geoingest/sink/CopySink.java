package io.geoingest.sink;

import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ProgressRecorder;
import io.geoingest.ops.CopyMetrics;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one PostGIS COPY sink every source route ends in ({@code routes/sink.camel.yaml}):
 * {@link #begin} creates a staging table and opens its COPY stream, {@link #write} streams each
 * batch into it, {@link #finish} ends the COPY, cartodbfies the table and moves it into place,
 * all inside the import's single transaction.
 */
@Component("copySink")
public class CopySink {
    /** The Exchange property holding the current table's {@link LayerLoad}. */
    public static final String LAYER = "geoingestLayer";
    static final int MAX_TABLES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(CopySink.class);

    private final Cartodbfier cartodbfier;
    private final TablePublisher publisher;
    private final SinkThreads threads;
    private final ProgressRecorder progress;
    private final CopyMetrics metrics;

    public CopySink(Cartodbfier cartodbfier, TablePublisher publisher, SinkThreads threads, ProgressRecorder progress,
                    CopyMetrics metrics) {
        this.cartodbfier = cartodbfier;
        this.publisher = publisher;
        this.threads = threads;
        this.progress = progress;
        this.metrics = metrics;
    }

    /**
     * Whether the import may create another table: at most {@link #MAX_TABLES} (the seed's limit
     * for multi-layer files and archives), and a sync's later run only the one it refreshes. A
     * predicate, with no effect: a table past that is {@link #leaveOut left out} by the route.
     */
    public boolean hasRoom(@ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        int max = ctx.options().syncTable() == null ? MAX_TABLES : 1;
        return ctx.layersStarted() < max;
    }

    /** Leaves a table out, as the import has no room for it: named in the warning {@code tables_left_out}, its source closed. */
    public void leaveOut(TableSource source, @ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        ctx.leftOut(source.name());
        source.close();
    }

    /**
     * Creates the staging table on a side connection of the import (see {@link LayerLoad}). Its
     * name carries the attempt ({@code gi_stage_<16 hex of the id>_<attempt>_<layer>}): an
     * earlier attempt that lives on after a takeover drops its own tables, never this one's.
     */
    public LayerLoad begin(TableSource source, @ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx,
                           @ExchangeProperty(ImportTransaction.PROPERTY) ImportTransaction tx) throws SQLException {
        tx.track(source);
        String staging = "gi_stage_" + ctx.id().toString().replace("-", "").substring(0, 16) + "_" + ctx.attempt()
                + "_" + ctx.nextLayer();
        Connection loader = tx.sideConnection();
        LayerLoad load;
        try {
            tx.staged(staging);
            load = new LayerLoad(source, staging, tx, loader, threads.pool());
        } catch (SQLException | RuntimeException e) {
            loader.rollback();
            loader.close();
            throw e;
        }
        tx.track(load);
        ctx.progress().tableStarted();
        return load;
    }

    /** Streams a batch into the COPY; the progress and the COPY meters advance once per batch, never per row. */
    public void write(RowBatch batch, @ExchangeProperty(LAYER) LayerLoad load,
                      @ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) throws SQLException {
        long sent = load.bytesSent();
        long loaded = load.rows();
        load.write(batch);
        metrics.copied(CopyMetrics.IMPORT, batch.size(), load.bytesSent() - sent);
        progress.rowsLoaded(ctx, load.rows() - loaded);
    }

    public void finish(@ExchangeProperty(LAYER) LayerLoad load,
                       @ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx,
                       @ExchangeProperty(ImportTransaction.PROPERTY) ImportTransaction tx) throws SQLException {
        try (load) {
            long sent = load.bytesSent();
            load.finish();
            long loaded = System.nanoTime();
            ctx.progress().tableLoaded();
            metrics.copied(CopyMetrics.IMPORT, 0, load.bytesSent() - sent);
            ctx.warnings().addAll(load.source().warnings());
            cartodbfier.apply(tx, load);
            publisher.publish(tx, load);
            // Where an import's time goes: reading before the first row (a format's profiling
            // pass), loading, then indexing and the rest of cartodbfy.
            LOG.info("{}: {} rows; load began {} ms into the import, took {} ms; cartodbfy and publish {} ms",
                    load.source().name(), load.rows(), load.startedIntoImportMillis(),
                    (loaded - load.startedNanos()) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);
        }
    }
}
