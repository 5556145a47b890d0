package io.geoingest.imports;

import org.springframework.stereotype.Component;

/**
 * Writes a running import's progress to {@code geoingest.imports} at most once per
 * {@code geoingest.imports.progress-interval}, on a pooled connection of its own: the import's
 * transaction stays uncommitted until the end, so a write inside it would be seen by nobody.
 */
@Component
public class ProgressRecorder {
    private final ImportRepository imports;
    private final long intervalNanos;

    public ProgressRecorder(ImportRepository imports, ImportProperties properties) {
        this.imports = imports;
        this.intervalNanos = properties.progressInterval().toNanos();
    }

    /** Counts a batch written to the COPY, and records the progress if it is due. */
    public void rowsLoaded(ImportContext ctx, long rows) {
        ImportProgress progress = ctx.progress();
        progress.rowsLoaded(rows);
        if (progress.saveDue(System.nanoTime(), intervalNanos)) {
            imports.saveProgress(ctx.id(), progress.snapshot());
        }
    }

    /** Records the progress now, whatever the interval (a new step, the end of a run). */
    public void save(ImportContext ctx) {
        imports.saveProgress(ctx.id(), ctx.progress().snapshot());
    }
}
