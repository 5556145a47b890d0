package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** The integrators' connector endpoints: providers, connection check, table listing. */
@TestPropertySource(properties = "geoingest.connectors.providers.hive.enabled=false")
class ConnectorsApiTest extends ApiTestSupport {

    @BeforeAll
    static void fixture() throws Exception {
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS api_listing_one (id INT)");
        }
    }

    private static Map<String, Object> mysqlConnection(String password) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("server", TestDatabases.MYSQL_HOST);
        connection.put("port", TestDatabases.MYSQL_PORT);
        connection.put("database", TestDatabases.MYSQL_DATABASE);
        connection.put("username", TestDatabases.MYSQL_USER);
        connection.put("password", password);
        return connection;
    }

    @Test
    void listsTheSevenProvidersAndWhichAreEnabled() {
        JsonNode providers = get("/api/v1/connectors?api_key=" + ALICE_KEY).getBody();
        assertThat(providers.fieldNames()).toIterable()
                .containsExactly("mysql", "postgres", "sqlserver", "hive", "bigquery", "redshift", "snowflake");
        assertThat(providers.get("mysql").get("enabled").asBoolean()).isTrue();
        assertThat(providers.get("hive").get("enabled").asBoolean()).isFalse();
        assertThat(providers.get("bigquery").get("max_rows").asInt()).isEqualTo(5_000_000);
    }

    @Test
    void checksTheConnectionAndListsTables() {
        ResponseEntity<JsonNode> ok = postJson("/api/v1/connectors/mysql/connect",
                Map.of("api_key", ALICE_KEY, "connection", mysqlConnection(TestDatabases.MYSQL_PASSWORD)));
        assertThat(ok.getBody().get("connected").asBoolean()).isTrue();
        JsonNode tables = postJson("/user/alice/api/v1/connectors/mysql/tables",
                Map.of("api_key", ALICE_KEY, "connection", mysqlConnection(TestDatabases.MYSQL_PASSWORD))).getBody();
        assertThat(tables.get("tables").toString()).contains("api_listing_one");
        assertThat(tables.get("limit").asInt()).isEqualTo(500);
    }

    @Test
    void aFailedConnectionSaysWhyWithoutThePassword() {
        ResponseEntity<JsonNode> r = postJson("/api/v1/connectors/mysql/connect",
                Map.of("api_key", ALICE_KEY, "connection", mysqlConnection("wrong-password-xyz")));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().get("error_code").asInt()).isEqualTo(1012);
        assertThat(r.getBody().toString()).doesNotContain("wrong-password-xyz");
    }

    @Test
    void aDisabledProviderAnswers1501() {
        Map<String, Object> hive = Map.of("server", "127.0.0.1", "username", "u");
        ResponseEntity<JsonNode> listing = postJson("/api/v1/connectors/hive/tables",
                Map.of("api_key", ALICE_KEY, "connection", hive));
        assertThat(listing.getStatusCode().value()).isEqualTo(400);
        assertThat(listing.getBody().get("errors").get("imports").asText()).contains("1501");
        ResponseEntity<JsonNode> queued = postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY,
                "connector", Map.of("provider", "hive", "connection", hive, "table", "t")));
        assertThat(queued.getStatusCode().value()).isEqualTo(400);
        assertThat(queued.getBody().get("errors").get("imports").asText()).contains("1501");
    }

    @Test
    void theSeedsBigQueryExampleWithItsTrailingCommaIsReadable() {
        ResponseEntity<JsonNode> r = http.exchange(url("/api/v1/imports?api_key=" + ALICE_KEY),
                HttpMethod.POST, new HttpEntity<>("""
                        {
                          "connector": {
                            "provider": "bigquery",
                            "billing_project":"mybigqueryproject",
                            "dataset": "mybigquerydataset",
                            "table": "mytable",
                          }
                        }""", jsonHeaders()), JsonNode.class);
        assertThat(r.getBody().toString()).doesNotContain("Malformed JSON");
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return h;
    }
}
