package io.geoingest.rows;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The batches of a source, read only when the splitter asks for them and at most one ahead,
 * so that memory holds one batch whatever the source's size.
 */
public final class LazyBatches implements Iterator<RowBatch> {
    private final Supplier<RowBatch> reader;
    private RowBatch next;
    private boolean ended;

    /** @param reader reads the next batch, or returns null once the source has no more rows */
    public LazyBatches(Supplier<RowBatch> reader) {
        this.reader = reader;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = reader.get();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public RowBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RowBatch batch = next;
        next = null;
        return batch;
    }
}
