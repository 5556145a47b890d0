package io.geoingest.imports;

import io.geoingest.kernel.ImportRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Waits for imports to end, on whichever replica runs them: PostgreSQL announces each import's
 * end on the channel {@value #CHANNEL} as the transaction that ended it commits (the trigger of
 * V10), and one connection of this replica listens while anything is awaited here, completing
 * the wait of that import. A wait cannot miss its end: the listener is listening before
 * {@link #watch} returns, which then looks the import up once, and whenever it listens again (its
 * connection lost) it looks up every import still awaited.
 */
@Component
public class ImportEnds implements DisposableBean {
    static final String CHANNEL = "geoingest_import_ended";
    private static final Logger LOG = LoggerFactory.getLogger(ImportEnds.class);
    /** How long a wait may take to begin: the listener's first connection and LISTEN. */
    private static final long START_SECONDS = 30;
    /** How long the listener blocks on its socket before it looks whether it should stop. */
    private static final int WAKE_MILLIS = 1000;
    /** How long it waits before connecting again after losing its connection. */
    private static final long RETRY_MILLIS = 1000;

    private final DataSource dataSource;
    private final ImportRepository imports;
    private final Map<UUID, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private Thread listener;
    private volatile boolean closed;

    public ImportEnds(DataSource dataSource, ImportRepository imports) {
        this.dataSource = dataSource;
        this.imports = imports;
    }

    /** An import's end, awaited from before it was submitted. */
    public final class Ending implements AutoCloseable {
        private final UUID id;
        private final CompletableFuture<Void> ended;

        private Ending(UUID id, CompletableFuture<Void> ended) {
            this.id = id;
            this.ended = ended;
        }

        /** Blocks until the import has ended; its final record. */
        public ImportRecord await() throws InterruptedException {
            try {
                ended.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for import " + id, e.getCause());
            } finally {
                awaited.remove(id, ended);
            }
            ImportRecord r = imports.find(id).orElseThrow(() -> new IllegalStateException("no import " + id));
            if (!r.state().isFinal()) {
                throw new IllegalStateException("import " + id + " was announced ended but is " + r.state().label());
            }
            return r;
        }

        /** Stops waiting (the import was not submitted after all). */
        @Override
        public void close() {
            awaited.remove(id, ended);
        }
    }

    /**
     * Begins to wait for the import {@code id}, best before it is submitted: once this returns,
     * its end cannot go unnoticed (one that has ended already is found at once).
     */
    public Ending watch(UUID id) {
        CompletableFuture<Void> ended = awaited.computeIfAbsent(id, k -> new CompletableFuture<>());
        try {
            startedListener().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            awaited.remove(id, ended);
            throw new IllegalStateException("interrupted while starting to listen for import ends", e);
        } catch (ExecutionException | TimeoutException e) {
            awaited.remove(id, ended);
            throw new IllegalStateException("cannot listen for import ends", e);
        }
        // One that has ended already (watched late) is not announced again.
        if (imports.find(id).map(r -> r.state().isFinal()).orElse(false)) {
            ended.complete(null);
        }
        return new Ending(id, ended);
    }

    private synchronized CompletableFuture<Void> startedListener() {
        if (closed) {
            throw new IllegalStateException("stopped");
        }
        if (listener == null) {
            listener = new Thread(this::listen, "geoingest-import-ends");
            listener.setDaemon(true);
            listener.start();
        }
        return listening;
    }

    private void listen() {
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // Ends announced while it was not listening (before it first did, or while its
                // connection was lost) are looked up once it is.
                lookUpAwaited();
                listening.complete(null);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAKE_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            ended(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("listening for import ends: {}; listening again in {} ms", e.toString(), RETRY_MILLIS);
                pause();
            }
        }
    }

    private void lookUpAwaited() {
        for (UUID id : List.copyOf(awaited.keySet())) {
            // Not there yet: awaited from before its submission.
            if (imports.find(id).map(r -> r.state().isFinal()).orElse(false)) {
                complete(id);
            }
        }
    }

    private void ended(String payload) {
        try {
            complete(UUID.fromString(payload));
        } catch (IllegalArgumentException e) {
            LOG.debug("not an import id on {}: {}", CHANNEL, payload);
        }
    }

    private void complete(UUID id) {
        CompletableFuture<Void> ended = awaited.get(id);
        if (ended != null) {
            ended.complete(null);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread t;
        synchronized (this) {
            closed = true;
            t = listener;
        }
        if (t != null) {
            t.join(2L * WAKE_MILLIS);
        }
        awaited.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the service is stopping")));
    }
}
