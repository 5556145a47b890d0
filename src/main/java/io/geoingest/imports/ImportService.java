package io.geoingest.imports;

import io.geoingest.accounts.Account;
import io.geoingest.connectors.StoredPasswords;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.Progress;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts imports: persists the job and queues it in one transaction, then answers. */
@Service
public class ImportService {
    private final ImportRepository imports;
    private final ImportScheduler scheduler;
    private final StoredPasswords passwords;
    private final SubmissionGate gate;
    private final int maxConcurrent;

    public ImportService(ImportRepository imports, ImportScheduler scheduler, StoredPasswords passwords,
                         ImportProperties properties) {
        this.imports = imports;
        this.scheduler = scheduler;
        this.passwords = passwords;
        this.maxConcurrent = properties.maxConcurrentPerAccount();
        this.gate = new SubmissionGate(maxConcurrent);
    }

    /**
     * A pass for one submission of the account, taken before its request body is read, to close
     * once the submission is decided. Refused (429) at once, body unread, while the account has
     * its allowance in progress, or as many of its submissions are being decided in this replica:
     * a burst of uploads is answered without spooling them or queueing for the account's lock.
     * {@link #submit} still decides under the lock.
     */
    public SubmissionGate.Pass admit(Account account) {
        SubmissionGate.Pass pass = gate.enter(account.username());
        if (imports.inProgress(account.username()).size() >= maxConcurrent) {
            pass.close();
            throw new TooManyImports(maxConcurrent);
        }
        return pass;
    }

    /**
     * Queues the import unless the account already has its allowance in progress (429). The
     * count and the insert happen under the account's lock, so the cap holds on any number of
     * replicas.
     */
    @Transactional
    public ImportRecord submit(UUID id, Account account, ImportSubmission s) {
        ImportRecord r = admitted(id, account, s);
        scheduler.schedule(id);
        return r;
    }

    /**
     * Records an import that the caller runs itself, in its own thread ({@link ImportRunner#runHere}),
     * rather than queueing it for any replica: its data is in this process only (a route's rows).
     * Refused as {@link #submit} refuses (429).
     */
    @Transactional
    public ImportRecord submitHere(UUID id, Account account, ImportSubmission s) {
        return admitted(id, account, s);
    }

    private ImportRecord admitted(UUID id, Account account, ImportSubmission s) {
        imports.lockSubmissions(account.username());
        if (imports.inProgress(account.username()).size() >= maxConcurrent) {
            throw new TooManyImports(maxConcurrent);
        }
        return insert(id, account.username(), s, null);
    }

    /**
     * Records an import that names nothing to import as already failed with 1010 (Not a file),
     * queueing nothing: CARTO queued such a request and let it fail, and the Python SDK's first
     * POST (a JSON body of only api_key and client) relies on being answered 200.
     */
    @Transactional
    public ImportRecord recordWithoutSource(UUID id, Account account, ImportSubmission s) {
        ImportRecord r = insert(id, account.username(), s, null);
        imports.fail(id, 0, ErrorCode.NOT_A_FILE, "The request has no file, url or connector", Map.of(), Progress.NONE);
        return r;
    }

    /** Records a sync's run as an import, which the sync's own job runs (no job of its own). */
    public ImportRecord recordSyncRun(UUID id, String username, ImportSubmission s, UUID syncId) {
        return insert(id, username, s, syncId);
    }

    private ImportRecord insert(UUID id, String username, ImportSubmission s, UUID syncId) {
        OffsetDateTime now = OffsetDateTime.now();
        ImportRecord r = new ImportRecord(id, username, ImportState.PENDING, s.dataType(), passwords.seal(s.source()),
                s.options(), s.privacy(), s.createVisualization(), s.displayName(), null, null, 0, null, null,
                Map.of(), 0, syncId, now, now, Progress.NONE);
        imports.insert(r);
        return r;
    }
}
