package io.geoingest.ops;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** A value recomputed at most once per period; reads in between get the last one. */
final class CachedValue {
    private final DoubleSupplier compute;
    private final long ttlNanos;
    private boolean known;
    private long computedAt;
    private double value;

    CachedValue(DoubleSupplier compute, Duration ttl) {
        this.compute = compute;
        this.ttlNanos = ttl.toNanos();
    }

    synchronized double get() {
        long now = System.nanoTime();
        if (!known || now - computedAt >= ttlNanos) {
            value = compute.getAsDouble();
            computedAt = now;
            known = true;
        }
        return value;
    }
}
