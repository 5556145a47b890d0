package io.geoingest.accounts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.api.ApiTestSupport;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one account's own SQL could do to the others or to the service, and why it cannot. */
class AccountIsolationTest extends ApiTestSupport {
    @TempDir
    Path dir;

    @Test
    void advisoryLocksAnAccountHoldsDoNotStallAnotherAccountsImport() throws Exception {
        try (Connection alice = TestDatabases.postgres(); Statement s = alice.createStatement()) {
            s.execute("SET ROLE geoingest_alice");
            // The keys the service once used for bob's names, syncs and start-up.
            s.execute("SELECT pg_advisory_lock(hashtext('geoingest.names.bob')),"
                    + " pg_advisory_lock(hashtext('geoingest.syncs.bob')), pg_advisory_lock(7450489263225742707)");
            Path csv = Files.writeString(dir.resolve(unique("bob_locked") + ".csv"), "name,lat,lon\na,1,2\n");
            assertComplete(importFile(BOB_KEY, csv, null));
            // The service's own locks are rows an account cannot even read.
            assertThatThrownBy(() -> s.execute("SELECT * FROM geoingest.locks FOR UPDATE"))
                    .hasMessageContaining("permission denied");
        }
    }
}
