package io.geoingest.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.RowBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches read on their own thread: in order, bounded, failures as thrown, and a clean stop. */
class ReadAheadTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void givesEveryBatchInOrder() {
        try (ReadAhead batches = new ReadAhead(source(1000, new AtomicInteger()), threads)) {
            List<Object> got = new ArrayList<>();
            batches.forEachRemaining(b -> got.add(b.rows().get(0)[0]));
            assertThat(got).hasSize(1000);
            assertThat(got.get(0)).isEqualTo(0);
            assertThat(got.get(999)).isEqualTo(999);
            assertThat(batches.hasNext()).isFalse();
        }
    }

    @Test
    void readsAtMostTwoBatchesAheadOfTheConsumer() throws Exception {
        AtomicInteger read = new AtomicInteger();
        try (ReadAhead batches = new ReadAhead(source(100, read), threads)) {
            batches.next();
            Thread.sleep(300);
            // one taken, one queued, one read and waiting for room
            assertThat(read.get()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aFailureOfTheSourceIsThrownAsItWasWhereTheBatchWasExpected() {
        ImportException bad = new ImportException(ErrorCode.INVALID_GEOJSON, "truncated");
        Iterator<RowBatch> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public RowBatch next() {
                if (n++ == 2) {
                    throw bad;
                }
                return new RowBatch(List.<Object[]>of(new Object[] {n}));
            }
        };
        try (ReadAhead batches = new ReadAhead(failing, threads)) {
            batches.next();
            batches.next();
            assertThatThrownBy(batches::hasNext).isSameAs(bad);
        }
    }

    @Test
    void closingStopsAReaderBlockedOnAFullQueue() throws Exception {
        Iterator<RowBatch> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public RowBatch next() {
                return new RowBatch(List.<Object[]>of(new Object[] {1}));
            }
        };
        ReadAhead batches = new ReadAhead(endless, threads);
        batches.next();
        long start = System.nanoTime();
        batches.close();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
        threads.shutdown();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).as("the reader thread ended").isTrue();
    }

    private static Iterator<RowBatch> source(int batches, AtomicInteger read) {
        return new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return n < batches;
            }

            @Override
            public RowBatch next() {
                read.incrementAndGet();
                return new RowBatch(List.<Object[]>of(new Object[] {n++}));
            }
        };
    }
}
