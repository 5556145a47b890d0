package io.geoingest.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.imports.DataType;
import io.geoingest.imports.ImportRecord;
import io.geoingest.imports.ImportRepository;
import io.geoingest.imports.ImportRunner;
import io.geoingest.imports.ImportService;
import io.geoingest.imports.ImportState;
import io.geoingest.imports.ImportSubmission;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run of a sync, in its Quartz job: starts the run as an import (or resumes the one a dead
 * replica left), runs it through the import route, which replaces the sync's table atomically,
 * then records the outcome and schedules the next run. Safe to repeat at any point: a recovered
 * job finds the run's import and carries on from there.
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

    public SyncRunner(SyncRepository syncs, ImportRepository imports, ImportService importService,
                      ImportRunner importRunner, SyncScheduler scheduler, RetryPolicy retries,
                      SyncProperties properties, TransactionTemplate tx) {
        this.syncs = syncs;
        this.imports = imports;
        this.importService = importService;
        this.importRunner = importRunner;
        this.scheduler = scheduler;
        this.retries = retries;
        this.properties = properties;
        this.tx = tx;
    }

    public void run(UUID syncId, boolean recovering) {
        try {
            Optional<UUID> run = tx.execute(status -> begin(syncId));
            if (run == null || run.isEmpty()) {
                return;
            }
            importRunner.run(run.get(), recovering);
            finish(syncId, run.get());
        } catch (RuntimeException e) {
            LOG.warn("sync {}: run broke off, retrying later: {}", syncId, e.toString());
            scheduler.scheduleAt(syncId, OffsetDateTime.now().plus(properties.retryMinDelay()).toInstant());
        }
    }

    /**
     * The import this run is to run: the unfinished one of an interrupted run, or a new one.
     * Empty when the sync is gone, or when its account is at its limit of runs (then it is
     * tried again a little later).
     */
    private Optional<UUID> begin(UUID syncId) {
        Optional<SyncRecord> found = syncs.find(syncId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SyncRecord s = found.get();
        syncs.lockAccount(s.username());
        Optional<ImportRecord> unfinished = Optional.ofNullable(s.logId()).flatMap(imports::find)
                .filter(r -> !r.state().isFinal());
        if (unfinished.isPresent() && s.state().running()) {
            return unfinished.map(ImportRecord::id);
        }
        if (syncs.running(s.username(), syncId) >= properties.maxConcurrentPerAccount()) {
            LOG.info("sync {}: account {} has {} syncs running; waiting", syncId, s.username(),
                    properties.maxConcurrentPerAccount());
            scheduler.scheduleAt(syncId, OffsetDateTime.now().plus(properties.busyDelay()).toInstant());
            return Optional.empty();
        }
        UUID importId = unfinished.map(ImportRecord::id).orElseGet(() -> newRun(s));
        syncs.started(syncId, s.firstRun() ? SyncState.QUEUED : SyncState.SYNCING, importId);
        return Optional.of(importId);
    }

    private UUID newRun(SyncRecord s) {
        UUID id = UUID.randomUUID();
        ImportSubmission run = new ImportSubmission(s.dataType(), sourceForRun(s),
                s.firstRun() ? s.options() : s.options().replacing(s.name()), s.privacy(), false,
                s.shownUrl() != null ? s.shownUrl() : s.name());
        importService.recordSyncRun(id, s.username(), run, s.id());
        return id;
    }

    /** A URL sync's later run asks for the source only if it changed since the version it holds. */
    private static JsonNode sourceForRun(SyncRecord s) {
        if (s.dataType() != DataType.URL || s.firstRun()) {
            return s.source();
        }
        ObjectNode source = s.source().deepCopy();
        putIfPresent(source, "etag", s.etag());
        putIfPresent(source, "checksum", s.checksum());
        if (s.modifiedAt() != null) {
            source.put("last_modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(s.modifiedAt()
                    .atZoneSameInstant(ZoneOffset.UTC)));
        }
        return source;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private void finish(UUID syncId, UUID importId) {
        Optional<SyncRecord> found = syncs.find(syncId);
        ImportRecord run = imports.find(importId).orElseThrow();
        if (found.isEmpty()) {
            return;
        }
        SyncRecord s = found.get();
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
            LOG.info("sync {}: run {} succeeded; next run at {}", syncId, importId, next);
        } else {
            next = now.plus(retries.delay(s.retriedTimes() + 1, interval));
            syncs.failed(syncId, run.errorCode(), run.errorMessage(), now, next);
            LOG.info("sync {}: run {} failed with {}; next run at {}", syncId, importId, run.errorCode(), next);
        }
        scheduler.scheduleAt(syncId, next.toInstant());
    }
}
