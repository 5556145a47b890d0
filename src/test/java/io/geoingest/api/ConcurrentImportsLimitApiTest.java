package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.geoingest.kernel.ImportProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** Past geoingest.imports.max-concurrent-per-account imports in progress, a new one is answered 429 (6669). */
@TestPropertySource(properties = "geoingest.imports.max-concurrent-per-account=1")
class ConcurrentImportsLimitApiTest extends ApiTestSupport {
    @Autowired
    ImportProperties settings;
    @TempDir
    Path dir;

    @Test
    void aSecondImportWhileOneIsInProgressIsRefusedWith6669() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = stalledCsvServer(release);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + unique("slow") + ".csv";
            ResponseEntity<JsonNode> first = http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY + "&url=" + url),
                    null, JsonNode.class);
            assertThat(first.getStatusCode().value()).isEqualTo(200);

            ResponseEntity<JsonNode> second = http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY + "&url=" + url),
                    null, JsonNode.class);
            assertThat(second.getStatusCode().value()).isEqualTo(429);
            assertThat(second.getBody().get("errors").get("imports").asText()).contains("6669");

            ResponseEntity<JsonNode> bobs = http.postForEntity(url("/api/v1/imports?api_key=" + BOB_KEY + "&url=" + url),
                    null, JsonNode.class);
            assertThat(bobs.getStatusCode().value()).as("another account's imports do not count").isEqualTo(200);
            release.countDown();
            assertComplete(awaitFinal(ALICE_KEY, first.getBody().get("item_queue_id").asText()));
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void theCapHoldsWhenManyArriveAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = stalledCsvServer(release);
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            awaitNothingInProgress(BOB_KEY); // the other test's import of bob's ends on its own
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + unique("burst") + ".csv";
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return http.postForEntity(url("/api/v1/imports?api_key=" + BOB_KEY + "&url=" + url), null, JsonNode.class);
                }));
            }
            go.countDown();
            List<String> accepted = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> f : answers) {
                ResponseEntity<JsonNode> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.getStatusCode().value()).isIn(200, 429);
                if (r.getStatusCode().value() == 200) {
                    accepted.add(r.getBody().get("item_queue_id").asText());
                }
            }
            assertThat(accepted).as("accepted under a cap of 1").hasSize(1);
            release.countDown();
            assertComplete(awaitFinal(BOB_KEY, accepted.get(0)));
        } finally {
            release.countDown();
            clients.shutdownNow();
            server.stop(0);
        }
    }

    /**
     * The hostile probe's load: 200 uploads at once while the account's one slot is taken. Every
     * one is answered 429, none 5xx, and none leaves its upload on disk.
     */
    @Test
    void aBurstOf200UploadsIsAnswered429AndLeavesNothingOnDisk() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = stalledCsvServer(release);
        ExecutorService clients = Executors.newFixedThreadPool(200);
        try {
            awaitNothingInProgress(ALICE_KEY);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + unique("held") + ".csv";
            ResponseEntity<JsonNode> held = http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY + "&url=" + url),
                    null, JsonNode.class);
            assertThat(held.getStatusCode().value()).isEqualTo(200);
            Path csv = Files.writeString(dir.resolve(unique("burst") + ".csv"), "name,lat,lon\nA,40.4,-3.7\n");
            Path heldDir = settings.workDir().resolve(held.getBody().get("item_queue_id").asText());
            Set<Path> before = workDirEntries();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return upload(ALICE_KEY, csv, null).getStatusCode().value();
                }));
            }
            go.countDown();
            for (Future<Integer> f : answers) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(429);
            }
            assertThat(workDirEntries()).as("what the refused uploads left")
                    .filteredOn(p -> !p.startsWith(heldDir)).isSubsetOf(before);
            release.countDown();
            assertComplete(awaitFinal(ALICE_KEY, held.getBody().get("item_queue_id").asText()));
        } finally {
            release.countDown();
            clients.shutdownNow();
            server.stop(0);
        }
    }

    /** Serves a one-row CSV whose body stalls until {@code release}: its import stays in progress till then. */
    private static HttpServer stalledCsvServer(CountDownLatch release) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = "name,lat,lon\nA,40.4,-3.7\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                release.await(120, TimeUnit.SECONDS);
                out.write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private Set<Path> workDirEntries() throws IOException {
        try (Stream<Path> files = Files.walk(settings.workDir())) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private void awaitNothingInProgress(String key) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonNode list = http.getForEntity(url("/api/v1/imports?api_key=" + key), JsonNode.class).getBody();
            if (list.get("imports").isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("imports still in progress for " + key);
    }
}
