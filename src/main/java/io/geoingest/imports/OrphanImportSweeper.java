package io.geoingest.imports;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** So that nothing stays "importing" forever, whatever happened to its job. */
@Component
public class OrphanImportSweeper implements SchedulingConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanImportSweeper.class);

    private final ImportRepository imports;
    private final ImportProperties properties;
    private final WorkDirs workDirs;

    public OrphanImportSweeper(ImportRepository imports, ImportProperties properties, WorkDirs workDirs) {
        this.imports = imports;
        this.properties = properties;
        this.workDirs = workDirs;
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
    }
}
