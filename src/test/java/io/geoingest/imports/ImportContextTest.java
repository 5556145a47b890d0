package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.accounts.AccountDatabases;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.ImportSuperseded;
import io.geoingest.kernel.Progress;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.sink.ImportTransaction;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The import's transaction: the account's role, and one run at a time per import, its last attempt. */
class ImportContextTest extends ApiTestSupport {
    @Autowired
    DataSource dataSource;
    @Autowired
    AccountDatabases databases;
    @Autowired
    ImportRepository imports;
    @Autowired
    AccountRegistry accounts;
    @Autowired
    ObjectMapper mapper;

    private ImportRecord record(ImportState state) {
        ImportRecord r = new ImportRecord(UUID.randomUUID(), "alice", state, DataType.URL,
                mapper.createObjectNode().put("kind", "url").put("url", "http://x/y.csv"), ImportOptions.defaults(), "PRIVATE", false,
                "y.csv", null, null, 0, null, null, Map.of(), 0, null, OffsetDateTime.now(), OffsetDateTime.now(),
                Progress.NONE);
        imports.insert(r);
        return r;
    }

    private ImportTransaction context(ImportRecord r) {
        return context(r, 0);
    }

    private ImportTransaction context(ImportRecord r, int attempt) {
        return context(r, attempt, Duration.ofSeconds(30));
    }

    private ImportTransaction context(ImportRecord r, int attempt, Duration takeoverWait) {
        return new ImportTransaction(new ImportContext(r, attempt, Path.of("unused")), takeoverWait,
                accounts.find("alice").orElseThrow(), dataSource,
                databases.dataSource(accounts.find("alice").orElseThrow()));
    }

    @Test
    void actsAsTheAccountsRoleWithoutItsSchemaOnTheSearchPath() throws Exception {
        try (ImportTransaction ctx = context(record(ImportState.IMPORTING));
             Statement s = ctx.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, current_schemas(false)::text")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("geoingest_alice");
            // Functions the account creates in its schema must never resolve in the import's SQL.
            assertThat(rs.getString(2)).isEqualTo("{public}");
        }
    }

    @Test
    void anAttemptALaterOneTookOverDoesNotClaimTheImport() throws Exception {
        ImportRecord r = record(ImportState.IMPORTING);
        int stale = imports.startAttempt(r.id());
        imports.startAttempt(r.id());
        try (ImportTransaction first = context(r, stale)) {
            assertThatThrownBy(first::connection).isInstanceOf(ImportSuperseded.class);
        }
    }

    @Test
    void theAttemptThatTookOverWaitsForTheEarlierOnesTransactionWhichCannotComplete() throws Exception {
        ImportRecord r = record(ImportState.IMPORTING);
        int stale = imports.startAttempt(r.id());
        try (ImportTransaction first = context(r, stale)) {
            first.connection();
            int owner = imports.startAttempt(r.id());
            CompletableFuture<Void> claimed;
            try (ImportTransaction second = context(r, owner)) {
                claimed = CompletableFuture.runAsync(() -> {
                    try {
                        second.connection();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(600);
                assertThat(claimed).as("the earlier attempt still holds the import").isNotDone();
                assertThat(imports.complete(first.serviceConnection(), r.id(), stale, null, null, 0, Map.of(),
                        SourceVersion.UNKNOWN, Progress.NONE)).isFalse();
                first.close();
                claimed.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(imports.find(r.id()).orElseThrow().state()).isEqualTo(ImportState.IMPORTING);
    }

    @Test
    void theAttemptThatTookOverFailsTheImportIfTheEarlierOneHoldsItPastTheTakeoverWait() throws Exception {
        ImportRecord r = record(ImportState.IMPORTING);
        int stale = imports.startAttempt(r.id());
        try (ImportTransaction first = context(r, stale)) {
            first.connection();
            int owner = imports.startAttempt(r.id());
            try (ImportTransaction second = context(r, owner, Duration.ofMillis(500))) {
                assertThatThrownBy(second::connection).isInstanceOf(ImportException.class)
                        .hasMessageContaining("still held it");
            }
        }
    }

    @Test
    void aFinishedImportIsNotRunAgain() throws Exception {
        ImportRecord r = record(ImportState.IMPORTING);
        try (Connection c = TestDatabases.postgres();
             PreparedStatement ps = c.prepareStatement("UPDATE geoingest.imports SET state = 'complete' WHERE id = ?")) {
            ps.setObject(1, r.id());
            ps.executeUpdate();
        }
        try (ImportTransaction again = context(r)) {
            assertThatThrownBy(again::connection).isInstanceOf(ImportSuperseded.class);
        }
    }
}
