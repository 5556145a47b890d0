package io.geoingest.imports;

import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of one import; Spring's job factory injects the runner. */
@DisallowConcurrentExecution
public class ImportJob implements Job {
    private final ImportRunner runner;

    public ImportJob(ImportRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runner.run(UUID.fromString(context.getMergedJobDataMap().getString(ImportScheduler.IMPORT_ID)),
                context.isRecovering());
    }
}
