package io.geoingest.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.syncs.*}: how sync tables are run.
 *
 * @param minInterval              the shortest interval a sync may have (CARTO: 15 minutes)
 * @param maxConcurrentPerAccount  sync runs going at once per account; more wait (CARTO used 3)
 * @param maxRetries               failed runs retried before the sync waits for its next interval
 * @param retryMinDelay            the shortest wait before a retry; later retries back off exponentially, with jitter
 * @param syncNowGap               a forced sync is refused this soon after the last run
 * @param busyDelay                how long a run waits when its account is at its limit
 */
@ConfigurationProperties("geoingest.syncs")
public record SyncProperties(@DefaultValue("900s") Duration minInterval,
                             @DefaultValue("3") int maxConcurrentPerAccount,
                             @DefaultValue("5") int maxRetries,
                             @DefaultValue("5m") Duration retryMinDelay,
                             @DefaultValue("15m") Duration syncNowGap,
                             @DefaultValue("1m") Duration busyDelay) {
}
