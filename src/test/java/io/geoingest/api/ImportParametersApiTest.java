package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseEntity;

/** The seed's spellings of the Import API's parameters, and what it says the import record shows. */
class ImportParametersApiTest extends ApiTestSupport {
    private static HttpServer server;
    private static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().endsWith(".csv");
            byte[] body = (found ? "name,code,lat,lon\nA,\"7\",40.1,-3.5\n" : "no").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private Path csv(String name) throws IOException {
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, "name,code\nA,\"7\"\nB,\"8\"\n");
        return file;
    }

    @Test
    void authTokenIsTheApiKeyOnTheImportApi() throws Exception {
        String name = unique("token");
        ResponseEntity<JsonNode> answer = http.postForEntity(url("/api/v1/imports?auth_token=" + ALICE_KEY + "&url="
                + base + "/" + name + ".csv"), null, JsonNode.class);
        String id = queued(answer);
        ResponseEntity<JsonNode> status = get("/api/v1/imports/" + id + "?auth_token=" + ALICE_KEY);
        assertThat(status.getStatusCode().value()).isEqualTo(200);
        assertThat(status.getBody().get("id").asText()).isEqualTo(id);
        assertComplete(awaitFinal(ALICE_KEY, id));
        assertThat(queued(postJson("/api/v1/imports", Map.of("auth_token", ALICE_KEY, "url", base + "/" + name + ".csv"))))
                .isNotBlank();
    }

    @Test
    void aWrongAuthTokenOrOneOutsideTheImportApiIs401() {
        assertThat(http.postForEntity(url("/api/v1/imports?auth_token=wrong&url=" + base + "/x.csv"), null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(get("/api/v1/imports/00000000-0000-0000-0000-000000000000?auth_token=bob").getStatusCode().value())
                .isEqualTo(401);
        // The seed lists auth_token for the Import API only; elsewhere the key is api_key.
        assertThat(get("/api/v1/synchronizations?auth_token=" + ALICE_KEY).getStatusCode().value()).isEqualTo(401);
        // Bob's token does not read Alice's import list.
        assertThat(get("/user/alice/api/v1/imports?auth_token=" + BOB_KEY).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void quotedFieldGuessingAsTheSeedSpellsItOnImports() throws Exception {
        String name = unique("quoted_seed");
        JsonNode r = assertComplete(importFile(ALICE_KEY, csv(name), "quoted_field_guessing=false"));
        assertThat(r.get("quoted_fields_guessing").asBoolean()).isFalse();
        assertThat(columns("alice", name)).containsEntry("code", "text");

        String guessed = unique("quoted_guessed");
        JsonNode g = assertComplete(importFile(ALICE_KEY, csv(guessed), "quoted_field_guessing=true"));
        assertThat(g.get("quoted_fields_guessing").asBoolean()).isTrue();
        assertThat(columns("alice", guessed).get("code")).isNotEqualTo("text");

        // The record's own spelling still works, and wins when both are given.
        String both = unique("quoted_both");
        JsonNode b = assertComplete(importFile(ALICE_KEY, csv(both), "quoted_fields_guessing=false&quoted_field_guessing=true"));
        assertThat(b.get("quoted_fields_guessing").asBoolean()).isFalse();
    }

    @Test
    void quotedFieldGuessingAsTheSeedSpellsItOnSyncs() throws Exception {
        String name = unique("quoted_sync");
        ResponseEntity<JsonNode> answer = postJson("/api/v1/synchronizations?api_key=" + ALICE_KEY,
                Map.of("url", base + "/" + name + ".csv", "interval", 3600, "quoted_field_guessing", false));
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody().get("quoted_fields_guessing").asBoolean()).isFalse();
        String syncId = answer.getBody().get("id").asText();
        JsonNode first = assertComplete(awaitFinal(ALICE_KEY,
                answer.getBody().get("data_import").get("item_queue_id").asText()));
        assertThat(columns("alice", first.get("table_name").asText())).containsEntry("code", "text");

        ResponseEntity<JsonNode> changed = http.exchange(url("/api/v1/synchronizations/" + syncId + "?api_key=" + ALICE_KEY),
                org.springframework.http.HttpMethod.PUT, jsonEntity(Map.of("quoted_field_guessing", true)), JsonNode.class);
        assertThat(changed.getStatusCode().value()).as("answer %s", changed.getBody()).isEqualTo(200);
        assertThat(changed.getBody().get("quoted_fields_guessing").asBoolean()).isTrue();
        http.delete(url("/api/v1/synchronizations/" + syncId + "?api_key=" + ALICE_KEY));
    }

    private static org.springframework.http.HttpEntity<Object> jsonEntity(Object body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return new org.springframework.http.HttpEntity<>(body, headers);
    }

    @Test
    void aUrlImportIsShownByItsFileName() throws Exception {
        String name = unique("Shown");
        String id = queued(http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY + "&url=" + base
                + "/some/dir/" + name + "%20file.csv?token=s3cr3t%26x=1"), null, JsonNode.class));
        JsonNode r = assertComplete(awaitFinal(ALICE_KEY, id));
        assertThat(r.get("display_name").asText()).isEqualTo(name + " file.csv");
        assertThat(r.get("data_type").asText()).isEqualTo("url");
        assertThat(ImportRequests.fileName("https://host.example/a/b/")).isEqualTo("b");
        assertThat(ImportRequests.fileName("https://user:pw@host.example/")).isEqualTo("https://host.example/");
        assertThat(ImportRequests.fileName("https://host.example/a+b%2Bc.csv#frag")).isEqualTo("a+b+c.csv");
    }

    @Test
    void aFailedImportCreatedNoTablesAndSaysNull() throws Exception {
        String id = queued(http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY + "&url=" + base
                + "/missing.txt"), null, JsonNode.class));
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, id), 1100);
        assertThat(r.has("tables_created_count")).isTrue();
        assertThat(r.get("tables_created_count").isNull()).isTrue();
        assertThat(r.get("display_name").asText()).isEqualTo("missing.txt");
    }
}
