package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
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
}
