package io.geoingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The Synchronizations API over HTTP against the real database: each sync's runs go through
 * Quartz and the import route, and replace the table atomically.
 */
class SyncApiTest extends ApiTestSupport {
    private static final String MYSQL_TABLE = "sync_api_places";
    /** Every field of a sync record that seed 004 lists. */
    private static final List<String> FIELDS = List.of("id", "name", "interval", "url", "state", "user_id",
            "created_at", "updated_at", "run_at", "ran_at", "modified_at", "etag", "checksum", "log_id", "error_code",
            "error_message", "retried_times", "service_name", "service_item_id", "type_guessing",
            "quoted_fields_guessing", "content_guessing", "visualization_id", "from_external_source");

    private static FakeSource source;

    @BeforeAll
    static void start() throws Exception {
        source = new FakeSource();
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
            s.execute("CREATE TABLE " + MYSQL_TABLE + " (id INT PRIMARY KEY, name VARCHAR(50), lon DOUBLE, lat DOUBLE)");
            s.execute("INSERT INTO " + MYSQL_TABLE + " VALUES (1, 'Bern', 7.44, 46.95), (2, 'Lyon', 4.83, 45.76)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        source.close();
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
        }
    }

    @Test
    void aUrlSyncStartsWithAnOrdinaryImportAndShowsEveryField() throws Exception {
        String file = unique("sync_first") + ".csv";
        source.serve(file, csv(3), "\"v1\"");
        JsonNode created = createSync(Map.of("url", source.url(file), "interval", "3600"));
        for (String field : FIELDS) {
            assertThat(created.has(field)).as("field %s in %s", field, created).isTrue();
        }
        assertThat(created.get("data_import").get("endpoint").asText()).isEqualTo("/api/v1/imports");
        assertThat(created.get("state").asText()).isEqualTo("created");
        assertThat(created.get("interval").asInt()).isEqualTo(3600);
        assertThat(created.get("url").asText()).isEqualTo(source.url(file));
        assertThat(created.get("service_name").isNull()).isTrue();
        assertThat(created.get("service_item_id").asText()).isEqualTo(source.url(file));

        String importId = created.get("data_import").get("item_queue_id").asText();
        JsonNode run = assertComplete(awaitFinal(ALICE_KEY, importId));
        assertThat(run.get("synchronization_id").asText()).isEqualTo(created.get("id").asText());

        JsonNode synced = awaitSync(created.get("id").asText(), s -> s.get("state").asText().equals("success"));
        String table = synced.get("name").asText();
        assertThat(table).isEqualTo(run.get("table_name").asText());
        assertThat(synced.get("log_id").asText()).isEqualTo(importId);
        assertThat(synced.get("retried_times").asInt()).isZero();
        assertThat(synced.get("etag").asText()).isEqualTo("\"v1\"");
        assertThat(synced.get("checksum").asText()).hasSize(64);
        assertThat(synced.get("visualization_id").isNull()).isFalse();
        assertThat(Duration.between(time(synced, "ran_at"), time(synced, "run_at"))).isEqualTo(Duration.ofHours(1));
        assertThat(count(table)).isEqualTo(3);

        JsonNode list = get("/api/v1/synchronizations?api_key=" + ALICE_KEY).getBody();
        assertThat(list.get("total_entries").asInt()).isEqualTo(list.get("synchronizations").size());
        assertThat(list.get("synchronizations").findValuesAsText("id")).contains(created.get("id").asText());
        assertThat(get("/user/alice/api/v1/synchronizations/" + created.get("id").asText() + "?api_key=" + ALICE_KEY)
                .getBody().get("name").asText()).isEqualTo(table);
    }

    @Test
    void laterRunsSkipAnUnchangedSourceAndReplaceAChangedOne() throws Exception {
        String file = unique("sync_etag") + ".csv";
        source.serve(file, csv(3), "\"e1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String id = first.get("id").asText();
        String table = first.get("name").asText();

        // The SDK's force_sync(): an empty PUT. The server answers 304 to If-None-Match.
        ResponseEntity<JsonNode> forced = put("/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY, null);
        assertThat(forced.getStatusCode().value()).isEqualTo(200);
        assertThat(forced.getBody().get("enqueued").asBoolean()).isTrue();
        JsonNode unchanged = awaitNextRun(id, first);
        assertThat(unchanged.get("state").asText()).isEqualTo("success");
        assertThat(source.ifNoneMatch(file)).last().isEqualTo("\"e1\"");
        // (Times are shown to the second, as CARTO's; the run's own import tells it is a new run.)
        assertThat(time(unchanged, "ran_at")).isAfterOrEqualTo(time(first, "ran_at"));
        assertThat(get("/api/v1/imports/" + unchanged.get("log_id").asText() + "?api_key=" + ALICE_KEY).getBody()
                .get("warnings").get("source_unchanged").asBoolean()).isTrue();
        assertThat(count(table)).isEqualTo(3);

        source.serve(file, csv(5), "\"e2\"");
        JsonNode changed = syncNowAndWait(id, unchanged);
        assertThat(changed.get("state").asText()).isEqualTo("success");
        assertThat(changed.get("etag").asText()).isEqualTo("\"e2\"");
        assertThat(changed.get("name").asText()).isEqualTo(table);
        assertThat(count(table)).isEqualTo(5);
        assertThat(scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'alice' AND tablename = '" + table + "'"))
                .isEqualTo(3L);

        // No ETag any more, same bytes: the checksum tells it is unchanged.
        source.serve(file, csv(5), null);
        JsonNode same = syncNowAndWait(id, changed);
        assertThat(same.get("state").asText()).isEqualTo("success");
        assertThat(get("/api/v1/imports/" + same.get("log_id").asText() + "?api_key=" + ALICE_KEY).getBody()
                .get("warnings").get("source_unchanged").asBoolean()).isTrue();
        assertThat(same.get("checksum").asText()).isEqualTo(changed.get("checksum").asText());
    }

    @Test
    void aFailingSourceKeepsTheOldTableAndIsRetriedWithBackoff() throws Exception {
        String file = unique("sync_fail") + ".csv";
        source.serve(file, csv(4), "\"f1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String id = first.get("id").asText();

        source.fail(file, 500);
        JsonNode failed = syncNowAndWait(id, first);
        assertThat(failed.get("state").asText()).isEqualTo("failure");
        assertThat(failed.get("retried_times").asInt()).isEqualTo(1);
        assertThat(failed.get("error_code").asInt()).isEqualTo(1001);
        assertThat(failed.get("error_message").asText()).contains("500");
        // retry-min-delay is 2 s in the tests: the retry comes between 2 s and 2.5 s later.
        assertThat(Duration.between(time(failed, "ran_at"), time(failed, "run_at")).toMillis()).isBetween(1000L, 3000L);
        assertThat(count(first.get("name").asText())).isEqualTo(4);

        source.serve(file, csv(6), "\"f2\"");
        JsonNode retried = awaitSync(id, s -> s.get("state").asText().equals("success"));
        assertThat(retried.get("retried_times").asInt()).isZero();
        assertThat(retried.get("error_code").isNull()).isTrue();
        assertThat(count(first.get("name").asText())).isEqualTo(6);
    }

    @Test
    void readersSeeTheOldRowsOrTheNewNeverAnEmptyOrPartialTable() throws Exception {
        String file = unique("sync_swap") + ".csv";
        source.serve(file, csv(20_000), "\"s1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String table = first.get("name").asText();
        try (Connection c = TestDatabases.account("alice"); Statement s = c.createStatement()) {
            s.execute("SET ROLE geoingest_alice");
            s.execute("CREATE VIEW alice." + table + "_big AS SELECT cartodb_id, name FROM alice." + table
                    + " WHERE amount > 10");
            s.execute("COMMENT ON VIEW alice." + table + "_big IS 'the big ones'");
            s.execute("CREATE MATERIALIZED VIEW alice." + table + "_total AS SELECT sum(amount) AS total FROM alice."
                    + table);
        }
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicReference<Exception> readerError = new AtomicReference<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            try (Connection c = TestDatabases.account("alice"); Statement s = c.createStatement()) {
                while (reading.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM alice." + table)) {
                        rs.next();
                        seen.add(rs.getLong(1));
                    }
                }
            } catch (Exception e) {
                readerError.set(e);
            }
        });
        reader.start();
        source.serve(file, csv(30_000), "\"s2\"");
        JsonNode second = syncNowAndWait(first.get("id").asText(), first);
        Thread.sleep(200);
        reading.set(false);
        reader.join();
        assertThat(second.get("state").asText()).as("sync %s", second).isEqualTo("success");
        assertThat(readerError.get()).isNull();
        assertThat(seen).contains(20_000L, 30_000L).allMatch(n -> n == 20_000L || n == 30_000L);
        // The view was recreated on the new table in the same transaction.
        assertThat(scalar("SELECT count(*) FROM alice." + table + "_big")).isEqualTo(
                scalar("SELECT count(*) FROM alice." + table + " WHERE amount > 10"));
        assertThat((Long) scalar("SELECT count(*) FROM alice." + table + "_big")).isGreaterThan(20_000L);
        assertThat(scalar("SELECT obj_description('alice." + table + "_big'::regclass, 'pg_class')"))
                .isEqualTo("the big ones");
        // A materialized view comes back empty: filling it would run the account's SQL in the service's session.
        assertThat(scalar("SELECT relispopulated FROM pg_class WHERE oid = 'alice." + table + "_total'::regclass"))
                .isEqualTo(false);
    }

    @Test
    void aViewTheNewDataCannotSatisfyFailsTheRunAndKeepsEverything() throws Exception {
        String file = unique("sync_view") + ".csv";
        source.serve(file, csv(3), "\"w1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String table = first.get("name").asText();
        try (Connection c = TestDatabases.account("alice"); Statement s = c.createStatement()) {
            s.execute("SET ROLE geoingest_alice");
            s.execute("CREATE VIEW alice." + table + "_amounts AS SELECT amount FROM alice." + table);
        }
        source.serve(file, "name,lon,lat\nonly,1,2\n", "\"w2\"");
        JsonNode failed = syncNowAndWait(first.get("id").asText(), first);
        assertThat(failed.get("state").asText()).isEqualTo("failure");
        assertThat(failed.get("error_code").asInt()).isEqualTo(2012);
        assertThat(failed.get("error_message").asText()).contains(table + "_amounts");
        assertThat(count(table)).isEqualTo(3);
        assertThat(scalar("SELECT count(*) FROM alice." + table + "_amounts")).isEqualTo(3L);
    }

    @Test
    void aForeignKeyOnTheTableFailsTheRunRatherThanBeingDropped() throws Exception {
        String file = unique("sync_fk") + ".csv";
        source.serve(file, csv(3), "\"k1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String table = first.get("name").asText();
        try (Connection c = TestDatabases.account("alice"); Statement s = c.createStatement()) {
            s.execute("SET ROLE geoingest_alice");
            s.execute("CREATE TABLE alice." + table + "_refs (id bigint REFERENCES alice." + table + " (cartodb_id))");
        }
        source.serve(file, csv(4), "\"k2\"");
        JsonNode failed = syncNowAndWait(first.get("id").asText(), first);
        assertThat(failed.get("state").asText()).isEqualTo("failure");
        assertThat(failed.get("error_code").asInt()).isEqualTo(2012);
        assertThat(failed.get("error_message").asText()).contains(table + "_refs");
        assertThat(count(table)).isEqualTo(3);
        assertThat(scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'alice." + table + "_refs'::regclass"
                + " AND contype = 'f'")).isEqualTo(1L);
    }

    @Test
    void aReaderHoldingTheTableMakesTheRefreshFailNotWaitForeverNorBeKilled() throws Exception {
        String file = unique("sync_lock") + ".csv";
        source.serve(file, csv(3), "\"l1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String table = first.get("name").asText();
        try (Connection reader = TestDatabases.account("alice"); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM alice." + table).close();
            source.serve(file, csv(7), "\"l2\"");
            // swap-lock-timeout is 3 s in the tests.
            JsonNode failed = syncNowAndWait(first.get("id").asText(), first);
            assertThat(failed.get("state").asText()).isEqualTo("failure");
            assertThat(failed.get("error_code").asInt()).isEqualTo(6667);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM alice." + table)) {
                rs.next();
                assertThat(rs.getLong(1)).as("the reader's session is alive and sees the old rows").isEqualTo(3);
            }
            reader.commit();
        }
        assertThat(count(table)).isEqualTo(3);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename LIKE 'gi_stage_%'"))
                .isEqualTo(0L);
        // The retry (2 s later in the tests) goes through once the reader is done.
        assertThat(awaitSync(first.get("id").asText(), r -> r.get("state").asText().equals("success")).get("name")
                .asText()).isEqualTo(table);
        assertThat(count(table)).isEqualTo(7);
    }

    @Test
    void aConnectorSyncRerunsItsTableAndNeverShowsOrStoresThePassword() throws Exception {
        String name = unique("sync_mysql");
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("server", TestDatabases.MYSQL_HOST);
        connection.put("port", TestDatabases.MYSQL_PORT);
        connection.put("database", TestDatabases.MYSQL_DATABASE);
        connection.put("username", TestDatabases.MYSQL_USER);
        connection.put("password", TestDatabases.MYSQL_PASSWORD);
        JsonNode created = createSync(Map.of("interval", 900, "connector", Map.of("provider", "mysql",
                "connection", connection, "table", MYSQL_TABLE, "import_as", name)));
        assertThat(created.get("service_name").asText()).isEqualTo("connector");
        // (The test database's password equals its user name, so look for the key, not the value.)
        assertThat(created.get("service_item_id").asText()).contains(MYSQL_TABLE).doesNotContain("password");
        String id = created.get("id").asText();
        JsonNode first = awaitSync(id, s -> s.get("state").asText().equals("success"));
        assertThat(first.get("name").asText()).isEqualTo(name);
        assertThat(count(name)).isEqualTo(2);

        String sealed = (String) scalar("SELECT source #>> '{connector,connection,password_sealed}'"
                + " FROM geoingest.synchronizations WHERE id = '" + id + "'");
        assertThat(sealed).startsWith("v1:").doesNotContain(TestDatabases.MYSQL_PASSWORD);
        assertThat(scalar("SELECT source #> '{connector,connection}' ? 'password' FROM geoingest.synchronizations"
                + " WHERE id = '" + id + "'")).isEqualTo(false);

        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + MYSQL_TABLE + " VALUES (3, 'Graz', 15.44, 47.07)");
        }
        JsonNode second = syncNowAndWait(id, first);
        assertThat(second.get("state").asText()).as("sync %s", second).isEqualTo("success");
        assertThat(count(name)).isEqualTo(3);
        assertThat(scalar("SELECT count(*) FROM geoingest.imports WHERE synchronization_id = '" + id + "'"
                + " AND (source::text LIKE '%password%')")).isEqualTo(0L);
    }

    /**
     * A connector source that suddenly returns no rows fails the run with 1015 (seed 004's "No
     * results") and keeps the table with its rows, as any failing run does.
     */
    @Test
    void aConnectorSourceEmptiedBetweenRunsFailsWith1015AndKeepsTheTable() throws Exception {
        String name = unique("sync_emptied");
        String table = "sync_api_emptied";
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(50), lon DOUBLE, lat DOUBLE)");
            s.execute("INSERT INTO " + table + " VALUES (1, 'Bern', 7.44, 46.95), (2, 'Lyon', 4.83, 45.76)");
        }
        try {
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("server", TestDatabases.MYSQL_HOST);
            connection.put("port", TestDatabases.MYSQL_PORT);
            connection.put("database", TestDatabases.MYSQL_DATABASE);
            connection.put("username", TestDatabases.MYSQL_USER);
            connection.put("password", TestDatabases.MYSQL_PASSWORD);
            JsonNode created = createSync(Map.of("interval", 900, "connector", Map.of("provider", "mysql",
                    "connection", connection, "table", table, "import_as", name)));
            String id = created.get("id").asText();
            JsonNode first = awaitSync(id, s -> s.get("state").asText().equals("success"));
            assertThat(count(name)).isEqualTo(2);

            try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM " + table);
            }
            JsonNode failed = syncNowAndWait(id, first);
            assertThat(failed.get("state").asText()).as("sync %s", failed).isEqualTo("failure");
            assertThat(failed.get("error_code").asInt()).isEqualTo(1015);
            assertThat(failed.get("error_message").asText()).contains("no rows");
            assertThat(count(name)).isEqualTo(2);
            assertThat(rows("SELECT name FROM alice." + name + " ORDER BY id"))
                    .containsExactly(Map.of("name", "Bern"), Map.of("name", "Lyon"));
        } finally {
            try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void intervalsUnderFifteenMinutesAreRefusedWithCartosMessage() throws Exception {
        ResponseEntity<JsonNode> tooShort = postJson("/api/v1/synchronizations?api_key=" + ALICE_KEY,
                Map.of("url", source.url("x.csv"), "interval", "899"));
        assertThat(tooShort.getStatusCode().value()).isEqualTo(400);
        assertThat(tooShort.getBody()).isEqualTo(json.createObjectNode()
                .put("errors", "Invalid interval: Sync interval must be at least 15 minutes"));
        assertThat(postJson("/api/v1/synchronizations/?api_key=" + ALICE_KEY,
                Map.of("url", source.url("x.csv"), "interval", "soon")).getStatusCode().value()).isEqualTo(400);
        assertThat(postJson("/api/v1/synchronizations?api_key=" + ALICE_KEY,
                Map.of("url", "file:///etc/passwd", "interval", 900)).getStatusCode().value()).isEqualTo(400);
        assertThat(postJson("/api/v1/synchronizations?api_key=" + ALICE_KEY, Map.of("interval", 900))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(scalar("SELECT count(*) FROM geoingest.synchronizations WHERE shown_url LIKE '%/x.csv'"))
                .isEqualTo(0L);
    }

    @Test
    void putChangesTheIntervalAndMovesTheNextRun() throws Exception {
        String file = unique("sync_put") + ".csv";
        source.serve(file, csv(2), "\"p1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String path = "/api/v1/synchronizations/" + first.get("id").asText() + "?api_key=" + ALICE_KEY;
        ResponseEntity<JsonNode> refused = put(path, Map.of("interval", 600));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        JsonNode updated = put(path, Map.of("interval", 7200, "type_guessing", false)).getBody();
        assertThat(updated.get("interval").asInt()).isEqualTo(7200);
        assertThat(updated.get("type_guessing").asBoolean()).isFalse();
        assertThat(Duration.between(OffsetDateTime.now(), time(updated, "run_at")).toSeconds()).isBetween(7100L, 7200L);
        assertThat(scalar("SELECT count(*) FROM geoingest.qrtz_triggers WHERE job_group = 'syncs'"
                + " AND job_name = '" + first.get("id").asText() + "'")).isEqualTo(1L);
    }

    @Test
    void syncNowReportsTheStateAndRefusesWhileARunIsGoing() throws Exception {
        String file = unique("sync_now") + ".csv";
        source.serve(file, csv(2), "\"n1\"");
        JsonNode created = createSync(Map.of("url", source.url(file)));
        String id = created.get("id").asText();
        JsonNode refused = put("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + ALICE_KEY, null).getBody();
        assertThat(refused.get("enqueued").asBoolean()).isFalse();
        assertThat(refused.get("synchronization_id").asText()).isEqualTo(id);
        JsonNode done = awaitSync(id, s -> s.get("state").asText().equals("success"));
        assertThat(get("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + ALICE_KEY).getBody())
                .isEqualTo(json.createObjectNode().put("state", "success"));
        JsonNode enqueued = put("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + ALICE_KEY, null).getBody();
        assertThat(enqueued.get("enqueued").asBoolean()).isTrue();
        assertThat(awaitNextRun(id, done).get("state").asText()).isEqualTo("success");
    }

    @Test
    void ofTwoSyncNowsAtOnceExactlyOneSaysItEnqueuedTheRun() throws Exception {
        String file = unique("sync_now_twice") + ".csv";
        source.serve(file, csv(2), "\"t1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String id = first.get("id").asText();
        String path = "/api/v1/synchronizations/" + id + "/sync_now?api_key=" + ALICE_KEY;
        for (int round = 0; round < 3; round++) {
            JsonNode before = get("/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY).getBody();
            CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> put(path, null).getBody());
            CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> put(path, null).getBody());
            long enqueued = Stream.of(a.get(), b.get()).filter(r -> r.get("enqueued").asBoolean()).count();
            assertThat(enqueued).as("round %d: answers that enqueued the run", round).isEqualTo(1);
            assertThat(put(path, null).getBody().get("enqueued").asBoolean()).as("a third, once it is due").isFalse();
            awaitNextRun(id, before);
        }
    }

    @Test
    void deletingStopsTheSyncAndKeepsTheTable() throws Exception {
        String file = unique("sync_del") + ".csv";
        source.serve(file, csv(2), "\"d1\"");
        JsonNode first = firstRun(Map.of("url", source.url(file)));
        String id = first.get("id").asText();
        ResponseEntity<JsonNode> deleted = http.exchange(url("/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY),
                HttpMethod.DELETE, null, JsonNode.class);
        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(get("/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY).getStatusCode().value())
                .isEqualTo(404);
        assertThat(count(first.get("name").asText())).isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM geoingest.qrtz_job_details WHERE job_group = 'syncs'"
                + " AND job_name = '" + id + "'")).isEqualTo(0L);
    }

    @Test
    void anotherAccountCannotSeeOrTouchASync() throws Exception {
        String file = unique("sync_priv") + ".csv";
        source.serve(file, csv(1), "\"b1\"");
        JsonNode created = createSync(Map.of("url", source.url(file)));
        String id = created.get("id").asText();
        assertThat(get("/api/v1/synchronizations/" + id + "?api_key=" + BOB_KEY).getStatusCode().value()).isEqualTo(404);
        assertThat(http.exchange(url("/api/v1/synchronizations/" + id + "?api_key=" + BOB_KEY), HttpMethod.DELETE,
                null, JsonNode.class).getStatusCode().value()).isEqualTo(404);
        assertThat(put("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + BOB_KEY, null).getStatusCode()
                .value()).isEqualTo(404);
        assertThat(get("/user/bob/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY).getStatusCode().value())
                .isEqualTo(401);
        assertThat(get("/api/v1/synchronizations/" + id).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/api/v1/synchronizations?api_key=" + BOB_KEY).getBody().get("synchronizations")
                .findValuesAsText("id")).doesNotContain(id);
        awaitSync(id, s -> s.get("state").asText().equals("success"));
    }

    @Test
    void anAccountAtItsLimitOfRunningSyncsWaits() throws Exception {
        String file = unique("sync_cap") + ".csv";
        source.serve(file, csv(1), "\"c1\"");
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            // Three syncs of bob's that look busy.
            for (int i = 0; i < 3; i++) {
                s.execute("INSERT INTO geoingest.synchronizations (id, username, data_type, source, options,"
                        + " interval_seconds, state) VALUES (gen_random_uuid(), 'bob', 'url', '{}', '{}', 900, 'syncing')");
            }
            JsonNode created = createSync(BOB_KEY, Map.of("url", source.url(file)));
            String id = created.get("id").asText();
            Thread.sleep(3000);
            assertThat(get("/api/v1/synchronizations/" + id + "?api_key=" + BOB_KEY).getBody().get("state").asText())
                    .isEqualTo("created");
            s.execute("DELETE FROM geoingest.synchronizations WHERE username = 'bob' AND state = 'syncing'"
                    + " AND source = '{}'");
            assertThat(awaitSync(BOB_KEY, id, r -> r.get("state").asText().equals("success")).get("name").isNull())
                    .isFalse();
        }
    }

    private static String csv(int rows) {
        StringBuilder out = new StringBuilder("name,amount,lon,lat\n");
        for (int i = 1; i <= rows; i++) {
            out.append("place ").append(i).append(',').append(i).append(',').append(i % 180).append(',')
                    .append(i % 80).append('\n');
        }
        return out.toString();
    }

    private JsonNode createSync(Map<String, Object> body) {
        return createSync(ALICE_KEY, body);
    }

    private JsonNode createSync(String key, Map<String, Object> body) {
        ResponseEntity<JsonNode> answer = postJson("/api/v1/synchronizations?api_key=" + key, body);
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    /** Creates the sync and waits for its first run to succeed. */
    private JsonNode firstRun(Map<String, Object> body) throws InterruptedException {
        JsonNode created = createSync(body);
        JsonNode done = awaitSync(created.get("id").asText(), s -> !s.get("state").asText().matches("created|queued"));
        assertThat(done.get("state").asText()).as("sync %s", done).isEqualTo("success");
        return done;
    }

    private JsonNode syncNowAndWait(String id, JsonNode before) throws InterruptedException {
        JsonNode answer = put("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + ALICE_KEY, null).getBody();
        assertThat(answer.get("enqueued").asBoolean()).as("sync_now %s", answer).isTrue();
        return awaitNextRun(id, before);
    }

    /** Waits for the run after {@code before} to end. */
    private JsonNode awaitNextRun(String id, JsonNode before) throws InterruptedException {
        String previous = before.get("log_id").asText();
        return awaitSync(id, s -> !s.get("log_id").asText().equals(previous)
                && s.get("state").asText().matches("success|failure"));
    }

    private JsonNode awaitSync(String id, Predicate<JsonNode> done) throws InterruptedException {
        return awaitSync(ALICE_KEY, id, done);
    }

    private JsonNode awaitSync(String key, String id, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode s = null;
        while (Instant.now().isBefore(deadline)) {
            s = get("/api/v1/synchronizations/" + id + "?api_key=" + key).getBody();
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sync " + id + " did not get there: " + s);
    }

    private ResponseEntity<JsonNode> put(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(url(path), HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static OffsetDateTime time(JsonNode sync, String field) {
        return OffsetDateTime.parse(sync.get(field).asText());
    }

    private static long count(String table) throws Exception {
        return (Long) scalar("SELECT count(*) FROM alice." + table);
    }
}
