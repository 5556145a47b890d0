package io.geoingest.logging;

import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The MDC keys that tie a log line to its job and account ({@code import_id}, {@code sync_id},
 * {@code account}), set for the length of a job or request. Closing restores what the thread
 * had before, so a sync's context survives the import it runs, and a pooled thread (Quartz,
 * Tomcat) carries nothing over to its next job.
 */
public final class LogContext implements AutoCloseable {
    public static final String IMPORT_ID = "import_id";
    public static final String SYNC_ID = "sync_id";
    public static final String ACCOUNT = "account";

    private final Map<String, String> previous;

    private LogContext() {
        previous = MDC.getCopyOfContextMap();
    }

    /** Opens a context on this thread, adding to what it already has. */
    public static LogContext open() {
        return new LogContext();
    }

    public LogContext importId(UUID id) {
        MDC.put(IMPORT_ID, id.toString());
        return this;
    }

    public LogContext syncId(UUID id) {
        MDC.put(SYNC_ID, id.toString());
        return this;
    }

    public LogContext account(String username) {
        MDC.put(ACCOUNT, username);
        return this;
    }

    @Override
    public void close() {
        restore(previous);
    }

    /** {@code task} as it should run on another thread: with the context of the thread calling this. */
    public static Runnable carrying(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            restore(context);
            try {
                task.run();
            } finally {
                restore(before);
            }
        };
    }

    private static void restore(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
