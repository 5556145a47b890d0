package io.geoingest.imports;

import io.geoingest.accounts.Account;
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
    private final int maxConcurrent;

    public ImportService(ImportRepository imports, ImportScheduler scheduler, ImportProperties properties) {
        this.imports = imports;
        this.scheduler = scheduler;
        this.maxConcurrent = properties.maxConcurrentPerAccount();
    }

    @Transactional
    public ImportRecord submit(UUID id, Account account, ImportSubmission s) {
        if (imports.inProgress(account.username()).size() >= maxConcurrent) {
            throw new TooManyImports(maxConcurrent);
        }
        OffsetDateTime now = OffsetDateTime.now();
        ImportRecord r = new ImportRecord(id, account.username(), ImportState.PENDING, s.dataType(), s.source(),
                s.options(), s.privacy(), s.createVisualization(), s.displayName(), null, null, 0, null, null,
                Map.of(), 0, null, now, now);
        imports.insert(r);
        scheduler.schedule(id);
        return r;
    }
}
