package io.geoingest.imports;

import org.apache.camel.CamelContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts Quartz only when the application is ready: Spring would start it before Camel's
 * routes, and a job recovered from a dead replica could then fire into a missing route.
 */
@Component
public class QuartzStarter {
    private final Scheduler scheduler;
    private final CamelContext camel;

    public QuartzStarter(Scheduler scheduler, CamelContext camel) {
        this.scheduler = scheduler;
        this.camel = camel;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() throws SchedulerException {
        if (!camel.isStarted()) {
            throw new IllegalStateException("Camel is not started; not running imports");
        }
        scheduler.start();
    }
}
