package io.geoingest.sync;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import io.geoingest.imports.SchedulerWakeUp;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.stereotype.Component;

/**
 * Each sync is one durable Quartz job in the clustered JDBC job store, with one trigger at its
 * next run: any replica runs it, once; a replica that dies mid-run has the job recovered by
 * another ({@code requestRecovery}); a run missed while every replica was down fires once, at
 * once, not once per missed period.
 */
@Component
public class SyncScheduler {
    static final String GROUP = "syncs";
    static final String SYNC_ID = "syncId";

    private final Scheduler scheduler;
    private final SchedulerWakeUp wakeUp;

    public SyncScheduler(Scheduler scheduler, SchedulerWakeUp wakeUp) {
        this.scheduler = scheduler;
        this.wakeUp = wakeUp;
    }

    /**
     * Sets the sync's next run, replacing any other. A trigger added while the job runs waits
     * for that run to end ({@code @DisallowConcurrentExecution}).
     */
    public void scheduleAt(UUID syncId, Instant at) {
        JobKey job = JobKey.jobKey(syncId.toString(), GROUP);
        // Each trigger has its own key: replacing the trigger that is firing right now would let
        // Quartz delete its successor when the run completes.
        Trigger next = TriggerBuilder.newTrigger()
                .withIdentity(syncId + "/" + UUID.randomUUID(), GROUP)
                .forJob(job)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (!scheduler.checkExists(job)) {
                scheduler.addJob(JobBuilder.newJob(SyncJob.class).withIdentity(job).usingJobData(SYNC_ID, syncId.toString())
                        .storeDurably().requestRecovery(true).build(), false);
            }
            for (Trigger t : scheduler.getTriggersOfJob(job)) {
                scheduler.unscheduleJob(t.getKey());
            }
            scheduler.scheduleJob(next);
            wakeUp.afterCommit(next.getKey());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule sync " + syncId, e);
        }
    }

    public void remove(UUID syncId) {
        try {
            scheduler.deleteJob(JobKey.jobKey(syncId.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule sync " + syncId, e);
        }
    }
}
