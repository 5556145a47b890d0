package io.geoingest.imports;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Starts Quartz once Camel's routes run: Spring would start it earlier, and a job recovered
 * from a dead replica could then fire into a route that does not exist yet.
 */
@Component
public class QuartzStarter implements ExtendedStartupListener {
    private final Scheduler scheduler;

    public QuartzStarter(Scheduler scheduler, CamelContext camel) throws Exception {
        this.scheduler = scheduler;
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
}
