package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.accounts.AccountDatabases;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.ImportSuperseded;
import io.geoingest.kernel.Progress;
import io.geoingest.kernel.ProgressRecorder;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.sink.ImportTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16: an attempt whose replica was taken for dead, while another attempt took the import
 * over, gets through to the database again. Whatever it then does (fail, complete, record a
 * step, its progress or warnings, clean up) changes nothing of the import's record, nor the
 * files and tables of the attempt that owns it; and a final state, once written, stays.
 */
class StaleAttemptTest extends ApiTestSupport {
    @Autowired
    ImportRepository imports;
    @Autowired
    ImportLifecycle lifecycle;
    @Autowired
    ProgressRecorder progress;
    @Autowired
    WorkDirs workDirs;
    @Autowired
    AccountRegistry accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    AccountDatabases databases;
    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper mapper;

    private ImportRecord record;
    private int stale;
    private int owner;

    /** Attempt 1 was taken over by attempt 2, which is importing and has recorded 5 rows. */
    @BeforeEach
    void takenOver() {
        record = newImport();
        stale = imports.startAttempt(record.id());
        owner = imports.startAttempt(record.id());
        assertThat(imports.setState(record.id(), owner, ImportState.IMPORTING)).isTrue();
        assertThat(imports.saveProgress(record.id(), owner, new Progress(5, null, null))).isTrue();
    }

    private ImportContext context(int attempt) {
        return new ImportContext(record, attempt, workDirs.ofAttempt(record.id(), attempt));
    }

    private ImportTransaction transaction(ImportContext ctx) {
        return new ImportTransaction(ctx, Duration.ofSeconds(5), accounts.find("alice").orElseThrow(), dataSource,
                databases.dataSource(accounts.find("alice").orElseThrow()));
    }

    private Exchange exchange(ImportContext ctx, Throwable failure) {
        Exchange e = new DefaultExchange(camel);
        e.getIn().setHeader(ImportRunner.IMPORT_ID_HEADER, record.id());
        e.getIn().setHeader(ImportRunner.ATTEMPT_HEADER, ctx.attempt());
        e.setProperty(ImportContext.PROPERTY, ctx);
        e.setProperty(ImportTransaction.PROPERTY, transaction(ctx));
        e.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return e;
    }

    @Test
    void aStaleAttemptsFailureRecordsNothing() {
        ImportContext ctx = context(stale);
        ctx.warnings().set("skipped_files", List.of("a.csv"));
        ctx.progress().rowsLoaded(1000);

        lifecycle.fail(record.id(), stale, exchange(ctx, new SQLException("An I/O error occurred while sending to the backend")));

        assertUntouched();
    }

    @Test
    void aStaleAttemptsStepsAndProgressRecordNothingAndStopIt() {
        ImportContext ctx = context(stale);
        ctx.progress().rowsLoaded(1000);

        assertThatThrownBy(() -> lifecycle.uploading(ctx)).isInstanceOf(ImportSuperseded.class);
        assertThatThrownBy(() -> lifecycle.importing(ctx)).isInstanceOf(ImportSuperseded.class);
        assertThatThrownBy(() -> progress.save(ctx)).isInstanceOf(ImportSuperseded.class);
        assertUntouched();
    }

    @Test
    void aStaleAttemptDoesNotCompleteEvenIfItClaimedTheImportBeforeTheTakeover() throws Exception {
        ImportRecord r = newImport();
        UUID id = r.id();
        int first = imports.startAttempt(id);
        ImportContext ctx = new ImportContext(r, first, workDirs.ofAttempt(id, first));
        try (ImportTransaction tx = transaction(ctx)) {
            tx.connection();
            ctx.skipped("kept");
            // The cluster takes the replica for dead and another starts attempt 2.
            int second = imports.startAttempt(id);
            imports.setState(id, second, ImportState.IMPORTING);

            assertThatThrownBy(() -> lifecycle.complete(ctx, tx)).isInstanceOf(ImportSuperseded.class);
        }
        assertThat(imports.find(id).orElseThrow().state()).isEqualTo(ImportState.IMPORTING);
    }

    @Test
    void aStaleAttemptThatClaimsLateDoesNotComplete() {
        ImportContext ctx = context(stale);
        ImportTransaction tx = transaction(ctx);
        ctx.skipped("kept");

        assertThatThrownBy(() -> lifecycle.complete(ctx, tx)).isInstanceOf(ImportSuperseded.class);
        tx.close();
        assertUntouched();
    }

    @Test
    void aStaleAttemptRemovesOnlyItsOwnFiles() throws Exception {
        Path upload = Files.createDirectories(workDirs.of(record.id()).resolve("upload")).resolve("y.csv");
        Files.writeString(upload, "name\nA\n");
        Path ownersDownload = Files.createDirectories(workDirs.ofAttempt(record.id(), owner)).resolve("y.csv");
        Files.writeString(ownersDownload, "name\nA\n");
        Path staleDownload = Files.createDirectories(workDirs.ofAttempt(record.id(), stale)).resolve("y.csv");
        Files.writeString(staleDownload, "name\nA\n");
        ImportContext ctx = context(stale);
        Exchange e = exchange(ctx, new SQLException("connection lost"));

        lifecycle.fail(record.id(), stale, e);
        lifecycle.close(record.id(), stale, e);

        assertThat(staleDownload).doesNotExist();
        assertThat(upload).as("the upload the owner reads").exists();
        assertThat(ownersDownload).as("the owner's download").exists();
        assertUntouched();

        lifecycle.fail(record.id(), owner, exchange(context(owner), new ImportException(ErrorCode.EMPTY_FILE, "empty")));
        lifecycle.close(record.id(), owner, exchange(context(owner), null));
        assertThat(workDirs.of(record.id())).as("the import has ended").doesNotExist();
    }

    @Test
    void aFinalStateNeverChanges() throws Exception {
        assertThat(imports.fail(record.id(), owner, ErrorCode.EMPTY_FILE, "empty", Map.of(), Progress.NONE)).isTrue();

        assertThat(imports.fail(record.id(), owner, ErrorCode.UNKNOWN, "again", Map.of(), Progress.NONE)).isFalse();
        assertThat(imports.setState(record.id(), owner, ImportState.IMPORTING)).isFalse();
        assertThat(imports.completeUnchanged(record.id(), owner, SourceVersion.UNKNOWN)).isFalse();
        try (Connection c = dataSource.getConnection()) {
            assertThat(imports.complete(c, record.id(), owner, "t", null, 1, Map.of(), SourceVersion.UNKNOWN,
                    Progress.NONE)).isFalse();
        }
        ImportRecord r = imports.find(record.id()).orElseThrow();
        assertThat(r.state()).isEqualTo(ImportState.FAILURE);
        assertThat(r.errorCode()).isEqualTo(ErrorCode.EMPTY_FILE.code());
    }

    /** The record as the owner left it: importing, 5 rows, no error, no warnings. */
    private void assertUntouched() {
        ImportRecord r = imports.find(record.id()).orElseThrow();
        assertThat(r.state()).isEqualTo(ImportState.IMPORTING);
        assertThat(r.errorCode()).isNull();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.progress().rows()).isEqualTo(5);
        assertThat(r.attempts()).isEqualTo(owner);
    }

    private ImportRecord newImport() {
        ImportRecord r = new ImportRecord(UUID.randomUUID(), "alice", ImportState.PENDING, DataType.URL,
                mapper.createObjectNode().put("kind", "url").put("url", "http://x/y.csv"), ImportOptions.defaults(), "PRIVATE", false,
                "y.csv", null, null, 0, null, null, Map.of(), 0, null, OffsetDateTime.now(), OffsetDateTime.now(),
                Progress.NONE);
        imports.insert(r);
        return r;
    }
}
