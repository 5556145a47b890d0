package io.geoingest.kernel;

import org.springframework.stereotype.Component;

/**
 * Writes a running import's progress to its record ({@link ProgressStore}) at most once per
 * {@code geoingest.imports.progress-interval}, on a pooled connection of its own: the import's
 * transaction stays uncommitted until the end, so a write inside it would be seen by nobody.
 * A write the import's record refuses means that the run's attempt no longer owns the import:
 * it stops there ({@link ImportSuperseded}).
 */
@Component
public class ProgressRecorder {
    private final ProgressStore imports;
    private final long intervalNanos;

    public ProgressRecorder(ProgressStore imports, ImportProperties properties) {
        this.imports = imports;
        this.intervalNanos = properties.progressInterval().toNanos();
    }

    /** Counts a batch written to the COPY, and records the progress if it is due. */
    public void rowsLoaded(ImportContext ctx, long rows) {
        ImportProgress progress = ctx.progress();
        progress.rowsLoaded(rows);
        if (progress.saveDue(System.nanoTime(), intervalNanos)) {
            save(ctx);
        }
    }

    /** Records the progress now, whatever the interval (a new step, the end of a run). */
    public void save(ImportContext ctx) {
        if (!imports.saveProgress(ctx.id(), ctx.attempt(), ctx.progress().snapshot())) {
            throw new ImportSuperseded(ctx.id(), ctx.attempt());
        }
    }
}
