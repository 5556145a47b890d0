package io.geoingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private final RetryPolicy policy = new RetryPolicy(new SyncProperties(Duration.ofSeconds(900), 3, 4,
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(1)));

    @RepeatedTest(20)
    void backsOffExponentiallyWithJitterNeverBelowTheMinimum() {
        assertThat(policy.delay(1, HOUR)).isBetween(Duration.ofMinutes(5), Duration.ofSeconds(375));
        assertThat(policy.delay(2, HOUR)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(13));
        assertThat(policy.delay(3, HOUR)).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(25));
    }

    @Test
    void neverWaitsLongerThanAnIntervalAndGivesUpAfterTheMaximum() {
        assertThat(policy.delay(4, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.delay(5, HOUR)).isEqualTo(HOUR);
        assertThat(policy.delay(60, HOUR)).isEqualTo(HOUR);
    }
}
