package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.Progress;
import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A table is published in the account's database and recorded in the service's: two commits. A
 * replica that dies between them leaves the tables and their note, and the import's record
 * unfinished. The attempt that takes the import over records those tables, and imports nothing
 * again.
 */
class PublishedEarlierTest extends ApiTestSupport {
    @Autowired
    ImportRepository imports;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ObjectMapper mapper;

    @Test
    void theAttemptThatTakesOverRecordsWhatTheEarlierOnePublished() throws Exception {
        String table = unique("published");
        // The URL leads nowhere: reading it again would fail the import.
        ImportRecord r = new ImportRecord(UUID.randomUUID(), "alice", ImportState.PENDING, DataType.URL,
                mapper.createObjectNode().put("kind", "url").put("url", "http://127.0.0.1:9/" + table + ".csv"), ImportOptions.defaults(),
                "PRIVATE", false, table + ".csv", null, null, 0, null, null, Map.of(), 0, null, OffsetDateTime.now(),
                OffsetDateTime.now(), Progress.NONE);
        imports.insert(r);
        int first = imports.startAttempt(r.id());
        assertThat(imports.setState(r.id(), first, ImportState.IMPORTING)).isTrue();
        // What attempt 1's account transaction committed before its replica died.
        try (Connection c = TestDatabases.account("alice"); Statement s = c.createStatement();
             PreparedStatement note = c.prepareStatement(
                     "INSERT INTO public.geoingest_publications (import_id, tables) VALUES (?, ARRAY[?])")) {
            s.execute("SET ROLE geoingest_alice");
            s.execute("CREATE TABLE alice." + table + " AS SELECT 1 AS cartodb_id, 'kept' AS name");
            s.execute("RESET ROLE");
            note.setObject(1, r.id());
            note.setString(2, table);
            note.executeUpdate();
        }

        int second = imports.startAttempt(r.id());
        producer.sendBodyAndHeaders("direct:import", null,
                Map.of(ImportRunner.IMPORT_ID_HEADER, r.id(), ImportRunner.ATTEMPT_HEADER, second));

        ImportRecord done = imports.find(r.id()).orElseThrow();
        assertThat(done.state()).as("error %s", done.errorCode()).isEqualTo(ImportState.COMPLETE);
        assertThat(done.tableName()).isEqualTo(table);
        assertThat(done.tablesCreatedCount()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM geoingest.datasets WHERE username = 'alice' AND table_name = '"
                + table + "'")).isEqualTo(1L);
        assertThat(scalar("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'alice'"
                + " AND tablename LIKE '" + table + "%'")).isEqualTo(table);
        assertThat(scalar("SELECT name FROM alice." + table)).isEqualTo("kept");
    }
}
