package io.geoingest.imports;

import org.quartz.SchedulerException;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;

/**
 * Spring's job store for Quartz, with a first cluster check-in that can see a dead replica.
 * Quartz declares another instance failed once its last check-in is older than the larger of
 * its interval and the time since our own last check-in, plus 7.5 s. Before our first check-in,
 * "our last check-in" is when this store was made, early in the application's start, so that
 * check-in (when the scheduler starts, after Camel's routes) took the start-up time for a stall
 * of ours and declared nobody dead: a replica starting as another died resumed the other's
 * imports one whole interval late. Counting from the scheduler's start removes that.
 */
public class ClusterJobStore extends LocalDataSourceJobStore {
    @Override
    public void schedulerStarted() throws SchedulerException {
        lastCheckin = System.currentTimeMillis();
        super.schedulerStarted();
    }
}
