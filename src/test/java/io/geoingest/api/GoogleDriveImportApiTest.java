package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.drives.FakeGoogleDrive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Google Drive files ({@code service_name=gdrive}) imported and synced over the API, read
 * through the Google Drive API v3 client from {@link FakeGoogleDrive}: alice's token is configured, bob gives his in
 * the request; neither ever shows in an answer (nor, see {@code LogSecretsScan}, in the logs).
 */
class GoogleDriveImportApiTest extends ApiTestSupport {
    static final String ALICE_TOKEN = "Gdr-Alice-T0ken-42";
    static final String BOB_TOKEN = "Gdr-Bob-T0ken-77";
    static final String REVOKED_TOKEN = "Gdr-Revoked-T0ken-13";
    private static final FakeGoogleDrive FAKE = start();

    private static FakeGoogleDrive start() {
        try {
            FakeGoogleDrive fake = new FakeGoogleDrive();
            fake.allow(ALICE_TOKEN);
            fake.allow(BOB_TOKEN);
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void gdrive(DynamicPropertyRegistry registry) {
        registry.add("geoingest.drives.gdrive.root-url", FAKE::url);
        registry.add("geoingest.drives.gdrive.tokens.alice", () -> ALICE_TOKEN);
    }

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    private static String csv(int rows) {
        StringBuilder b = new StringBuilder("name,lat,lon\n");
        for (int i = 0; i < rows; i++) {
            b.append("p").append(i).append(',').append(40 + i * 0.01).append(',').append(-3 - i * 0.01).append('\n');
        }
        return b.toString();
    }

    private static String newFile(String name, int rows) {
        String id = "1" + UUID.randomUUID().toString().replace("-", "") + "Xy_z";
        FAKE.put(id, name + ".csv", csv(rows));
        return id;
    }

    private JsonNode importDrive(String key, Map<String, Object> extra) throws InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("service_name", "gdrive"));
        body.putAll(extra);
        JsonNode done = awaitFinal(key, queued(postJson("/api/v1/imports?api_key=" + key, body)));
        assertNoToken(done);
        return done;
    }

    private static void assertNoToken(JsonNode answer) {
        assertThat(answer.toString()).doesNotContain(ALICE_TOKEN).doesNotContain(BOB_TOKEN)
                .doesNotContain(REVOKED_TOKEN);
    }

    private static boolean exists(String schema, String table) throws Exception {
        return (Boolean) scalar("SELECT to_regclass('" + schema + "." + table + "') IS NOT NULL");
    }

    @Test
    void aDriveFileBecomesACartodbfiedTableWithTheAccountsConfiguredToken() throws Exception {
        String name = unique("gdr_points");
        String id = newFile(name, 25);
        JsonNode done = assertComplete(importDrive(ALICE_KEY, Map.of("service_item_id", id)));
        assertThat(done.get("table_name").asText()).isEqualTo(name);
        assertThat(done.get("data_type").asText()).isEqualTo("datasource");
        assertThat(scalar("SELECT count(*) FROM alice." + name + " WHERE the_geom IS NOT NULL")).isEqualTo(25L);
        assertThat(columns("alice", name)).containsKeys("cartodb_id", "the_geom", "the_geom_webmercator", "name");
        assertThat(FAKE.downloads(id)).isEqualTo(1);
        assertThat(FAKE.requests()).anyMatch(r -> r.contains("alt=media") && r.endsWith("Bearer " + ALICE_TOKEN));
    }

    @Test
    void aTokenGivenInTheRequestIsUsedAndSealedAtRest() throws Exception {
        String name = unique("gdr_bob");
        String id = newFile(name, 3);
        JsonNode done = assertComplete(importDrive(BOB_KEY, Map.of("service_item_id", id, "service_token", BOB_TOKEN)));
        assertThat(scalar("SELECT count(*) FROM bob." + done.get("table_name").asText())).isEqualTo(3L);
        String stored = (String) scalar("SELECT source::text FROM geoingest.imports WHERE id = '"
                + done.get("id").asText() + "'");
        assertThat(stored).doesNotContain(BOB_TOKEN).contains("token_sealed");
    }

    @Test
    void aRefusedTokenOrADomainPolicyFailsWith1008AndWritesNothing() throws Exception {
        String name = unique("gdr_revoked");
        String id = newFile(name, 3);
        assertFailure(importDrive(BOB_KEY, Map.of("service_item_id", id, "service_token", REVOKED_TOKEN)), 1008);
        // bob has no configured token at all: the same code.
        assertFailure(importDrive(BOB_KEY, Map.of("service_item_id", id)), 1008);
        // A Google Workspace domain that forbids third-party Drive apps (403 domainPolicy).
        FAKE.forbid(id);
        assertFailure(importDrive(BOB_KEY, Map.of("service_item_id", id, "service_token", BOB_TOKEN)), 1008);
        assertThat(exists("bob", name)).isFalse();
        assertNoStagingTables("bob");
        assertThat(FAKE.downloads(id)).isZero();
    }

    @Test
    void aDeletedOrTrashedFileFailsWith1017() throws Exception {
        String name = unique("gdr_gone");
        String id = newFile(name, 3);
        FAKE.delete(id);
        assertFailure(importDrive(ALICE_KEY, Map.of("service_item_id", id)), 1017);
        String trashed = newFile(name, 3);
        FAKE.trash(trashed);
        assertFailure(importDrive(ALICE_KEY, Map.of("service_item_id", trashed)), 1017);
        assertThat(exists("alice", name)).isFalse();
        assertThat(FAKE.downloads(trashed)).isZero();
    }

    @Test
    void aGoogleSheetIsExportedAsCsv() throws Exception {
        String name = unique("gdr_sheet");
        String id = "1" + UUID.randomUUID().toString().replace("-", "");
        FAKE.putSheet(id, name, csv(4));
        JsonNode done = assertComplete(importDrive(ALICE_KEY, Map.of("service_item_id", id)));
        assertThat(done.get("table_name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(the_geom) FROM alice." + name)).isEqualTo(4L);
        assertThat(FAKE.requests()).anyMatch(r -> r.contains(id + "/export?") && r.contains("mimeType=text"));
    }

    @Test
    void aDownloadCutShortFailsWith1001AndWritesNothing() throws Exception {
        String name = unique("gdr_short");
        String id = newFile(name, 2000);
        FAKE.cutShort(id);
        assertFailure(importDrive(ALICE_KEY, Map.of("service_item_id", id)), 1001);
        assertThat(exists("alice", name)).isFalse();
        assertNoStagingTables("alice");
    }

    @Test
    void aSyncReDownloadsOnlyANewRevision() throws Exception {
        String name = unique("gdr_sync");
        String id = newFile(name, 10);
        JsonNode created = postJson("/api/v1/synchronizations?api_key=" + BOB_KEY, Map.of("interval", "3600",
                "service_name", "gdrive", "service_item_id", id, "service_token", BOB_TOKEN)).getBody();
        assertNoToken(created);
        assertThat(created.get("service_name").asText()).isEqualTo("gdrive");
        assertThat(created.get("service_item_id").asText()).isEqualTo(id);
        String sync = created.get("id").asText();
        JsonNode first = awaitSync(sync, s -> s.get("state").asText().matches("success|failure"));
        assertThat(first.get("state").asText()).as("%s", first).isEqualTo("success");
        assertThat(first.get("name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(*) FROM bob." + name)).isEqualTo(10L);
        assertThat(FAKE.downloads(id)).isEqualTo(1);
        assertThat((String) scalar("SELECT source::text FROM geoingest.synchronizations WHERE id = '" + sync + "'"))
                .doesNotContain(BOB_TOKEN).contains("token_sealed");

        JsonNode unchanged = syncNowAndWait(sync, first);
        assertThat(unchanged.get("state").asText()).as("%s", unchanged).isEqualTo("success");
        assertThat(FAKE.downloads(id)).isEqualTo(1);
        JsonNode run = get("/api/v1/imports/" + unchanged.get("log_id").asText() + "?api_key=" + BOB_KEY).getBody();
        assertThat(run.get("warnings").get("source_unchanged").asBoolean()).isTrue();
        assertNoToken(run);

        FAKE.put(id, name + ".csv", csv(17));
        JsonNode changed = syncNowAndWait(sync, unchanged);
        assertThat(changed.get("state").asText()).as("%s", changed).isEqualTo("success");
        assertThat(changed.get("name").asText()).isEqualTo(name);
        assertThat(FAKE.downloads(id)).isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM bob." + name)).isEqualTo(17L);
        assertNoToken(get("/api/v1/synchronizations?api_key=" + BOB_KEY).getBody());
        assertNoToken(get("/api/v1/synchronizations/" + sync + "?api_key=" + BOB_KEY).getBody());

        // The file deleted: the run fails with 1017 and the table stays as it was.
        FAKE.delete(id);
        JsonNode gone = syncNowAndWait(sync, changed);
        assertThat(gone.get("state").asText()).isEqualTo("failure");
        assertThat(gone.get("error_code").asInt()).as("%s", gone).isEqualTo(1017);
        assertNoToken(gone);
        assertThat(scalar("SELECT count(*) FROM bob." + name)).isEqualTo(17L);
        assertNoStagingTables("bob");
    }

    private JsonNode syncNowAndWait(String id, JsonNode before) throws InterruptedException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        JsonNode answer = http.exchange(url("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + BOB_KEY),
                HttpMethod.PUT, new HttpEntity<>(null, headers), JsonNode.class).getBody();
        assertThat(answer.get("enqueued").asBoolean()).as("sync_now %s", answer).isTrue();
        String previous = before.get("log_id").asText();
        return awaitSync(id, s -> !s.get("log_id").asText().equals(previous)
                && s.get("state").asText().matches("success|failure"));
    }

    private JsonNode awaitSync(String id, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode s = null;
        while (Instant.now().isBefore(deadline)) {
            s = get("/api/v1/synchronizations/" + id + "?api_key=" + BOB_KEY).getBody();
            assertNoToken(s);
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sync " + id + " did not get there: " + s);
    }
}
