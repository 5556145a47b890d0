package io.geoingest.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work that is due and not yet running, read from the database at scrape time (each query at
 * most once per {@code geoingest.metrics.query-cache}), the same on every replica:
 * <ul>
 * <li>{@code geoingest.sync.lag.seconds}: how late the most overdue sync is, now minus its
 * {@code run_at}, among syncs not running; 0 when none is overdue.</li>
 * <li>{@code geoingest.quartz.jobs.waiting}: triggers of this scheduler in state {@code WAITING}
 * whose next fire time has passed (imports and sync runs no worker has picked up yet).</li>
 * </ul>
 * A failing query gives NaN, which Prometheus shows as such, rather than a misleading 0.
 */
@Component
public class BacklogGauges {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);

    private final JdbcTemplate jdbc;
    private final Scheduler scheduler;

    public BacklogGauges(JdbcTemplate jdbc, Scheduler scheduler, MeterRegistry registry, MetricsProperties properties) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        CachedValue lag = new CachedValue(this::syncLagSeconds, properties.queryCache());
        CachedValue waiting = new CachedValue(this::quartzJobsWaiting, properties.queryCache());
        // Strong references: Micrometer holds a gauge's object weakly, and nothing else holds these.
        Gauge.builder("geoingest.sync.lag.seconds", lag, CachedValue::get)
                .description("Now minus run_at of the most overdue sync that is not running")
                .strongReference(true).register(registry);
        Gauge.builder("geoingest.quartz.jobs.waiting", waiting, CachedValue::get)
                .description("Quartz triggers due but not yet fired").strongReference(true).register(registry);
    }

    double syncLagSeconds() {
        try {
            Double lag = jdbc.queryForObject("SELECT COALESCE(max(EXTRACT(EPOCH FROM now() - run_at)), 0)"
                    + " FROM geoingest.synchronizations WHERE run_at < now() AND state NOT IN ('queued', 'syncing')",
                    Double.class);
            return lag == null ? 0 : lag;
        } catch (DataAccessException e) {
            LOG.warn("sync lag: {}", e.toString());
            return Double.NaN;
        }
    }

    double quartzJobsWaiting() {
        try {
            Long waiting = jdbc.queryForObject("SELECT count(*) FROM geoingest.qrtz_triggers WHERE sched_name = ?"
                    + " AND trigger_state = 'WAITING' AND next_fire_time < (EXTRACT(EPOCH FROM now()) * 1000)::bigint",
                    Long.class, scheduler.getSchedulerName());
            return waiting == null ? 0 : waiting;
        } catch (DataAccessException | SchedulerException e) {
            LOG.warn("quartz jobs waiting: {}", e.toString());
            return Double.NaN;
        }
    }
}
