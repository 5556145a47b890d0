package io.geoingest.connectors.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.connectors.snowflake.FakeSnowflake.Col;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A Snowflake import over the API, through the route {@code source-snowflake}, the configured
 * {@code snowflakeConnector} and the COPY sink, from {@link FakeSnowflake} over plain HTTP.
 */
@TestPropertySource(properties = "geoingest.connectors.snowflake.ssl=false")
class SnowflakeImportApiTest extends ApiTestSupport {
    private static final String PASSWORD = "api-Pa55word";
    private static FakeSnowflake snowflake;

    @BeforeAll
    static void fake() throws Exception {
        snowflake = new FakeSnowflake(1, 2);
        snowflake.user("geo", PASSWORD);
        List<List<String>> rows = new ArrayList<>();
        rows.add(Arrays.asList("1", "Zürich", "1234.50", "28800.5", "1709212455.000000000 1500", "{\"a\":1}", "POINT(8.54 47.37)"));
        rows.add(Arrays.asList("2", "Oslo", null, null, null, null, "{\"type\":\"Point\",\"coordinates\":[10.75,59.91]}"));
        rows.add(Arrays.asList("3", "Nowhere", "1.00", "0", "0.000000000 1440", "[]", null));
        snowflake.answer("SELECT * FROM \"SFDATABASE\".\"PUBLIC\".\"STORES\"", new FakeSnowflake.Result(List.of(
                new Col("ID", "fixed", 38, 0), Col.of("NAME", "text"), new Col("REVENUE", "fixed", 12, 2),
                new Col("OPENS", "time", null, 9), new Col("SINCE", "timestamp_tz", null, 9),
                Col.of("EXTRA", "variant"), Col.of("LOCATION", "geography")), rows));
    }

    @AfterAll
    static void stopFake() {
        snowflake.close();
    }

    private JsonNode importStores(String password, String name) throws InterruptedException {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("server", snowflake.host());
        connection.put("port", snowflake.port());
        connection.put("database", "sfdatabase");
        connection.put("warehouse", "sfwarehouse");
        connection.put("username", "geo");
        connection.put("password", password);
        return awaitFinal(ALICE_KEY, queued(postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY,
                "connector", Map.of("provider", "snowflake", "connection", connection, "table", "stores",
                        "import_as", name)))));
    }

    @Test
    void snowflakeTableBecomesACartodbfiedTable() throws Exception {
        String name = unique("sf_stores");
        JsonNode r = assertComplete(importStores(PASSWORD, name));

        assertThat(r.get("table_name").asText()).isEqualTo(name);
        assertThat(r.get("warnings").has("skipped_columns")).isFalse();
        assertThat(columns("alice", name)).containsEntry("id", "numeric").containsEntry("revenue", "numeric")
                .containsEntry("opens", "time without time zone").containsEntry("since", "timestamp with time zone")
                .containsEntry("name", "text").containsEntry("extra", "json");
        assertThat(rows("SELECT extra::text AS extra FROM alice." + name + " ORDER BY id")).extracting(m -> m.get("extra"))
                .containsExactly("{\"a\":1}", null, "[]");
        assertThat(rows("SELECT name, revenue::text AS revenue, opens::text AS opens,"
                + " to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS since, ST_AsText(the_geom) AS g"
                + " FROM alice." + name + " ORDER BY id")).containsExactly(
                row("Zürich", "1234.50", "08:00:00.5", "2024-02-29 13:14:15", "POINT(8.54 47.37)"),
                row("Oslo", null, null, null, "POINT(10.75 59.91)"),
                row("Nowhere", "1.00", "00:00:00", "1970-01-01 00:00:00", null));
    }

    @Test
    void refusedLoginFailsTheImportWith1012() throws Exception {
        JsonNode r = assertFailure(importStores("wrong", unique("sf_refused")), 1012);

        assertThat(r.toString()).contains("Incorrect username or password was specified").doesNotContain(PASSWORD);
    }

    private static Map<String, Object> row(String name, String revenue, String opens, String since, String g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("revenue", revenue);
        m.put("opens", opens);
        m.put("since", since);
        m.put("g", g);
        return m;
    }
}
