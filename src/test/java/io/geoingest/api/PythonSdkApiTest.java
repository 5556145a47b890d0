package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The requests the official Python SDK (carto-python 1.11, pyrestcli) sends, exactly as it sends
 * them: {@code /user/{username}/} base URL, trailing slashes, {@code client=cps-...}. pyrestcli
 * raises on any answer of 400 or more, so every one of these must be answered 2xx.
 */
class PythonSdkApiTest extends ApiTestSupport {
    private static final String CLIENT = "cps-1.11.3";

    private static final String MYSQL_TABLE = "sdk_api_stores";

    @TempDir
    Path dir;

    @BeforeAll
    static void mysqlTable() throws Exception {
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
            s.execute("CREATE TABLE " + MYSQL_TABLE + " (id INT PRIMARY KEY, name VARCHAR(50), lon DOUBLE, lat DOUBLE)");
            s.execute("INSERT INTO " + MYSQL_TABLE + " VALUES (1, 'Centro', -3.70, 40.42), (2, 'Norte', -3.69, 40.47)");
        }
    }

    @AfterAll
    static void dropMysqlTable() throws Exception {
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
        }
    }

    /** {@code FileImportJobManager.create(path)} then {@code run()}: a JSON probe, then the upload. */
    @Test
    void fileImportJobsFirstPostIsAnsweredThenTheUploadImports() throws Exception {
        ResponseEntity<JsonNode> probe = postJson("/user/alice/api/v1/imports/",
                Map.of("api_key", ALICE_KEY, "client", CLIENT));
        assertThat(probe.getStatusCode().value()).as("answer %s", probe.getBody()).isEqualTo(200);
        assertThat(probe.getBody().get("success").asBoolean()).isTrue();
        String probeId = probe.getBody().get("item_queue_id").asText();

        // Nothing was queued: refreshing the job before run() shows an import that failed with 1010.
        JsonNode probed = get("/user/alice/api/v1/imports/" + probeId + "/?api_key=" + ALICE_KEY + "&client=" + CLIENT)
                .getBody();
        assertFailure(probed, 1010);
        assertThat(get("/api/v1/imports?api_key=" + ALICE_KEY).getBody().get("imports").toString())
                .doesNotContain(probeId);

        String name = unique("sdk_upload");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\n");
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(csv));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        String id = queued(http.postForEntity(url("/user/alice/api/v1/imports/?api_key=" + ALICE_KEY + "&client="
                + CLIENT), new HttpEntity<>(form, headers), JsonNode.class));
        JsonNode done = assertComplete(awaitFinal(ALICE_KEY, id));
        assertThat(done.get("table_name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(2L);
    }

    /** {@code DatasetManager.create(None, None, connection=...)}: the probe, then the connector with its echoes. */
    @Test
    void aConnectorsSecondPostCarriesTheProbesAnswerBack() throws Exception {
        JsonNode probe = postJson("/user/alice/api/v1/imports/", Map.of("api_key", ALICE_KEY, "client", CLIENT))
                .getBody();
        String name = unique("sdk_mysql");
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("server", TestDatabases.MYSQL_HOST);
        connection.put("port", TestDatabases.MYSQL_PORT);
        connection.put("database", TestDatabases.MYSQL_DATABASE);
        connection.put("username", TestDatabases.MYSQL_USER);
        connection.put("password", TestDatabases.MYSQL_PASSWORD);
        // pyrestcli's save(): every field it holds (the probe's answer too), then api_key and client.
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("item_queue_id", probe.get("item_queue_id").asText());
        second.put("success", true);
        second.put("connector", Map.of("provider", "mysql", "connection", connection, "table", MYSQL_TABLE,
                "import_as", name));
        second.put("api_key", ALICE_KEY);
        second.put("client", CLIENT);
        String id = queued(postJson("/user/alice/api/v1/imports/", second));
        assertThat(id).isNotEqualTo(probe.get("item_queue_id").asText());
        JsonNode done = assertComplete(awaitFinal(ALICE_KEY, id));
        assertThat(done.get("data_type").asText()).isEqualTo("datasource");
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(2L);
    }

    @Test
    void aRequestWithoutAJsonBodyAndNothingToImportIsStill400() {
        ResponseEntity<JsonNode> r = http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY), null,
                JsonNode.class);
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().get("errors").get("imports").asText()).contains("1010");
    }

    @Test
    void aJsonBodyWithOtherFieldsAndNothingToImportIsStill400() {
        ResponseEntity<JsonNode> r = postJson("/api/v1/imports?api_key=" + ALICE_KEY,
                Map.of("URL", "http://127.0.0.1:1/x.csv", "client", "cps-1.11.3"));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().get("errors").get("imports").asText()).contains("1010");
    }

    /** {@code DatasetManager.all()}: CartoPaginator asks for page 1, 2, ... until it holds total_entries. */
    @Test
    void datasetManagerAllPagesThroughTheAccountsDatasets() throws Exception {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = unique("sdk_all");
            Path csv = dir.resolve(name + ".csv");
            Files.writeString(csv, "a\n" + i + "\n");
            assertComplete(importFile(ALICE_KEY, csv, null));
            mine.add(name);
        }
        long total = (Long) scalar("SELECT count(*) FROM geoingest.datasets WHERE username = 'alice'");

        // What the SDK sends: no per_page (the server's default page), type=table and its other flags.
        String sdkQuery = "&type=table&exclude_shared=true&with_dependent_visualizations=1&api_key=" + ALICE_KEY
                + "&client=" + CLIENT;
        JsonNode first = get("/user/alice/api/v1/viz/?page=1" + sdkQuery).getBody();
        assertThat(first.get("total_entries").asLong()).isEqualTo(total);
        assertThat(first.get("visualizations").size()).isEqualTo((int) Math.min(total, 20));

        // The contract's spelling, small pages: every dataset once.
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int page = 1; names.size() < total; page++) {
            JsonNode answer = get("/user/alice/api/v1/viz/?page=" + page + "&per_page=2&types=table&api_key="
                    + ALICE_KEY + "&client=" + CLIENT).getBody();
            assertThat(answer.get("total_entries").asLong()).isEqualTo(total);
            assertThat(answer.get("visualizations").size()).isBetween(1, 2);
            for (JsonNode v : answer.get("visualizations")) {
                assertSdkDataset(v);
                names.add(v.get("name").asText());
                ids.add(v.get("id").asText());
            }
        }
        assertThat(names).containsAll(mine).doesNotHaveDuplicates();
        assertThat(ids).doesNotHaveDuplicates();
        JsonNode beyond = get("/api/v1/viz?page=" + (total + 1) + "&per_page=1&api_key=" + ALICE_KEY).getBody();
        assertThat(beyond.get("visualizations").isEmpty()).isTrue();
        assertThat(beyond.get("total_entries").asLong()).isEqualTo(total);

        // The listed record is the one GET /viz/{id} gives.
        JsonNode one = get("/user/alice/api/v1/viz/" + ids.get(0) + "/?" + sdkQuery.substring(1)).getBody();
        assertThat(one.get("name").asText()).isEqualTo(names.get(0));
        // DatasetManager.get(name): CARTO looked visualizations up by name too.
        JsonNode byName = get("/user/alice/api/v1/viz/" + names.get(0) + "/?" + sdkQuery.substring(1)).getBody();
        assertThat(byName.get("id").asText()).isEqualTo(ids.get(0));
        assertThat(get("/user/bob/api/v1/viz/" + names.get(0) + "/?api_key=" + BOB_KEY).getStatusCode().value())
                .as("another account's name").isEqualTo(404);

        // Only tables exist here; another account's datasets are not listed.
        JsonNode maps = get("/api/v1/viz?types=derived&api_key=" + ALICE_KEY).getBody();
        assertThat(maps.get("visualizations").isEmpty()).isTrue();
        assertThat(maps.get("total_entries").asInt()).isZero();
        JsonNode bobs = get("/user/bob/api/v1/viz/?page=1&per_page=1000" + sdkQuery.replace(ALICE_KEY, BOB_KEY))
                .getBody();
        for (JsonNode v : bobs.get("visualizations")) {
            assertThat(mine).doesNotContain(v.get("name").asText());
        }
        assertThat(get("/user/bob/api/v1/viz/?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(401);
    }

    /** The fields the SDK's Dataset reads, with the types its fields need. */
    private static void assertSdkDataset(JsonNode v) {
        assertThat(v.get("id").asText()).isNotBlank();
        assertThat(v.get("type").asText()).isEqualTo("table");
        assertThat(v.get("privacy").asText()).isEqualTo("PRIVATE");
        assertThat(v.get("table").get("name").asText()).isEqualTo(v.get("name").asText());
        assertThat(v.get("created_at").isTextual()).isTrue();
        assertThat(v.get("updated_at").isTextual()).isTrue();
        assertThat(v.get("dependent_visualizations_count").isInt()).isTrue();
        assertThat(v.get("stats").isArray()).isTrue();
        assertThat(v.get("dependent_visualizations").isArray()).isTrue();
        assertThat(v.get("tags").isArray()).isTrue();
    }
}
