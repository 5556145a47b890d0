package io.geoingest.imports;

import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.stereotype.Component;

/**
 * Queues an import as a Quartz job in the clustered JDBC job store: any replica may run it,
 * and one that dies mid-import has the job recovered by another ({@code requestRecovery}).
 */
@Component
public class ImportScheduler {
    static final String GROUP = "imports";
    static final String IMPORT_ID = "importId";

    private final Scheduler scheduler;
    private final SchedulerWakeUp wakeUp;

    public ImportScheduler(Scheduler scheduler, SchedulerWakeUp wakeUp) {
        this.scheduler = scheduler;
        this.wakeUp = wakeUp;
    }

    public void schedule(UUID importId) {
        JobDetail job = JobBuilder.newJob(ImportJob.class)
                .withIdentity(importId.toString(), GROUP)
                .usingJobData(IMPORT_ID, importId.toString())
                .requestRecovery(true)
                .build();
        Trigger now = TriggerBuilder.newTrigger().withIdentity(importId.toString(), GROUP).startNow().build();
        try {
            scheduler.scheduleJob(job, now);
            wakeUp.afterCommit(now.getKey());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot queue import " + importId, e);
        }
    }
}
