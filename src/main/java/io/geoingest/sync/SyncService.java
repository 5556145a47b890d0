package io.geoingest.sync;

import io.geoingest.accounts.Account;
import io.geoingest.connectors.StoredPasswords;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.DataType;
import io.geoingest.secrets.Redaction;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.imports.ImportService;
import io.geoingest.imports.ImportSubmission;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes, forces and removes syncs; each change and its schedule commit together. */
@Service
public class SyncService {
    /** CARTO's default interval: one hour. */
    static final int DEFAULT_INTERVAL = 3600;

    private final SyncRepository syncs;
    private final ImportService imports;
    private final SyncScheduler scheduler;
    private final StoredPasswords passwords;
    private final SyncProperties properties;

    public SyncService(SyncRepository syncs, ImportService imports, SyncScheduler scheduler, StoredPasswords passwords,
                       SyncProperties properties) {
        this.syncs = syncs;
        this.imports = imports;
        this.scheduler = scheduler;
        this.passwords = passwords;
        this.properties = properties;
    }

    /**
     * Records the sync and its first run, an ordinary import (its id is the answer's
     * {@code item_queue_id}), which starts at once.
     */
    @Transactional
    public SyncRecord create(Account account, ImportSubmission first, int interval, String serviceName,
                             String serviceItemId) {
        OffsetDateTime now = OffsetDateTime.now();
        UUID id = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        String shownUrl = first.dataType() == DataType.URL ? Redaction.url(first.source().path("url").asText()) : null;
        SyncRecord s = new SyncRecord(id, account.username(), first.dataType(), passwords.seal(first.source()),
                first.options(), first.privacy(), serviceName, serviceItemId, shownUrl, null, interval,
                SyncState.CREATED, now.plusSeconds(interval), null, null, SourceVersion.UNKNOWN, importId, null, null, 0,
                now, now);
        syncs.insert(s);
        imports.recordSyncRun(importId, account.username(), first, id);
        scheduler.scheduleAt(id, now.toInstant());
        return s;
    }

    /**
     * The sync a declared route names {@code declaredAs}, however many replicas declare it and
     * however often: created on the first declaration, untouched by an unchanged one, changed to
     * match a changed one. A new source (or privacy) runs at once into the same table; a new
     * interval or new flags behave as {@link #update}; another account stops the old sync (its
     * table stays) and starts a new one.
     */
    @Transactional
    public SyncRecord declare(String declaredAs, Account account, ImportSubmission first, int interval,
                              String serviceName, String serviceItemId) {
        syncs.lockDeclaration(declaredAs);
        Optional<SyncRecord> found = syncs.lockDeclared(declaredAs);
        if (found.isPresent() && !found.get().username().equals(account.username())) {
            delete(found.get());
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            SyncRecord s = create(account, first, interval, serviceName, serviceItemId);
            syncs.declaredAs(s.id(), declaredAs);
            return s;
        }
        SyncRecord s = found.get();
        if (interval != s.intervalSeconds() || !first.options().equals(s.options())) {
            update(s, interval, first.options());
        }
        if (!passwords.open(s.source()).equals(first.source()) || !first.privacy().equals(s.privacy())) {
            syncs.replaceSource(s.id(), passwords.seal(first.source()), first.privacy(), serviceItemId,
                    first.dataType() == DataType.URL ? Redaction.url(first.source().path("url").asText()) : null);
            if (!s.state().running() && s.state() != SyncState.CREATED) {
                OffsetDateTime now = OffsetDateTime.now();
                syncs.setRunAt(s.id(), now);
                scheduler.scheduleAt(s.id(), now.toInstant());
            }
        }
        return syncs.find(s.id()).orElseThrow();
    }

    /**
     * New guessing flags and interval. A changed interval moves the next run to one interval
     * from now, unless a run is pending or going (its end schedules the next one with it).
     */
    @Transactional
    public SyncRecord update(SyncRecord given, int interval, ImportOptions options) {
        SyncRecord s = syncs.lock(given.id()).orElseThrow(() -> new InvalidSync("The sync was deleted"));
        syncs.update(s.id(), interval, options);
        if (interval != s.intervalSeconds() && !s.state().running() && s.state() != SyncState.CREATED) {
            OffsetDateTime next = OffsetDateTime.now().plusSeconds(interval);
            syncs.setRunAt(s.id(), next);
            scheduler.scheduleAt(s.id(), next.toInstant());
        }
        return syncs.find(s.id()).orElseThrow();
    }

    /**
     * Runs the sync now, unless a run is going, one is already due (an earlier sync_now, on any
     * replica, enqueued it: only that answer says so), or the last one ended less than
     * {@code geoingest.syncs.sync-now-gap} ago (CARTO: 15 minutes).
     */
    @Transactional
    public boolean syncNow(SyncRecord given) {
        Optional<SyncRecord> locked = syncs.lock(given.id());
        if (locked.isEmpty()) {
            return false;
        }
        SyncRecord s = locked.get();
        OffsetDateTime now = OffsetDateTime.now();
        boolean going = s.state().running() || s.state() == SyncState.CREATED;
        boolean due = s.runAt() != null && !s.runAt().isAfter(now);
        if (going || due || s.ranAt() != null && s.ranAt().isAfter(now.minus(properties.syncNowGap()))) {
            return false;
        }
        syncs.setRunAt(s.id(), now);
        scheduler.scheduleAt(s.id(), now.toInstant());
        return true;
    }

    /** Stops syncing; the table stays, as an ordinary table. */
    @Transactional
    public void delete(SyncRecord s) {
        syncs.lock(s.id());
        scheduler.remove(s.id());
        syncs.delete(s.id());
    }

    public Optional<SyncRecord> find(UUID id, Account account) {
        return syncs.find(id, account.username());
    }

    public List<SyncRecord> list(Account account) {
        return syncs.list(account.username());
    }

    /** The {@code interval} parameter: seconds, at least {@code geoingest.syncs.min-interval}; 3600 when absent. */
    public int interval(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        long seconds;
        try {
            seconds = new BigDecimal(raw.trim()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidSync("Invalid interval: " + raw + " is not a number of seconds");
        }
        long min = properties.minInterval().toSeconds();
        if (seconds < min) {
            String least = min % 60 == 0 ? min / 60 + " minutes" : min + " seconds";
            throw new InvalidSync("Invalid interval: Sync interval must be at least " + least);
        }
        if (seconds > Integer.MAX_VALUE) {
            throw new InvalidSync("Invalid interval: " + raw + " seconds is too long");
        }
        return (int) seconds;
    }
}
