package io.geoingest.sink;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The sink's own threads, at most two per table loading: the source's reader ahead of the
 * COPY ({@link ReadAhead}), and the index build alongside the import's transaction.
 */
@Component
public class SinkThreads {
    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "geoingest-sink-" + count.incrementAndGet());
        t.setDaemon(true);
        // Whichever thread first asks creates them; drivers look up services through this loader.
        t.setContextClassLoader(SinkThreads.class.getClassLoader());
        return t;
    });

    ExecutorService pool() {
        return pool;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
