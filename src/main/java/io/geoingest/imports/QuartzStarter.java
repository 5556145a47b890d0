package io.geoingest.imports;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts Quartz once Camel's routes run, and stops it taking jobs first when the application
 * closes: otherwise a job could fire into routes that do not exist yet, or are shutting down,
 * and fail for nothing (using up one of the import's attempts). Camel then lets running
 * imports finish within its shutdown timeout.
 */
@Component
public class QuartzStarter implements ExtendedStartupListener {
    private final Scheduler scheduler;

    public QuartzStarter(Scheduler scheduler, CamelContext camel, JdbcTemplate jdbc) throws Exception {
        this.scheduler = scheduler;
        // Quartz inserts its lock rows on first use. Two transactions racing to insert one (an
        // import submitted while a declared route schedules a sync, on a new scheduler name) made
        // the loser's PostgreSQL transaction abort, and its commit then silently rolled back the
        // caller's records with it. Rows present from the start leave nothing to race for.
        jdbc.update("INSERT INTO geoingest.qrtz_locks (sched_name, lock_name) VALUES (?, 'TRIGGER_ACCESS'),"
                + " (?, 'STATE_ACCESS') ON CONFLICT DO NOTHING", scheduler.getSchedulerName(), scheduler.getSchedulerName());
        camel.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // Routes may still be starting; wait for onCamelContextFullyStarted.
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws SchedulerException {
        scheduler.start();
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void stopTakingJobs() throws SchedulerException {
        scheduler.standby();
    }
}
