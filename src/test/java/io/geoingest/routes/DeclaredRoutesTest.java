package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.ImportException;
import io.geoingest.sync.FakeSource;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The three examples of routes/examples/, copied into the integrators' routes directory with
 * their placeholders filled (the test MariaDB, a fake HTTP source, a temporary drop box, account
 * alice), loaded at start like any integrator's file, and their effect through the REST API and
 * the database; then the other templates, a file picked up without a restart, and routes that
 * can never work.
 */
class DeclaredRoutesTest extends ApiTestSupport {
    private static final String MYSQL_TABLE = "routes_stores";
    private static final String SUFFIX = unique("").substring(1);
    private static final String MYSQL_SYNC = "shop-open-stores-" + SUFFIX;
    private static final String OPEN_STORES = "open_stores_" + SUFFIX;
    private static final String URL_SYNC = "cities-hourly-" + SUFFIX;
    private static final String CITIES = "cities_" + SUFFIX;
    private static final String SINK_TABLE = "sunk_" + SUFFIX;

    private static Path routes;
    private static Path dropbox;
    private static FakeSource source;

    @Autowired
    private CamelContext camel;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private RoutesReload reload;

    @DynamicPropertySource
    static void routesDirectory(DynamicPropertyRegistry registry) throws Exception {
        routes = Files.createTempDirectory("geoingest-routes");
        dropbox = Files.createTempDirectory("geoingest-dropbox");
        source = new FakeSource();
        source.serve(CITIES + ".csv", "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\n", "\"c1\"");
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
            s.execute("CREATE TABLE " + MYSQL_TABLE + " (id INT PRIMARY KEY, name TEXT, lon DOUBLE, lat DOUBLE, open BOOL)");
            s.execute("INSERT INTO " + MYSQL_TABLE + " VALUES (1, 'Centro', -3.70, 40.42, 1), (2, 'Norte', -3.69, 40.47, 0),"
                    + " (3, 'Sur', -3.70, 40.38, 1)");
        }
        example("mysql-every-15-minutes", Map.of("shop-open-stores", MYSQL_SYNC, "value: demo", "value: alice",
                "\"server\": \"127.0.0.1\", \"port\": 3306", "\"server\": \"" + TestDatabases.MYSQL_HOST
                        + "\", \"port\": " + TestDatabases.MYSQL_PORT,
                "\"database\": \"shop\"", "\"database\": \"" + TestDatabases.MYSQL_DATABASE + "\"",
                "\"username\": \"reader\"", "\"username\": \"" + TestDatabases.MYSQL_USER + "\"",
                "SHOP_PASSWORD:secret", "GEOINGEST_UNSET_SHOP_PASSWORD:" + TestDatabases.MYSQL_PASSWORD,
                "FROM stores", "FROM " + MYSQL_TABLE, "\"open_stores\"", "\"" + OPEN_STORES + "\""));
        example("url-sync", Map.of("cities-hourly", URL_SYNC, "value: demo", "value: alice",
                "http://127.0.0.1:8000/cities.csv", source.url(CITIES + ".csv")));
        example("watch-csv-directory", Map.of("/var/lib/geoingest/dropbox", dropbox.toString(),
                "value: demo", "value: alice"));
        // A second replica watching the same (shared) directory; in one JVM its endpoint must differ.
        Files.writeString(routes.resolve("replica.camel.yaml"), Files.readString(routes.resolve(
                "watch-csv-directory.camel.yaml")).replace("routeId: csv-dropbox", "routeId: csv-dropbox-replica")
                + "      - {name: delay, value: \"4000\"}\n");
        Files.writeString(routes.resolve("sink.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: geoingest-copy-sink
                    routeId: test-sink
                    parameters:
                      - {name: name, value: test-sink}
                      - {name: account, value: alice}
                      - {name: table, value: %s}
                      - {name: collision_strategy, value: overwrite}
                - templatedRoute:
                    routeTemplateRef: geoingest-import
                    routeId: test-import
                    parameters:
                      - {name: name, value: test-import}
                      - {name: account, value: alice}
                      - {name: url, value: "%s"}
                """.formatted(SINK_TABLE, source.url(CITIES + ".csv")));
        // A route of the integrator's own, feeding the sink.
        Files.writeString(routes.resolve("own.camel.yaml"), """
                - route:
                    id: own-route
                    from:
                      uri: direct:own-route
                      steps:
                        - to: direct:test-sink
                """);
        // What k8s/configmap.yaml ships: no routes.
        Files.writeString(routes.resolve("empty.camel.yaml"), "# nothing yet\n[]\n");
        registry.add("geoingest.routes.dir", routes::toString);
    }

    /** Copies an example into the routes directory, with its placeholders filled. */
    private static void example(String name, Map<String, String> fill) throws IOException {
        String text = Files.readString(Path.of("routes", "examples", name + ".camel.yaml"));
        for (Map.Entry<String, String> e : fill.entrySet()) {
            assertThat(text).as("%s in example %s", e.getKey(), name).contains(e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        Files.writeString(routes.resolve(name + ".camel.yaml"), text);
    }

    @AfterAll
    static void stop() throws Exception {
        source.close();
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_TABLE);
        }
    }

    @Test
    void theMysqlExampleDeclaresOneSyncWhoseFirstRunMakesTheTable() throws Exception {
        JsonNode sync = awaitDeclaredSync(MYSQL_SYNC, s -> s.get("state").asText().equals("success"));
        assertThat(sync.get("name").asText()).isEqualTo(OPEN_STORES);
        assertThat(sync.get("interval").asInt()).isEqualTo(900);
        assertThat(sync.get("service_name").asText()).isEqualTo("connector");
        assertThat(sync.get("service_item_id").asText()).doesNotContain("password");
        assertThat(rows("SELECT name, ST_X(the_geom) AS x FROM alice." + OPEN_STORES + " ORDER BY cartodb_id"))
                .extracting(r -> r.get("name")).containsExactly("Centro", "Sur");
        assertThat(columns("alice", OPEN_STORES)).containsKeys("cartodb_id", "the_geom", "the_geom_webmercator");

        // A restart, or another replica starting: the same declaration finds the same sync.
        String updated = (String) scalar("SELECT updated_at::text FROM geoingest.synchronizations WHERE declared_as = '"
                + MYSQL_SYNC + "'");
        camel.getRouteController().stopRoute(MYSQL_SYNC);
        camel.getRouteController().startRoute(MYSQL_SYNC);
        Thread.sleep(2000);
        assertThat(scalar("SELECT count(*) FROM geoingest.synchronizations WHERE declared_as = '" + MYSQL_SYNC + "'"))
                .isEqualTo(1L);
        assertThat(declaredSync(MYSQL_SYNC).get("id").asText()).isEqualTo(sync.get("id").asText());
        assertThat(scalar("SELECT updated_at::text FROM geoingest.synchronizations WHERE declared_as = '" + MYSQL_SYNC
                + "'")).as("an unchanged declaration changes nothing").isEqualTo(updated);
    }

    @Test
    void theUrlExampleDeclaresASyncOfTheHttpSource() throws Exception {
        JsonNode sync = awaitDeclaredSync(URL_SYNC, s -> s.get("state").asText().equals("success"));
        assertThat(sync.get("url").asText()).isEqualTo(source.url(CITIES + ".csv"));
        assertThat(sync.get("interval").asInt()).isEqualTo(3600);
        assertThat(sync.get("etag").asText()).isEqualTo("\"c1\"");
        assertThat(scalar("SELECT count(*) FROM alice." + sync.get("name").asText())).isEqualTo(2L);
    }

    @Test
    void aChangedDeclarationChangesTheSameSync() throws Exception {
        String name = unique("changing").replace('_', '-');
        load("changing", declaration(name, "alice", "3600"));
        JsonNode first = awaitDeclaredSync(name, s -> s.get("state").asText().equals("success"));
        load("changing", declaration(name, "alice", "1800"));
        JsonNode changed = awaitDeclaredSync(name, s -> s.get("interval").asInt() == 1800);
        assertThat(changed.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(changed.get("name").asText()).isEqualTo(first.get("name").asText());
    }

    @Test
    void theDirectoryExampleImportsEachDroppedFileOnceAcrossReplicas() throws Exception {
        List<String> names = List.of(unique("dropped_a"), unique("dropped_b"), unique("dropped_c"), unique("dropped_d"));
        for (String name : names) {
            Path written = Files.writeString(dropbox.resolve(name + ".tmp"), "name,lat,lon\nBern,46.95,7.44\n");
            Files.move(written, dropbox.resolve(name + ".csv"));
        }
        for (String name : names) {
            String id = await(() -> (String) scalar("SELECT id::text FROM geoingest.imports WHERE display_name = '"
                    + name + ".csv' AND state IN ('complete', 'failure')"));
            assertComplete(get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody());
            assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(1L);
        }
        Thread.sleep(6000); // more than a poll of each replica
        for (String name : names) {
            assertThat(scalar("SELECT count(*) FROM geoingest.imports WHERE display_name = '" + name + ".csv'"))
                    .as("imports of %s", name).isEqualTo(1L);
        }
        try (var left = Files.list(dropbox)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(scalar("SELECT count(*) FROM geoingest.file_claims")).isEqualTo(0L);
    }

    @Test
    void aDroppedFileWithAHostileNameBecomesATableWithANormalisedName() throws Exception {
        String marker = unique("hostile");
        String name = marker + "'; DROP TABLE alice.x;-- \"ñ\" $(id).csv";
        Path written = Files.writeString(dropbox.resolve(marker + ".tmp"), "name,lat,lon\nBern,46.95,7.44\n");
        Files.move(written, dropbox.resolve(name));
        String id = await(() -> (String) scalar("SELECT id::text FROM geoingest.imports WHERE display_name LIKE '"
                + marker + "%' AND state IN ('complete', 'failure')"));
        JsonNode done = assertComplete(get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody());
        String table = done.get("table_name").asText();
        assertThat(table).matches("[a-z0-9_]+").startsWith(marker);
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(1L);
        assertThat(dropbox.resolve(name)).doesNotExist();
        assertNoStagingTables("alice");
    }

    @Test
    void aMalformedDroppedCsvIsAFailedImportWith2003() throws Exception {
        String name = unique("dropped_broken");
        Path written = Files.writeString(dropbox.resolve(name + ".tmp"), "a,b\n1,\"never closed\n2,3\n");
        Files.move(written, dropbox.resolve(name + ".csv"));
        String id = await(() -> (String) scalar("SELECT id::text FROM geoingest.imports WHERE display_name = '"
                + name + ".csv' AND state IN ('complete', 'failure')"));
        assertFailure(get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody(), 2003);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename = '" + name + "'")).isEqualTo(0L);
        assertThat(dropbox.resolve(name + ".csv")).doesNotExist();
    }

    @Test
    void theCopySinkLandsTheBodyAtomicallyAndReportsFailures() throws Exception {
        Exchange first = producer.request("direct:test-sink", e -> e.getIn().setBody(
                "name,lat,lon\nA,1,1\nB,2,2\n"));
        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(TemplateImports.TABLE_NAME)).isEqualTo(SINK_TABLE);
        assertThat(scalar("SELECT count(*) FROM alice." + SINK_TABLE)).isEqualTo(2L);

        Exchange again = producer.request("direct:test-sink", e -> e.getIn().setBody(
                "name,lat,lon\nA,1,1\nB,2,2\nC,3,3\n".getBytes()));
        assertThat(again.getException()).isNull();
        assertThat(scalar("SELECT count(*) FROM alice." + SINK_TABLE)).isEqualTo(3L);

        Exchange broken = producer.request("direct:test-sink", e -> e.getIn().setBody("a,b\n1,\"never closed\n"));
        assertThat(broken.getException()).isInstanceOf(ImportException.class);
        assertThat(((ImportException) broken.getException()).code().code()).isEqualTo(2003);
        String id = broken.getMessage().getHeader(TemplateImports.IMPORT_ID).toString();
        assertFailure(get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody(), 2003);
        assertThat(scalar("SELECT count(*) FROM alice." + SINK_TABLE)).isEqualTo(3L);
        assertNoStagingTables("alice");
    }

    @Test
    void aRouteOfTheIntegratorsOwnEndsInTheSink() throws Exception {
        String table = unique("own_sunk");
        load("own-sink", """
                - templatedRoute:
                    routeTemplateRef: geoingest-copy-sink
                    routeId: own-sink
                    parameters:
                      - {name: name, value: own-sink}
                      - {name: account, value: alice}
                      - {name: table, value: %s}
                - route:
                    id: own-feed
                    from:
                      uri: direct:own-feed
                      steps:
                        - to: direct:own-sink
                """.formatted(table));
        // The exchange comes from the integrator's route: the sink's parameters are its own bean's.
        Exchange sent = producer.request("direct:own-feed", e -> e.getIn().setBody("name,lat,lon\nA,1,1\n"));
        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(TemplateImports.TABLE_NAME)).isEqualTo(table);
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(1L);
    }

    @Test
    void geoingestsErrorConfigurationAppliesToItsRoutesOnly() {
        List<String> own = camel.getRoutes().stream()
                .filter(r -> r.getSourceLocation() != null && r.getSourceLocation().startsWith("classpath:routes/"))
                .map(r -> r.getRouteId()).toList();
        assertThat(own).contains("import", "copy-sink", "source-file", "source-mysql", "format-csv", "format-kml");
        for (String id : own) {
            assertThat(camel.getRoute(id).getConfigurationId()).as("route %s", id).isEqualTo("geoingest-errors");
        }
        for (String id : List.of("test-sink", "test-import", "csv-dropbox", MYSQL_SYNC)) {
            assertThat(camel.getRoute(id).getConfigurationId()).as("templated route %s", id).isEqualTo("geoingest-errors");
        }
        assertThat(camel.getRoute("own-route").getConfigurationId()).as("the integrator's own route").isNull();
    }

    @Test
    void templatesTakeTheSeedsSpellingOfQuotedFieldsGuessing() throws Exception {
        String table = unique("seed_quoted");
        load("seed-quoted", """
                - templatedRoute:
                    routeTemplateRef: geoingest-copy-sink
                    routeId: seed-quoted
                    parameters:
                      - {name: name, value: seed-quoted}
                      - {name: account, value: alice}
                      - {name: table, value: %s}
                      - {name: quoted_field_guessing, value: "false"}
                """.formatted(table));
        Exchange sent = producer.request("direct:seed-quoted", e -> e.getIn().setBody("name,code\nA,\"7\"\nB,\"8\"\n"));
        assertThat(sent.getException()).isNull();
        assertThat(columns("alice", table)).containsEntry("code", "text");
        String id = sent.getMessage().getHeader(TemplateImports.IMPORT_ID).toString();
        assertThat(get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody().get("quoted_fields_guessing")
                .asBoolean()).isFalse();
    }

    @Test
    void theImportTemplateImportsItsUrlOnEachMessage() throws Exception {
        Exchange sent = producer.request("direct:test-import", e -> { });
        assertThat(sent.getException()).isNull();
        String id = sent.getMessage().getHeader(TemplateImports.IMPORT_ID).toString();
        JsonNode done = assertComplete(awaitFinal(ALICE_KEY, id));
        assertThat(scalar("SELECT count(*) FROM alice." + done.get("table_name").asText())).isEqualTo(2L);
    }

    @Test
    void aFileWrittenIntoTheRoutesDirectoryIsPickedUpWithoutARestart() throws Exception {
        String name = unique("hot").replace('_', '-');
        Path tmp = Files.writeString(routes.resolve("hot.tmp"), declaration(name, "alice", "3600"));
        Files.move(tmp, routes.resolve("hot.camel.yaml"));
        assertThat(awaitDeclaredSync(name, s -> s.get("state").asText().equals("success")).get("interval").asInt())
                .isEqualTo(3600);
    }

    @Test
    void routesThatCanNeverWorkAreRefusedWithTheReasonAndCreateNothing() throws Exception {
        String name = unique("bad").replace('_', '-');
        assertRefused(declaration(name, "mallory", "3600"), "unknown account 'mallory'");
        assertRefused(declaration(name, "alice", "600"), "Sync interval must be at least 15 minutes");
        assertRefused(declaration(name, "alice", "3600").replace("name: url", "name: urll"), "has no parameter urll");
        assertRefused(declaration(name, "alice", "3600").replace("{name: account, value: alice}", "{name: other, value: x}"),
                "account");
        assertRefused(declaration(name + " x", "alice", "3600"), "must be letters, digits");
        assertRefused(declaration(name, "alice", "3600").replace(source.url(CITIES + ".csv"), "file:///etc/passwd"),
                "http");
        assertRefused(declaration(name, "alice", "3600").replace("name: url, value: \"" + source.url(CITIES + ".csv")
                + "\"", "name: connector, value: '{\"provider\": \"mysql\", \"connection\": {}}'"), "Route " + name);
        // A password travels in its own parameter (format: password), never inside the connector's JSON.
        assertRefused(declaration(name, "alice", "3600").replace("name: url, value: \"" + source.url(CITIES + ".csv")
                + "\"", "name: connector, value: '{\"provider\": \"mysql\", \"connection\": {\"server\": \"h\","
                + " \"username\": \"u\", \"password\": \"p\"}, \"table\": \"t\"}'"), "not inside connector");
        assertThat(scalar("SELECT count(*) FROM geoingest.synchronizations WHERE declared_as = '" + name + "'"))
                .isEqualTo(0L);
        assertThat(camel.getRoute(name)).isNull();
    }

    private void assertRefused(String yaml, String reason) {
        assertThatThrownBy(() -> load("refused", yaml)).as("refused because of %s", reason)
                .hasStackTraceContaining(reason);
    }

    /** A URL sync of the fake source, as an integrator's file declares it. */
    private static String declaration(String name, String account, String interval) {
        return """
                - templatedRoute:
                    routeTemplateRef: geoingest-sync
                    routeId: %s
                    parameters:
                      - {name: name, value: %s}
                      - {name: account, value: %s}
                      - {name: interval, value: "%s"}
                      - {name: url, value: "%s"}
                """.formatted(name, name, account, interval, source.url(CITIES + ".csv"));
    }

    /** Loads a routes file into the running service, as a reload does. */
    private void load(String file, String yaml) throws Exception {
        reload.reload(ResourceHelper.fromString("file:" + file + ".camel.yaml", yaml));
    }

    private JsonNode declaredSync(String name) throws SQLException {
        Object id = scalar("SELECT id::text FROM geoingest.synchronizations WHERE declared_as = '" + name + "'");
        return id == null ? null : get("/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY).getBody();
    }

    private JsonNode awaitDeclaredSync(String name, Predicate<JsonNode> done) throws Exception {
        return await(() -> {
            JsonNode s = declaredSync(name);
            return s != null && done.test(s) ? s : null;
        });
    }

    private static <T> T await(Callable<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            T found = probe.call();
            if (found != null) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out");
    }
}
