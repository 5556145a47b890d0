package io.geoingest.sink;

import io.geoingest.logging.LogContext;
import io.geoingest.rows.RowBatch;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A source's batches read on a thread of their own, one batch ahead of the COPY: parsing the
 * next batch (JSON, CSV, a driver's protocol) overlaps encoding and sending this one. Memory
 * stays bounded: one batch queued, one being read, one being written. A failure of the
 * reader surfaces, as thrown, where the batch it failed to read was expected.
 */
final class ReadAhead implements Iterator<RowBatch>, AutoCloseable {
    private static final Object END = new Object();
    private static final long STOP_WAIT_SECONDS = 10;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread reader;
    private volatile boolean closed;
    private Object next;

    private record Failure(Throwable error) {
    }

    ReadAhead(Iterator<RowBatch> source, Executor threads) {
        threads.execute(LogContext.carrying(() -> read(source)));
    }

    private void read(Iterator<RowBatch> source) {
        reader = Thread.currentThread();
        try {
            while (!closed && source.hasNext()) {
                queue.put(source.next());
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // Closed: nobody reads what is left.
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            reader = null;
            stopped.countDown();
        }
    }

    /** Queues the failure behind the batches read before it. */
    private void fail(Throwable e) {
        try {
            queue.put(new Failure(e));
        } catch (InterruptedException closed) {
            // Nobody is waiting for it any more.
        }
    }

    @Override
    public boolean hasNext() {
        return peek() != END;
    }

    @Override
    public RowBatch next() {
        Object batch = peek();
        if (batch == END) {
            throw new NoSuchElementException();
        }
        next = null;
        return (RowBatch) batch;
    }

    private Object peek() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for rows", e);
            }
        }
        if (next instanceof Failure f) {
            if (f.error() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) f.error();
        }
        return next;
    }

    /**
     * Stops the reader and waits for it, so that the source can be closed without a thread
     * still in it; a reader stuck in a blocking read that ignores interrupts is left to the
     * source's close, after a while.
     */
    @Override
    public void close() {
        closed = true;
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
        try {
            stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
