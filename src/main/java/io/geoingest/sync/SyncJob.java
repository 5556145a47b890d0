package io.geoingest.sync;

import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of one sync; Spring's job factory injects the runner. */
@DisallowConcurrentExecution
public class SyncJob implements Job {
    private final SyncRunner runner;

    public SyncJob(SyncRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runner.run(UUID.fromString(context.getMergedJobDataMap().getString(SyncScheduler.SYNC_ID)),
                context.isRecovering());
    }
}
