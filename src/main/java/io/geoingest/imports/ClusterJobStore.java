package io.geoingest.imports;

import org.quartz.SchedulerException;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;

/**
 * Spring's job store for Quartz, with a first cluster check-in that can see a dead replica.
 * Quartz declares another instance failed once {@code its last check-in + max(its interval,
 * time since our own last check-in) + 7.5 s} has passed; before our first check-in "our last
 * check-in" is when this store was made, early in the application's start, so the first
 * check-in (when Quartz starts, after Camel's routes: tens of seconds later on a busy machine)
 * waited that long again and found nobody failed. A replica restarted around the time another
 * died thus resumed the other's imports one whole check-in interval after its own start, past
 * a minute in all. Our start is no sign of a stalled cluster: it counts from the scheduler's start.
 */
public class ClusterJobStore extends LocalDataSourceJobStore {
    @Override
    public void schedulerStarted() throws SchedulerException {
        lastCheckin = System.currentTimeMillis();
        super.schedulerStarted();
    }
}
