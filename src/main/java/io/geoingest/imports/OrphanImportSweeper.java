package io.geoingest.imports;

import io.geoingest.kernel.ImportProperties;
import io.geoingest.sink.StagingSweeper;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * So that nothing stays "importing" forever, nor a staging table or a half-received upload
 * behind, whatever happened to its job or its request.
 */
@Component
public class OrphanImportSweeper implements SchedulingConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanImportSweeper.class);

    private final ImportRepository imports;
    private final ImportProperties properties;
    private final WorkDirs workDirs;
    private final StagingSweeper staging;

    public OrphanImportSweeper(ImportRepository imports, ImportProperties properties, WorkDirs workDirs,
                               StagingSweeper staging) {
        this.imports = imports;
        this.properties = properties;
        this.workDirs = workDirs;
        this.staging = staging;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.orphanSweep());
    }

    public void sweep() {
        List<UUID> failed = imports.failOrphans(properties.orphanSeconds());
        if (!failed.isEmpty()) {
            LOG.warn("failed {} imports left unfinished without a job: {}", failed.size(), failed);
            failed.forEach(workDirs::delete);
        }
        staging.sweep();
        int spooled = workDirs.sweepSpool(properties.spoolMaxAge());
        if (spooled > 0) {
            LOG.warn("removed {} upload spool files left by uploads cut off mid-request", spooled);
        }
    }
}
