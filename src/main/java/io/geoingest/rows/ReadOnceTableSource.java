package io.geoingest.rows;

import io.geoingest.kernel.ImportWarnings;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * What the file sources share: a name and warnings, rows that can be read once, and nothing
 * readable after {@link #close()}.
 */
public abstract class ReadOnceTableSource implements TableSource {
    private final String kind;
    private final String name;
    private final ImportWarnings warnings = new ImportWarnings();
    private boolean started;
    private boolean closed;

    /** @param kind what the source is, for error messages ("CSV source", "layer") */
    protected ReadOnceTableSource(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ImportWarnings warnings() {
        return warnings;
    }

    @Override
    public final Iterator<RowBatch> batches() {
        requireOpen();
        if (started) {
            throw new IllegalStateException("The rows of " + kind + " '" + name + "' can be read only once");
        }
        started = true;
        Supplier<RowBatch> rows = openRows();
        return new LazyBatches(() -> {
            requireOpen();
            return rows.get();
        });
    }

    @Override
    public final void close() {
        closed = true;
        release();
    }

    /** Opens the rows: the supplier gives the next batch, or null at the end. */
    protected abstract Supplier<RowBatch> openRows();

    /** Closes what {@link #openRows()} opened; called again after that is harmless. */
    protected abstract void release();

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(kind + " '" + name + "' is closed");
        }
    }
}
