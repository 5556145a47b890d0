package io.geoingest.ops;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health component (it replaces Spring Boot's, which takes a pool connection and
 * so blocked every probe for 30 s during an outage). A probe waits at most
 * {@code geoingest.health.db-timeout} for {@link DatabaseProbe}'s check and answers DOWN
 * otherwise. Only one check runs at a time: probes that come while one is still waiting on a
 * dead server wait for that same check, so no threads pile up behind it.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {
    private final DatabaseProbe probe;
    private final Duration timeout;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "db-health-probe");
        t.setDaemon(true);
        return t;
    });
    private Future<?> running;

    public DatabaseHealthIndicator(DatabaseProbe probe, HealthProperties properties) {
        this.probe = probe;
        this.timeout = properties.dbTimeout();
    }

    @Override
    public Health health() {
        try {
            runningCheck().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("database", "PostgreSQL").build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", e.getCause().toString()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    private synchronized Future<?> runningCheck() {
        if (running == null || running.isDone()) {
            running = checker.submit(() -> {
                probe.check();
                return null;
            });
        }
        return running;
    }

    @Override
    public void destroy() {
        // On the checker's thread, after any check under way (bounded by the probe's timeouts).
        checker.execute(probe::close);
        checker.shutdown();
    }
}
