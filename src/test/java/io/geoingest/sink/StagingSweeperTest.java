package io.geoingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.api.ApiTestSupport;
import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staging tables a dead replica left: dropped once their import has ended, or a later attempt
 * took it over; never those of the attempt that runs it.
 */
class StagingSweeperTest extends ApiTestSupport {
    @Autowired
    StagingSweeper sweeper;

    @Test
    void dropsTheStagingTablesOfEndedOrUnknownImportsOnly() throws Exception {
        String ended = stagingOf(importIn("failure"), 1);
        String done = stagingOf(importIn("complete"), 1);
        UUID runningImport = importIn("importing");
        String running = stagingOf(runningImport, 2);
        String takenOver = stagingOf(runningImport, 1);
        String unknown = stagingOf(UUID.randomUUID(), 1);
        String lookalike = "gi_stage_" + UUID.randomUUID().toString().substring(0, 8);
        for (String t : new String[] {ended, done, running, takenOver, unknown, lookalike}) {
            asAlice("CREATE TABLE alice." + t + " (cartodb_id bigint)");
        }

        sweeper.sweep();

        assertThat(exists(ended)).isFalse();
        assertThat(exists(done)).isFalse();
        assertThat(exists(unknown)).isFalse();
        assertThat(exists(takenOver)).as("the table of an attempt a later one took over").isFalse();
        assertThat(exists(running)).as("the attempt running the import keeps its staging table").isTrue();
        assertThat(exists(lookalike)).as("the account's own table of a similar name").isTrue();
        asAlice("DROP TABLE alice." + running + ", alice." + lookalike);
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("UPDATE geoingest.imports SET state = 'failure' WHERE id = '" + runningImport + "'");
        }
    }

    private static UUID importIn(String state) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO geoingest.imports (id, username, state, data_type, source, options)"
                    + " VALUES ('" + id + "', 'alice', '" + state + "', 'url', '{}', '{}')");
            // The import runs its second attempt: the first was taken over.
            s.execute("UPDATE geoingest.imports SET attempts = 2 WHERE id = '" + id + "'");
        }
        return id;
    }

    private static String stagingOf(UUID id, int attempt) {
        return "gi_stage_" + id.toString().replace("-", "").substring(0, 16) + "_" + attempt + "_1";
    }

    private static void asAlice(String sql) throws SQLException {
        try (Connection c = TestDatabases.account("alice"); Statement s = c.createStatement()) {
            s.execute("SET ROLE geoingest_alice");
            s.execute(sql);
        }
    }

    private static boolean exists(String table) throws SQLException {
        return (Long) scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename = '"
                + table + "'") == 1L;
    }
}
