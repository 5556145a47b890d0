package io.geoingest.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.imports.ImportRepository;
import io.geoingest.imports.ImportRunner;
import io.geoingest.imports.ImportService;
import io.geoingest.kernel.ImportState;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.imports.SourceKind;
import io.geoingest.logging.LogContext;
import io.geoingest.secrets.Redaction;
import io.geoingest.ops.SyncMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run of a sync, in its Quartz job: starts the run as an import (or takes up the one a
 * dead replica left: running it on, or recording how it ended), runs it through the import
 * route, which replaces the sync's table atomically, then records the outcome and schedules the
 * next run. Starting and finishing each happen in a transaction holding the sync's row lock, so
 * API calls and other replicas never interleave with them.
 */
@Component
public class SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncRepository syncs;
    private final ImportRepository imports;
    private final ImportService importService;
    private final ImportRunner importRunner;
    private final SyncScheduler scheduler;
    private final RetryPolicy retries;
    private final SyncProperties properties;
    private final TransactionTemplate tx;
    private final SyncMetrics metrics;

    public SyncRunner(SyncRepository syncs, ImportRepository imports, ImportService importService,
                      ImportRunner importRunner, SyncScheduler scheduler, RetryPolicy retries,
                      SyncProperties properties, TransactionTemplate tx, SyncMetrics metrics) {
        this.syncs = syncs;
        this.imports = imports;
        this.importService = importService;
        this.importRunner = importRunner;
        this.scheduler = scheduler;
        this.retries = retries;
        this.properties = properties;
        this.tx = tx;
        this.metrics = metrics;
    }

    /** The import a run is about, and whether it has already ended (its replica died before recording it). */
    private record Run(UUID importId, boolean ended) {
    }

    public void run(UUID syncId, boolean recovering) {
        try (LogContext log = LogContext.open().syncId(syncId)) {
            try {
                Run run = tx.execute(status -> begin(syncId, log));
                if (run == null) {
                    return;
                }
                if (!run.ended()) {
                    importRunner.run(run.importId(), recovering);
                }
                tx.executeWithoutResult(status -> finish(syncId, run.importId()));
            } catch (RuntimeException e) {
                LOG.warn("sync {}: run broke off, retrying later: {}", syncId, Redaction.text(e.toString()));
                reschedule(syncId, Instant.now().plus(properties.retryMinDelay()));
            }
        }
    }

    /** Sets the sync's next run, unless it was deleted meanwhile (then its job goes too). */
    public void reschedule(UUID syncId, Instant at) {
        tx.executeWithoutResult(status -> {
            if (syncs.lock(syncId).isPresent()) {
                scheduler.scheduleAt(syncId, at);
            } else {
                scheduler.remove(syncId);
            }
        });
    }

    /**
     * The import this run is about. Null when the sync is gone, or when its account is at its
     * limit of runs (it is then tried again a little later).
     */
    private Run begin(UUID syncId, LogContext log) {
        Optional<SyncRecord> found = syncs.lock(syncId);
        if (found.isEmpty()) {
            scheduler.remove(syncId);
            return null;
        }
        SyncRecord s = found.get();
        log.account(s.username());
        Optional<ImportRecord> last = Optional.ofNullable(s.logId()).flatMap(imports::find);
        if (s.state().running() && last.isPresent()) {
            return new Run(last.get().id(), last.get().state().isFinal());
        }
        syncs.lockAccount(s.username());
        if (syncs.running(s.username(), syncId) >= properties.maxConcurrentPerAccount()) {
            LOG.info("sync {}: account {} has {} syncs running; waiting", syncId, s.username(),
                    properties.maxConcurrentPerAccount());
            scheduler.scheduleAt(syncId, Instant.now().plus(properties.busyDelay()));
            return null;
        }
        // A new sync's first run was recorded with it; any other run starts here.
        UUID importId = last.filter(r -> !r.state().isFinal()).map(ImportRecord::id).orElseGet(() -> newRun(s));
        syncs.started(syncId, s.firstRun() ? SyncState.QUEUED : SyncState.SYNCING, importId);
        return new Run(importId, false);
    }

    private UUID newRun(SyncRecord s) {
        UUID id = UUID.randomUUID();
        ImportSubmission run = new ImportSubmission(s.dataType(), sourceForRun(s),
                s.firstRun() ? s.options() : s.options().replacing(s.name()), s.privacy(), false,
                s.shownUrl() != null ? s.shownUrl() : s.name());
        importService.recordSyncRun(id, s.username(), run, s.id());
        return id;
    }

    /** A URL or cloud-drive sync's later run asks for the source only if it changed since the version its table holds. */
    private static JsonNode sourceForRun(SyncRecord s) {
        boolean versioned = SourceKind.of(s.source()).versioned();
        if (!versioned || s.firstRun()) {
            return s.source();
        }
        ObjectNode source = s.source().deepCopy();
        source.putPOJO("version", s.version());
        return source;
    }

    private void finish(UUID syncId, UUID importId) {
        Optional<SyncRecord> found = syncs.lock(syncId);
        if (found.isEmpty()) {
            scheduler.remove(syncId);
            return;
        }
        SyncRecord s = found.get();
        ImportRecord run = imports.find(importId).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now();
        if (!run.state().isFinal()) {
            // Another replica holds this run (this one was only paused): look again later.
            scheduler.scheduleAt(syncId, now.plus(properties.busyDelay()).toInstant());
            return;
        }
        Duration interval = Duration.ofSeconds(s.intervalSeconds());
        OffsetDateTime next;
        if (run.state() == ImportState.COMPLETE) {
            next = now.plus(interval);
            syncs.succeeded(syncId, run.tableName(), imports.sourceVersion(importId), now, next);
            metrics.ran(run.warnings().containsKey("source_unchanged") ? "unchanged" : "success");
            LOG.info("sync {}: run {} succeeded; next run at {}", syncId, importId, next);
        } else {
            next = now.plus(retries.delay(s.retriedTimes() + 1, interval));
            syncs.failed(syncId, run.errorCode(), run.errorMessage(), now, next);
            metrics.ran("failure");
            LOG.info("sync {}: run {} failed with {}; next run at {}", syncId, importId, run.errorCode(), next);
        }
        scheduler.scheduleAt(syncId, next.toInstant());
    }
}
