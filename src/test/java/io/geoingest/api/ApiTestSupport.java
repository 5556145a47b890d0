package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The whole service on a random port against the real local PostgreSQL/PostGIS, called over
 * HTTP the way CARTO clients call it. Accounts: alice and bob (geoingest-test.properties).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:geoingest-test.properties")
public abstract class ApiTestSupport {
    protected static final String ALICE_KEY = "alice-secret-key";
    protected static final String BOB_KEY = "bob-secret-key";

    @LocalServerPort
    protected int port;
    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ObjectMapper json;

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A name no earlier run used, so tests never see each other's tables. */
    protected static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected ResponseEntity<JsonNode> upload(String key, Path file, String query) {
        return upload(key, new FileSystemResource(file), query);
    }

    protected ResponseEntity<JsonNode> upload(String key, FileSystemResource file, String query) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", file);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.postForEntity(url("/api/v1/imports?api_key=" + key + (query == null ? "" : "&" + query)),
                new HttpEntity<>(form, headers), JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postJson(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(url(path), HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected ResponseEntity<JsonNode> get(String path) {
        return http.getForEntity(url(path), JsonNode.class);
    }

    protected String queued(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody().get("success").asBoolean()).isTrue();
        return answer.getBody().get("item_queue_id").asText();
    }

    /** Polls the import like the SDK does, until it is complete or failed. */
    protected JsonNode awaitFinal(String key, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode r = get("/api/v1/imports/" + id + "?api_key=" + key).getBody();
            String state = r.get("state").asText();
            if (state.equals("complete") || state.equals("failure")) {
                return r;
            }
            assertThat(state).isIn("pending", "uploading", "unpacking", "importing");
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    protected JsonNode importFile(String key, Path file, String query) throws InterruptedException {
        return awaitFinal(key, queued(upload(key, file, query)));
    }

    protected static JsonNode assertComplete(JsonNode r) {
        assertThat(r.get("state").asText()).as("import %s", r).isEqualTo("complete");
        assertThat(r.get("success").asBoolean()).isTrue();
        return r;
    }

    protected static JsonNode assertFailure(JsonNode r, int code) {
        assertThat(r.get("state").asText()).as("import %s", r).isEqualTo("failure");
        assertThat(r.get("success").asBoolean()).isFalse();
        assertThat(r.get("error_code").asInt()).as("import %s", r).isEqualTo(code);
        assertThat(r.get("get_error_text").get("title").asText()).isNotBlank();
        return r;
    }

    /** The statement's rows, in the database {@link TestDatabases#forStatement} picks. */
    protected static List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Connection c = TestDatabases.forStatement(sql)) {
            return rows(c, sql);
        }
    }

    /** The first value of the statement's first row, in the service's own database. */
    protected static Object serviceScalar(String sql) throws SQLException {
        try (Connection c = TestDatabases.postgres()) {
            return first(rows(c, sql));
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    protected static Object scalar(String sql) throws SQLException {
        return first(rows(sql));
    }

    private static Object first(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /** Column name → PostgreSQL type of a table. */
    protected static Map<String, String> columns(String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = '" + schema + "' AND c.relname = '" + table + "' AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum")) {
            out.put((String) r.get("attname"), (String) r.get("t"));
        }
        return out;
    }

    /** Staging tables are never left behind, whatever happened. */
    protected static void assertNoStagingTables(String schema) throws SQLException {
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                + "' AND tablename LIKE 'gi_stage_%'")).isEqualTo(0L);
    }
}
