package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.geoingest.testing.PackagedService;
import io.geoingest.testing.TcpForwarder;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service, with the default cluster settings, share one clustered
 * Quartz store. Replica A takes an import and is killed (SIGKILL) in the middle of its download;
 * replica B, started afterwards, must recover the job and complete it, leaving exactly one table
 * and no staging tables. With both running, the one loading an import is killed mid-load: the
 * other resumes it within {@link #RESUMED_WITHIN} while a reader polling the table's name never
 * sees a half-loaded table. A sync runs once per period, and goes on on B once A is killed. And a
 * replica cut off from the database while another takes its import over does not undo that
 * replica's work when it gets through again.
 */
class ReplicaFailoverIT {
    private static final String KEY = "failover-secret-key";
    /** Syncs below 900 s are allowed here only (geoingest.syncs.min-interval), so that periods pass in a test. */
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(4);
    /**
     * A dead replica is noticed 10.5-13.5 s after its last check-in with the defaults (3 s
     * interval, Quartz's 7.5 s grace; docs/operations.md#failover); slack for a loaded machine.
     */
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(20);
    private static final int LOADED_ROWS = 300_000;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> replicas = new ArrayList<>();
    private final Map<Process, Path> logs = new HashMap<>();
    private final Map<Integer, Process> byPort = new HashMap<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        replicas.forEach(Process::destroyForcibly);
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void importOfAKilledReplicaIsRecoveredByAnother() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch firstDownloadStarted = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] head = "name,lat,lon\n".getBytes(StandardCharsets.UTF_8);
            byte[] rows = "A,40.1,-3.5\nB,41.2,2.1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, head.length + rows.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                out.flush();
                if (requests.incrementAndGet() == 1) {
                    firstDownloadStarted.countDown();
                    sleepQuietly(Duration.ofMinutes(2)); // until replica A is killed
                }
                out.write(rows);
            } catch (IOException peerGone) {
                // replica A died mid-download, as intended
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();

        int portA = freePort();
        Process a = startReplica(portA, "a");
        awaitUp(portA);
        String table = "failover_" + UUID.randomUUID().toString().substring(0, 8);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + table + ".csv";
        JsonNode queued = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA
                + "/api/v1/imports?api_key=" + KEY + "&url=" + url)).POST(HttpRequest.BodyPublishers.noBody()));
        String id = queued.get("item_queue_id").asText();

        assertThat(firstDownloadStarted.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        a.destroyForcibly().waitFor();

        int portB = freePort();
        startReplica(portB, "b");
        awaitUp(portB);
        JsonNode done = awaitFinal(portB, id, Duration.ofSeconds(120));

        assertThat(done.get("state").asText()).as("import %s", done).isEqualTo("complete");
        assertThat(done.get("table_name").asText()).isEqualTo(table);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM failover." + table)).isEqualTo(2);
        assertThat(count("SELECT attempts FROM geoingest.imports WHERE id = '" + id + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'failover'"
                + " AND tablename LIKE 'gi_stage_%'")).isZero();
    }

    /**
     * Issue 16, as the probe saw it: replica A reaches PostgreSQL through a proxy that drops
     * every connection in the middle of A's load, for longer than the cluster takes to declare A
     * dead; B takes the import over (attempt 2) and is held in its download while A gets through
     * again, fails, and cleans up. The import completes once, under attempt 2, with a consistent
     * record, and no client polling it ever sees a final state that later changes.
     */
    @Test
    void aReplicaCutOffFromTheDatabaseDoesNotUndoTheImportAnotherTookOver() throws Exception {
        int rows = 1_000_000;
        byte[] csv = csvOf(rows);
        CountDownLatch bUp = new CountDownLatch(1);
        CountDownLatch staleAttemptDone = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            // A's download waits for B to be up; B's, the new owner's, for A to be through again.
            CountDownLatch hold = requests.incrementAndGet() == 1 ? bUp : staleAttemptDone;
            exchange.sendResponseHeaders(200, csv.length);
            try (OutputStream out = exchange.getResponseBody()) {
                awaitQuietly(hold);
                out.write(csv);
            } catch (IOException peerGone) {
                // not expected: the assertions below say what went wrong
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        URI pg = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        try (TcpForwarder proxy = new TcpForwarder(pg.getHost(), pg.getPort())) {
            int portA = freePort();
            startReplica(portA, "cut-a", "jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getRawPath());
            awaitUp(portA);
            String table = "cutoff_" + UUID.randomUUID().toString().substring(0, 8);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + table + ".csv";
            String id = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA
                    + "/api/v1/imports?api_key=" + KEY + "&url=" + url)).POST(HttpRequest.BodyPublishers.noBody()))
                    .get("item_queue_id").asText();
            int portB = freePort();
            startReplica(portB, "cut-b");
            awaitUp(portB);
            awaitSchedulers(2);
            bUp.countDown();

            RecordPoller poller = new RecordPoller(portB, id);
            poller.start();
            awaitRecord(id, "progress_rows > 0", Duration.ofSeconds(180));
            proxy.cut();
            // Past the cluster's check-in (A declared dead 10.5-13.5 s after its last one): B takes over.
            awaitRecord(id, "attempts = 2", Duration.ofSeconds(120));
            proxy.restore();
            Path staleFiles = Path.of("target", "failover-work", id, "attempt-1");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (java.nio.file.Files.exists(staleFiles) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(staleFiles).as("attempt 1 cleaned up once through again").doesNotExist();
            Thread.sleep(1000); // whatever A still does after its clean-up, while B is held
            staleAttemptDone.countDown();

            JsonNode done = awaitFinal(portB, id, Duration.ofSeconds(240));
            Thread.sleep(1000);
            List<String> seen = poller.finish();

            assertThat(done.get("state").asText()).as("import %s", done).isEqualTo("complete");
            assertThat(done.get("success").asBoolean()).isTrue();
            assertThat(done.get("error_code").isNull()).as("error_code of %s", done).isTrue();
            assertThat(done.get("table_name").asText()).isEqualTo(table);
            assertThat(seen).as("states seen by a client").contains("complete").doesNotContain("failure");
            assertThat(seen.subList(seen.indexOf("complete"), seen.size())).containsOnly("complete");
            assertThat(requests.get()).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM failover." + table)).isEqualTo(rows);
            assertThat(count("SELECT attempts FROM geoingest.imports WHERE id = '" + id + "'")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'failover'"
                    + " AND tablename LIKE 'gi_stage_%'")).isZero();
            assertThat(Path.of("target", "failover-work", id)).doesNotExist();
            assertThat(java.nio.file.Files.readString(Path.of("target", "replica-cut-a.log")))
                    .as("A, through again, recorded nothing (its failure, or its next write, refused)")
                    .containsAnyOf("attempt 1 failed with", "attempt 1 of import " + id + " no longer owns it");
        }
    }

    /** A client polling an import's record through a replica's API: the states it saw, in order. */
    private final class RecordPoller extends Thread {
        private final int port;
        private final String id;
        private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        RecordPoller(int port, String id) {
            this.port = port;
            this.id = id;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    seen.add(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/"
                            + id + "?api_key=" + KEY))).get("state").asText());
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    seen.add("unreadable: " + e);
                }
            }
        }

        List<String> finish() throws InterruptedException {
            running = false;
            join();
            return List.copyOf(seen);
        }
    }

    /** Waits until the import's record matches {@code condition} (SQL), read straight from PostgreSQL. */
    private static void awaitRecord(String id, String condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                if (count(s, "SELECT count(*) FROM geoingest.imports WHERE id = '" + id + "' AND " + condition) == 1) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " never had " + condition + "; see target/replica-*.log");
    }

    private static byte[] csvOf(int rows) {
        StringBuilder csv = new StringBuilder("name,lat,lon\n");
        for (int i = 0; i < rows; i++) {
            csv.append('r').append(i).append(",40.1,-3.5\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anImportKilledMidLoadResumesOnTheOtherReplicaAndNoReaderSeesAHalfTable() throws Exception {
        List<Instant> downloads = new CopyOnWriteArrayList<>();
        byte[] csv = csvOf(LOADED_ROWS);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            downloads.add(Instant.now());
            exchange.sendResponseHeaders(200, csv.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(csv);
            } catch (IOException peerGone) {
                // its replica was killed
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        Map<String, Process> byInstance = new HashMap<>();
        int portA = freePort();
        int portB = freePort();
        byInstance.put(startAndAwaitScheduler(portA, "load-a", byInstance.keySet()), replicas.get(replicas.size() - 1));
        byInstance.put(startAndAwaitScheduler(portB, "load-b", byInstance.keySet()), replicas.get(replicas.size() - 1));

        String table = "loaded_" + UUID.randomUUID().toString().substring(0, 8);
        try (TableReader reader = new TableReader("failover." + table)) {
            String id = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/api/v1/imports?api_key="
                    + KEY + "&url=http://127.0.0.1:" + server.getAddress().getPort() + "/" + table + ".csv"))
                    .POST(HttpRequest.BodyPublishers.noBody())).get("item_queue_id").asText();
            String staging = "gi_stage_" + id.replace("-", "").substring(0, 16) + "_%";
            awaitCount("SELECT count(*) FROM pg_tables WHERE schemaname = 'failover' AND tablename LIKE '" + staging + "'",
                    1, Duration.ofSeconds(120), "the first attempt's staging table");
            String runner = text("SELECT instance_name FROM geoingest.qrtz_fired_triggers WHERE job_group = 'imports'"
                    + " AND job_name = '" + id + "'");
            Process loading = byInstance.remove(runner);
            assertThat(loading).as("the replica running %s (%s) among %s", id, runner, byInstance.keySet()).isNotNull();
            loading.destroyForcibly().waitFor();
            Instant killed = Instant.now();
            int survivorPort = loading == replicas.get(0) ? portB : portA;

            JsonNode done = awaitFinal(survivorPort, id, Duration.ofSeconds(180));
            assertThat(downloads).as("downloads of %s", id).hasSize(2);
            Duration resumed = Duration.between(killed, downloads.get(1));
            System.out.println("import killed mid-load resumed " + resumed.toMillis() + " ms after the kill");
            assertThat(resumed).as("from the kill to the resumed download").isLessThan(RESUMED_WITHIN);
            assertThat(done.get("state").asText()).as("import %s", done).isEqualTo("complete");
            assertThat(done.get("table_name").asText()).isEqualTo(table);
            awaitCount("SELECT count(*) FROM pg_tables WHERE schemaname = 'failover' AND tablename LIKE '" + staging + "'",
                    0, Duration.ofSeconds(30), "staging tables of " + id + " after the sweep");
            assertThat(count("SELECT count(*) FROM failover." + table)).isEqualTo(LOADED_ROWS);
            assertThat(count("SELECT attempts FROM geoingest.imports WHERE id = '" + id + "'")).isEqualTo(2);
            reader.awaitSeen(LOADED_ROWS);
            assertThat(reader.counts()).as("row counts a reader saw under the table's name").containsOnly((long) LOADED_ROWS);
        }
    }

    @Test
    void aSyncRunsOncePerPeriodAcrossReplicasAndOutlivesAKilledOne() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "name,lat,lon\nA,40.1,-3.5\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"same\"");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int portA = freePort();
        int portB = freePort();
        Process a = startReplica(portA, "sync-a");
        startReplica(portB, "sync-b");
        awaitUp(portA);
        awaitUp(portB);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sync_" + UUID.randomUUID()
                .toString().substring(0, 8) + ".csv";
        JsonNode sync = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA
                + "/api/v1/synchronizations?api_key=" + KEY + "&interval=" + SYNC_INTERVAL.toSeconds() + "&url=" + url))
                .POST(HttpRequest.BodyPublishers.noBody()));
        String id = sync.get("id").asText();
        awaitSchedulers(2);

        Thread.sleep(SYNC_INTERVAL.multipliedBy(5).toMillis());
        List<Instant> both = runs(id);
        assertThat(both).as("runs with two replicas").hasSizeBetween(2, 7);
        assertOncePerPeriod(both);

        Instant killed = Instant.now();
        a.destroyForcibly().waitFor();
        Thread.sleep(SYNC_INTERVAL.multipliedBy(5).toMillis());
        List<Instant> after = runs(id).stream().filter(t -> t.isAfter(killed)).toList();
        assertThat(after).as("runs after replica A was killed").hasSizeBetween(2, 6);
        // B's first run comes within a period, or once B notices A is dead when A held it.
        assertThat(Duration.between(killed, after.get(0))).isLessThan(SYNC_INTERVAL.plus(RESUMED_WITHIN));
        assertOncePerPeriod(runs(id));
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM geoingest.imports WHERE synchronization_id = '" + id + "'"
                    + " AND state = 'failure'")).isZero();
        }
    }

    /** Starts a replica and returns its Quartz instance id, once it checks in (the API answers before). */
    private String startAndAwaitScheduler(int port, String name, Set<String> known) throws Exception {
        startReplica(port, name);
        awaitUp(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT instance_name FROM geoingest.qrtz_scheduler_state"
                         + " WHERE sched_name = 'geoingest' AND last_checkin_time > (extract(epoch FROM now()) * 1000)::bigint - 5000")) {
                while (rs.next()) {
                    if (!known.contains(rs.getString(1))) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + "'s scheduler did not check in; see target/replica-" + name + ".log");
    }

    private static void awaitCount(String sql, long expected, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long seen;
        do {
            seen = count(sql);
            if (seen == expected) {
                return;
            }
            Thread.sleep(20);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(what + ": " + seen + ", expected " + expected);
    }

    private static String text(String sql) throws Exception {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    /** Waits until {@code n} replicas' schedulers check in to the cluster (the API answers before they start). */
    private static void awaitSchedulers(int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                if (count(s, "SELECT count(*) FROM geoingest.qrtz_scheduler_state WHERE sched_name = 'geoingest'"
                        + " AND last_checkin_time > (extract(epoch FROM now()) * 1000)::bigint - 5000") >= n) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(n + " schedulers did not check in; see target/replica-*.log");
    }

    /** The start of each run of the sync, in order. */
    private static List<Instant> runs(String syncId) throws Exception {
        List<Instant> out = new ArrayList<>();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT created_at FROM geoingest.imports WHERE synchronization_id = '"
                     + syncId + "' ORDER BY created_at")) {
            while (rs.next()) {
                out.add(rs.getTimestamp(1).toInstant());
            }
        }
        return out;
    }

    /** No two runs within one interval of each other: no replica ran a period's run twice. */
    private static void assertOncePerPeriod(List<Instant> runs) {
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i))).as("gap before run %d of %s", i, runs)
                    .isGreaterThanOrEqualTo(SYNC_INTERVAL.minusMillis(500));
        }
    }

    private Process startReplica(int port, String name) throws IOException {
        return startReplica(port, name, TestDatabases.PG_URL);
    }

    private Process startReplica(int port, String name, String pgUrl) throws IOException {
        Path log = Path.of("target", "replica-" + name + ".log");
        Process p = PackagedService.start(port, pgUrl, log, List.of(
                // Staging tables a killed attempt left go at the next sweep, within the test.
                "--geoingest.imports.orphan-sweep=2s",
                "--geoingest.imports.work-dir=" + Path.of("target", "failover-work").toAbsolutePath(),
                "--geoingest.secret-key=failover-secret-key-0123456789abcdefghij",
                "--geoingest.syncs.min-interval=" + SYNC_INTERVAL.toSeconds() + "s",
                "--geoingest.accounts[0].username=failover",
                "--geoingest.accounts[0].api-key=" + KEY));
        replicas.add(p);
        logs.put(p, log);
        byPort.put(port, p);
        return p;
    }

    private void awaitUp(int port) throws InterruptedException {
        Process p = byPort.get(port);
        PackagedService.awaitUp(client, port, KEY, p, logs.get(p), Duration.ofSeconds(90));
    }

    private JsonNode awaitFinal(int port, String id, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode r = null;
        while (Instant.now().isBefore(deadline)) {
            r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/" + id
                    + "?api_key=" + KEY)));
            if (r.get("state").asText().equals("complete") || r.get("state").asText().equals("failure")) {
                return r;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("import not finished: " + r);
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        return json.readTree(client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A count, in the failover account's database when the query names its tables, else in the service's. */
    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabases.forStatement(sql); Statement s = c.createStatement()) {
            return count(s, sql);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        return PackagedService.freePort();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
