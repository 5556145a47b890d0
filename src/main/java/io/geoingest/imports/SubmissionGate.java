package io.geoingest.imports;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sheds an account's burst of submissions in this replica before they queue for the database:
 * at most as many of them as the account may have imports in progress go on to the locked check
 * ({@link ImportService}), the rest are answered 429 at once. Without it a burst of 200 uploads
 * waits in line for the account's lock, each holding a pooled connection, and every other
 * request of the service waits for a connection behind them. The database's check stays the one
 * that counts, across replicas; this one only refuses what that one would refuse too, or what
 * arrives while the account's whole allowance is already being decided.
 */
class SubmissionGate {
    private final int limit;
    private final ConcurrentMap<String, Integer> deciding = new ConcurrentHashMap<>();

    SubmissionGate(int limit) {
        this.limit = limit;
    }

    /** A pass to the locked check, to close once it is decided; {@link TooManyImports} when none is left. */
    Pass enter(String username) {
        AtomicBoolean admitted = new AtomicBoolean();
        deciding.compute(username, (u, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limit) {
                return n;
            }
            admitted.set(true);
            return now + 1;
        });
        if (!admitted.get()) {
            throw new TooManyImports(limit);
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                deciding.computeIfPresent(username, (u, n) -> n > 1 ? n - 1 : null);
            }
        };
    }

    interface Pass extends AutoCloseable {
        @Override
        void close();
    }
}
