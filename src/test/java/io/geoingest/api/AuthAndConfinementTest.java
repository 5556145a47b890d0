package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Every way a key may arrive, every way it may be wrong, and accounts kept apart. */
class AuthAndConfinementTest extends ApiTestSupport {
    @TempDir
    Path dir;

    @Test
    void missingOrWrongKeyIs401WithJson() {
        ResponseEntity<JsonNode> none = get("/api/v1/imports");
        assertThat(none.getStatusCode().value()).isEqualTo(401);
        assertThat(none.getBody().get("errors")).isNotNull();
        assertThat(get("/api/v1/imports?api_key=nope").getStatusCode().value()).isEqualTo(401);
        assertThat(postJson("/api/v1/imports", Map.of("api_key", "nope", "url", "http://x")).getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void keyAcceptedAsQueryBasicAuthAndJsonField() {
        assertThat(get("/api/v1/imports?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(200);
        HttpHeaders basic = new HttpHeaders();
        basic.set("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("alice:" + ALICE_KEY).getBytes(StandardCharsets.UTF_8)));
        assertThat(http.exchange(url("/api/v1/imports"), HttpMethod.GET, new HttpEntity<>(basic), JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        // The SDK's first POST: only api_key and client, taken from the JSON body (PythonSdkApiTest).
        ResponseEntity<JsonNode> probe = postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "client", "cps-1.11"));
        assertThat(probe.getStatusCode().value()).isEqualTo(200);
        // curl -F api_key=... -F file=@...: a field of the upload itself.
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("api_key", ALICE_KEY);
        form.add("file", new ByteArrayResource("name,lat,lon\nA,40.4,-3.7\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return unique("keyfield") + ".csv";
            }
        });
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<JsonNode> upload = http.postForEntity(url("/api/v1/imports"), new HttpEntity<>(form, multipart),
                JsonNode.class);
        assertThat(upload.getStatusCode().value()).as("%s", upload.getBody()).isEqualTo(200);
    }

    @Test
    void userPathMustMatchTheKeysAccount() {
        assertThat(get("/user/alice/api/v1/imports?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/user/bob/api/v1/imports?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void anotherAccountsImportIsNotFound() throws Exception {
        Path csv = dir.resolve(unique("mine") + ".csv");
        Files.writeString(csv, "a\n1\n");
        String id = queued(upload(ALICE_KEY, csv, null));
        assertComplete(awaitFinal(ALICE_KEY, id));

        assertThat(get("/api/v1/imports/" + id + "?api_key=" + BOB_KEY).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/v1/imports/not-a-uuid?api_key=" + BOB_KEY).getStatusCode().value()).isEqualTo(404);
        JsonNode done = get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody();
        String tableId = done.get("table_id").asText();
        assertThat(get("/api/v1/tables/" + tableId + "?api_key=" + BOB_KEY).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void accountRolesCannotReachEachOthersTables() throws Exception {
        Path csv = dir.resolve(unique("secret") + ".csv");
        Files.writeString(csv, "a\n1\n");
        String table = assertComplete(importFile(ALICE_KEY, csv, null)).get("table_name").asText();
        assertThat(scalar("SELECT has_table_privilege('geoingest_bob', 'alice." + table + "', 'SELECT')"))
                .isEqualTo(false);
        assertThat(scalar("SELECT has_schema_privilege('geoingest_bob', 'alice', 'USAGE')")).isEqualTo(false);
        assertThat(serviceScalar("SELECT has_database_privilege('geoingest_alice', current_database(), 'CONNECT')"))
                .isEqualTo(false);
    }

    @Test
    void inProgressListHoldsOnlyTheCallersImports() {
        JsonNode list = get("/api/v1/imports?api_key=" + BOB_KEY).getBody();
        assertThat(list.get("success").asBoolean()).isTrue();
        assertThat(list.get("imports").isArray()).isTrue();
    }
}
