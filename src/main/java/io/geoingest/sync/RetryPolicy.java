package io.geoingest.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * When a failed sync runs again: after {@code retry-min-delay}, doubling with each failure, plus
 * up to a quarter of random jitter (so that syncs failing together do not retry together),
 * never later than one interval; past {@code max-retries}, at its next interval.
 */
@Component
public class RetryPolicy {
    private final SyncProperties properties;

    public RetryPolicy(SyncProperties properties) {
        this.properties = properties;
    }

    /** The wait before the next run of a sync that has now failed {@code failures} times in a row. */
    public Duration delay(int failures, Duration interval) {
        if (failures > properties.maxRetries()) {
            return interval;
        }
        long min = properties.retryMinDelay().toMillis();
        long backoff = min << Math.min(failures - 1, 20);
        long jitter = ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
        return Duration.ofMillis(Math.max(min, Math.min(backoff + jitter, interval.toMillis())));
    }
}
