package io.geoingest.sync;

import io.geoingest.kernel.ImportProperties;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * So that no sync stops for good: one whose trigger was lost (a failure while rescheduling it,
 * say) is scheduled again at its {@code run_at}, or now if that has passed.
 */
@Component
public class SyncScheduleSweeper implements SchedulingConfigurer {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduleSweeper.class);

    private final SyncRepository syncs;
    private final SyncRunner runner;
    private final ImportProperties properties;

    public SyncScheduleSweeper(SyncRepository syncs, SyncRunner runner, ImportProperties properties) {
        this.syncs = syncs;
        this.runner = runner;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.orphanSweep());
    }

    public void sweep() {
        for (UUID id : syncs.unscheduled()) {
            Instant runAt = syncs.find(id).map(s -> s.runAt() == null ? Instant.now() : s.runAt().toInstant())
                    .orElse(Instant.now());
            LOG.warn("sync {} had no schedule; next run at {}", id, runAt);
            runner.reschedule(id, runAt.isBefore(Instant.now()) ? Instant.now() : runAt);
        }
    }
}
