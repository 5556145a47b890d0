package io.geoingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.sql.SqlApiTestSupport;
import io.geoingest.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.ResponseEntity;

/** Kubernetes' probes and Prometheus' scrape, on the management port, which needs no API key. */
class ActuatorTest extends SqlApiTestSupport {
    @LocalManagementPort
    int management;

    @TempDir
    Path dir;

    private ResponseEntity<String> actuator(String path) {
        return http.getForEntity("http://127.0.0.1:" + management + "/actuator/" + path, String.class);
    }

    private JsonNode health(String path) throws Exception {
        ResponseEntity<String> answer = actuator(path);
        assertThat(answer.getStatusCode().value()).as("%s: %s", path, answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private String scrape() {
        ResponseEntity<String> metrics = actuator("prometheus");
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        return metrics.getBody();
    }

    /** A sample's value, 0 when the series does not exist yet; labels as Prometheus sorts them. */
    private static double sample(String scrape, String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void probesAnswerUpWithoutAKey() throws Exception {
        for (String probe : new String[] {"health", "health/liveness", "health/readiness"}) {
            assertThat(health(probe).get("status").asText()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void livenessWatchesCamelAndReadinessAlsoTheDatabase() throws Exception {
        JsonNode liveness = health("health/liveness").get("components");
        assertThat(liveness.has("livenessState")).as("%s", liveness).isTrue();
        assertThat(liveness.has("camelLivenessState")).as("%s", liveness).isTrue();
        assertThat(liveness.has("db")).as("the database is not the process: %s", liveness).isFalse();
        JsonNode readiness = health("health/readiness").get("components");
        assertThat(readiness.has("readinessState")).as("%s", readiness).isTrue();
        assertThat(readiness.has("camelReadinessState")).as("%s", readiness).isTrue();
        assertThat(readiness.has("camelHealth")).as("Camel's route checks: %s", readiness).isTrue();
        assertThat(readiness.get("db").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusScrapesAndTheApiPortDoesNotExposeActuator() {
        String metrics = scrape();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).containsPattern("(?m)^geoingest_sync_lag_seconds ");
        assertThat(metrics).containsPattern("(?m)^geoingest_quartz_jobs_waiting ");
        assertThat(get("/actuator/health?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void importsAreCountedBySourceAndFormatWithTheirRowsAndTime() throws Exception {
        String file = "format=\"csv\",source=\"file\"";
        String before = scrape();
        Path good = dir.resolve(unique("metered") + ".csv");
        Files.writeString(good, "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\nRome,41.9,12.5\n");
        assertComplete(importFile(ALICE_KEY, good, null));
        Path empty = dir.resolve(unique("empty") + ".csv");
        Files.writeString(empty, "");
        assertFailure(importFile(ALICE_KEY, empty, null), 1005);
        String after = scrape();

        assertThat(delta(before, after, "geoingest_imports_started_total", file)).isEqualTo(2);
        assertThat(delta(before, after, "geoingest_imports_completed_total", file)).isEqualTo(1);
        assertThat(delta(before, after, "geoingest_imports_failed_total", "error_code=\"1005\"," + file)).isEqualTo(1);
        assertThat(delta(before, after, "geoingest_rows_imported_total", file)).isEqualTo(3);
        assertThat(delta(before, after, "geoingest_bytes_imported_total", file)).isEqualTo(Files.size(good));
        assertThat(delta(before, after, "geoingest_import_duration_seconds_count",
                "format=\"csv\",outcome=\"complete\",source=\"file\"")).isEqualTo(1);
        assertThat(delta(before, after, "geoingest_import_duration_seconds_count",
                "format=\"csv\",outcome=\"failure\",source=\"file\"")).isEqualTo(1);
        assertThat(sample(after, "geoingest_import_duration_seconds_sum",
                "format=\"csv\",outcome=\"complete\",source=\"file\"")).isPositive();
        assertThat(delta(before, after, "geoingest_copy_rows_total", "operation=\"import\"")).isEqualTo(3);
        assertThat(delta(before, after, "geoingest_copy_bytes_total", "operation=\"import\"")).isPositive();
    }

    @Test
    void hostileNamesDoNotBecomeTags() throws Exception {
        Path odd = dir.resolve("x\"} 1\nevil_metric 9.csv.weird");
        Files.writeString(odd, "a,b\n1,2\n");
        String before = scrape();
        importFile(ALICE_KEY, odd, null);
        String after = scrape();
        assertThat(after).doesNotContain("evil_metric");
        assertThat(delta(before, after, "geoingest_imports_started_total", "format=\"unknown\",source=\"file\""))
                .isEqualTo(1);
    }

    @Test
    void theSqlApisCopiesAreCounted() throws Exception {
        String table = unique("copied");
        sqlOk(ALICE_KEY, "CREATE TABLE " + table + " (name text, n integer)");
        String before = scrape();
        Answer in = copyFrom(ALICE_KEY, "COPY " + table + " (name, n) FROM STDIN WITH (FORMAT csv)",
                "a,1\nb,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.status()).as("%s", in.text()).isEqualTo(200);
        Answer out = post("/api/v2/sql/copyto?api_key=" + ALICE_KEY + "&q="
                + enc("COPY " + table + " TO STDOUT WITH (FORMAT csv)"), java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(out.status()).isEqualTo(200);
        String after = scrape();
        assertThat(delta(before, after, "geoingest_copy_rows_total", "operation=\"copyfrom\"")).isEqualTo(2);
        assertThat(delta(before, after, "geoingest_copy_bytes_total", "operation=\"copyfrom\"")).isEqualTo(8);
        assertThat(delta(before, after, "geoingest_copy_rows_total", "operation=\"copyto\"")).isEqualTo(2);
        assertThat(delta(before, after, "geoingest_copy_bytes_total", "operation=\"copyto\"")).isEqualTo(8);
    }

    @Test
    void aRefusedCopyCountsNothing() throws Exception {
        String table = unique("refused");
        sqlOk(ALICE_KEY, "CREATE TABLE " + table + " (n integer)");
        String before = scrape();
        Answer in = copyFrom(ALICE_KEY, "COPY " + table + " (n) FROM STDIN WITH (FORMAT csv)",
                "1\nnot a number\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.status()).isEqualTo(400);
        assertThat(delta(before, scrape(), "geoingest_copy_rows_total", "operation=\"copyfrom\"")).isZero();
    }

    @Test
    void syncLagIsHowLateTheMostOverdueSyncIs() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO geoingest.synchronizations (id, username, data_type, source, options, interval_seconds,"
                    + " state, run_at) VALUES ('" + id + "', 'alice', 'url', '{}', '{}', 3600, 'success',"
                    + " now() - interval '2 hours')");
        }
        try {
            assertThat(sample(scrape(), "geoingest_sync_lag_seconds", "")).isGreaterThanOrEqualTo(7200);
        } finally {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM geoingest.synchronizations WHERE id = '" + id + "'");
            }
        }
    }

    private static double delta(String before, String after, String name, String labels) {
        return sample(after, name, labels) - sample(before, name, labels);
    }
}
