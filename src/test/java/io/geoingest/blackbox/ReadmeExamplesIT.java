package io.geoingest.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.arcgis.FakeArcGis;
import io.geoingest.drives.FakeDropbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The black-box suite: the packaged service started as a user starts it ({@code bin/run.sh},
 * with nothing but free ports and an empty database of its own, {@code GEOINGEST_DATABASE}), then every shell example of
 * README.md and docs/ run verbatim in one shell, taken from the documents themselves, and the
 * request shapes of CARTO's own documentation (the seeds, {@code blackbox/seed-requests.md}).
 * Only where things are is substituted: the ports, the ArcGIS example's host (a local fake),
 * the database name in {@code psql} lines; for the Dropbox examples the service is pointed at a
 * local fake Dropbox, with the token docs/connectors.md configures for {@code demo}. Each example must exit 0, print the JSON its
 * comments promise ({@link Promise}), and leave in demo's database what it says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeExamplesIT {
    private static final String KEY = "demo-api-key";
    private static final Duration EXAMPLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Run in this order in one shell: later examples use what earlier ones made ({@code cities.csv},
     * {@code $id}, {@code $sync}, the file server, MariaDB's {@code shop}). Every Markdown file under
     * docs/ must be here, wherever in that tree it is.
     */
    static final List<String> DOCUMENTS = List.of("README.md", "docs/imports.md", "docs/connectors.md",
            "docs/formats.md", "docs/sql-api.md", "docs/security.md", "docs/api-reference.md",
            "docs/python-sdk.md", "docs/declarative-routes.md", "docs/operations.md", "docs/configuration.md",
            "docs/architecture.md", "docs/performance.md");
    /** Set up, Docker and benchmark commands: not examples of using the service. */
    private static final Set<String> NOT_RUN = Set.of("bin/run.sh", "bin/test.sh", "docker", "bench/prepare.sh");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path root = Path.of("").toAbsolutePath();
    private final Path out = root.resolve("target/readme-examples");
    private final String database = env("GEOINGEST_TEST_README_DB", "geoingest_test_readme");
    private final String pgServer = "jdbc:postgresql://127.0.0.1:" + env("GEOINGEST_PG_PORT", "5432") + "/";
    private final String pgUrl = pgServer + database;
    /** demo's own database, where its tables are ({@code <service database>__demo}). */
    private final String demoDatabase = database + "__demo";
    private final Map<String, String> syncTables = new HashMap<>();
    private Process service;
    private FakeArcGis arcgis;
    private FakeDropbox dropbox;
    /** The Dropbox tokens of docs/connectors.md's "Cloud drives": the request's, and the one configured for demo. */
    static final String DROPBOX_REQUEST_TOKEN = "Dbx-Docs-Request-T0ken";
    static final String DROPBOX_DEMO_TOKEN = "Dbx-Docs-Demo-T0ken";
    private ExampleShell shell;
    private int port;
    private int filesPort;
    private int managementPort;

    @BeforeAll
    void startTheServiceAsAUserDoes() throws Exception {
        deleteRecursively(out);
        Files.createDirectories(out.resolve("work"));
        try (Connection c = DriverManager.getConnection(pgUrl, "geoingest", "geoingest"); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('geoingest', 'demo')"))
                    .as("database %s must be empty (bin/test.sh makes it afresh)", database).isZero();
            assertThat(count(s, "SELECT count(*) FROM pg_database WHERE datname = '" + demoDatabase + "'"))
                    .as("database %s must not be there yet (bin/test.sh drops it)", demoDatabase).isZero();
        }
        port = freePort();
        filesPort = freePort();
        ProcessBuilder run = new ProcessBuilder("bin/run.sh").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(out.resolve("service.log").toFile());
        Map<String, String> env = run.environment();
        env.put("SERVER_PORT", String.valueOf(port));
        managementPort = freePort();
        env.put("GEOINGEST_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("GEOINGEST_DATABASE", database);
        // The user's own master secret (GEOINGEST_SECRET_KEY, else the ~/.config/geoingest/secret-key
        // bin/run.sh makes once): account roles are the cluster's, and a service with another secret
        // would change their passwords.
        env.keySet().removeIf(k -> k.startsWith("GEOINGEST_") && !Set.of("GEOINGEST_MANAGEMENT_PORT",
                "GEOINGEST_DATABASE", "GEOINGEST_SECRET_KEY").contains(k));
        env.remove("SPRING_DATASOURCE_URL");
        // docs/connectors.md's Dropbox file, served by a fake Dropbox the service's client is pointed at.
        dropbox = new FakeDropbox();
        dropbox.allow(DROPBOX_REQUEST_TOKEN);
        dropbox.allow(DROPBOX_DEMO_TOKEN);
        dropbox.put("id:a4ayc_80_OEAAAAAAAAAXw", "dropbox_cities.csv",
                "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\n");
        env.put("GEOINGEST_DRIVES_DROPBOX_API_URL", dropbox.url());
        env.put("GEOINGEST_DRIVES_DROPBOX_CONTENT_URL", dropbox.url());
        env.put("GEOINGEST_DRIVES_DROPBOX_TOKENS_DEMO", DROPBOX_DEMO_TOKEN);
        service = run.start();
        awaitUp();

        arcgis = new FakeArcGis();
        arcgis.serve("/arcgis/rest/services/Parcels/FeatureServer", new FakeArcGis.Service(10.91).add(parcels()));

        shell = new ExampleShell(out.resolve("work"), Map.of());
        log("service: GEOINGEST_DATABASE=%s bin/run.sh on port %d", database, port);
    }

    @AfterAll
    void stop() throws Exception {
        if (shell != null) {
            shell.close();
        }
        if (arcgis != null) {
            arcgis.close();
        }
        if (dropbox != null) {
            dropbox.close();
        }
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void everyExampleOfTheReadmeAndDocsDoesWhatItSays() throws Exception {
        assertThat(DOCUMENTS).as("the documents whose examples run, in order")
                .containsAll(markdownUnderDocs(root));
        List<ShellExample> examples = new ArrayList<>();
        for (String document : DOCUMENTS) {
            examples.addAll(ShellExample.in(root, document));
        }
        assertThat(examples).hasSizeGreaterThan(10);
        List<String> failures = new ArrayList<>();
        for (ShellExample example : examples) {
            if (NOT_RUN.contains(example.command())) {
                log("%-22s skipped (a set-up or benchmark command)  %s", example.where(), example.section());
                continue;
            }
            run(example.with(this::substitute), failures);
        }
        assertThat(failures).as("examples of the README and docs/ that failed").isEmpty();
    }

    /** After the documents' examples, in their shell: it uses their files, file server and {@code shop} database. */
    @Test
    @Order(2)
    void theSeedsRequestsWorkAsCartoDocumentsThem() throws Exception {
        Path seeds = root.resolve("src/test/resources/blackbox/seed-requests.md");
        List<String> failures = new ArrayList<>();
        for (ShellExample example : ShellExample.in(root, root.relativize(seeds).toString())) {
            run(example.with(text -> substitute(text)
                    .replace("https://{account}.carto.com", "http://127.0.0.1:" + port)
                    .replace("https://{username}.carto.com", "http://127.0.0.1:" + port + "/user/demo")
                    .replace("{api_key}", KEY)), failures);
        }
        assertThat(failures).as("seed requests that failed").isEmpty();
    }

    /** Every Markdown file under docs/, at any depth, as a path from the project's root ({@code docs/imports.md}). */
    static List<String> markdownUnderDocs(Path root) throws IOException {
        try (var files = Files.walk(root.resolve("docs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f))
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Where things are on this machine: the only changes made to an example. */
    private String substitute(String text) {
        return text.replace("localhost:8080", "localhost:" + port)
                .replace("127.0.0.1:8000", "127.0.0.1:" + filesPort)
                .replace("http.server 8000", "http.server " + filesPort)
                .replace("https://gis.example.org", arcgis.base())
                .replace("<Dropbox access token>", DROPBOX_REQUEST_TOKEN)
                .replace("-U geoingest geoingest", "-U geoingest " + database); // geoingest__demo too
    }

    /** Runs one example and logs its line; what went wrong, with the example and its output, joins {@code failures}. */
    private void run(ShellExample example, List<String> failures) throws Exception {
        Instant start = Instant.now();
        String problem;
        ExampleShell.Result result = null;
        try {
            result = shell.run(example.text(), EXAMPLE_TIMEOUT);
            problem = result.exit() != 0 ? "exit status " + result.exit() : broken(example, result.output());
            if (problem == null) {
                problem = check(example, result.output());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            problem = "no end within " + EXAMPLE_TIMEOUT.toSeconds() + " s: the shell is ended, later examples cannot run";
        } catch (AssertionError | Exception e) {
            problem = e.getMessage();
        }
        long ms = Duration.between(start, Instant.now()).toMillis();
        if (problem == null) {
            log("%-22s ok (%d ms)  %s", example.where(), ms, example.section());
        } else {
            String output = result == null ? "" : result.output().strip();
            String message = example.where() + " " + example.section() + ": " + problem
                    + "\n--- example ---\n" + example.text() + "--- output ---\n" + output;
            failures.add(message);
            log("%-22s FAILED  %s: %s", example.where(), example.section(),
                    problem.length() > 300 ? problem.substring(0, 300) + "…" : problem);
        }
    }

    /** The first promise its output does not keep, in the order written, or null. */
    private String broken(ShellExample example, String output) {
        List<JsonNode> answers = Promise.objectsIn(output);
        int next = 0;
        for (Promise promise : example.promises()) {
            while (next < answers.size() && !promise.isKeptBy(answers.get(next))) {
                next++;
            }
            if (next == answers.size()) {
                return "no answer matches " + promise;
            }
            next++;
        }
        return null;
    }

    /**
     * What an example says beyond the JSON it prints: every import it starts ends complete,
     * every sync it creates runs, and its tables hold what it says.
     */
    private String check(ShellExample example, String output) throws Exception {
        List<JsonNode> imports = new ArrayList<>();
        for (JsonNode answer : Promise.objectsIn(output)) {
            if (answer.has("item_queue_id") && answer.has("success")) {
                imports.add(awaitImport(answer.get("item_queue_id").asText()));
            }
            if (answer.has("data_import")) {
                awaitImport(answer.get("data_import").get("item_queue_id").asText());
                JsonNode sync = awaitSync(answer.get("id").asText());
                syncTables.put(sync.get("id").asText(), sync.get("name").asText());
                assertThat(count("SELECT count(*) FROM demo." + sync.get("name").asText())).isPositive();
            }
        }
        String t = example.text();
        if (t.contains("-F file=@cities.csv")) {
            assertRows("SELECT name || ' ' || ST_AsText(the_geom) FROM demo.cities ORDER BY cartodb_id",
                    "Madrid POINT(-3.7038 40.4168)", "Paris POINT(2.3522 48.8566)");
        } else if (t.contains("psql ")) {
            assertThat(output).contains("Madrid", "POINT(-3.7038 40.4168)", "(2 rows)");
        } else if (!t.contains("/api/v1/synchronizations")
                && (t.contains("url=http://127.0.0.1") || t.contains("\"url\":\"http://127.0.0.1"))) {
            assertRows("SELECT count(*) FROM demo." + tableOf(imports), "2");
        } else if (t.contains("\"provider\": \"mysql\"") && t.contains("/api/v1/imports")) {
            String table = tableOf(imports);
            if (t.contains("\"table\": \"stores\"")) {
                assertRows("SELECT name || ' ' || ST_AsText(the_geom) FROM demo." + table + " ORDER BY id",
                        "Centro POINT(-3.7 40.42)", "Norte POINT(-3.69 40.47)");
            } else {
                assertRows("SELECT name FROM demo." + table, "Centro");
            }
        } else if (t.contains("DELETE") && t.contains("/api/v1/synchronizations/$sync")) {
            String sync = shell.run("echo \"$sync\"", EXAMPLE_TIMEOUT).output().strip();
            assertThat(status("/api/v1/synchronizations/" + sync)).as("the sync after DELETE").isEqualTo(404);
            assertThat(count("SELECT count(*) FROM demo." + syncTables.get(sync))).as("its table stays").isEqualTo(2);
        } else if (t.contains("service_name\": \"arcgis\"")) {
            assertRows("SELECT count(*) || ' ' || count(the_geom) FROM demo." + tableOf(imports), "3 3");
        } else if (t.contains("--output upload_example_dl.csv")) {
            List<String> lines = Files.readAllLines(out.resolve("work/upload_example_dl.csv"));
            assertThat(lines).first().isEqualTo("the_geom,name,age");
            assertThat(lines).hasSize(1 + (int) count("SELECT count(*) FROM demo.upload_example"));
        } else if (t.contains("players.csv")) {
            assertRows("SELECT name || '|' || description || '|' || score FROM demo." + tableOf(imports),
                    "John Doe|Awesome, the best player ever|100");
        } else if (t.contains("null_island.csv")) {
            assertRows("SELECT name || ' ' || ST_AsText(the_geom) FROM demo." + tableOf(imports), "Null Island POINT(0 0)");
        }
        return null;
    }

    private static String tableOf(List<JsonNode> imports) {
        assertThat(imports).as("imports the example started").hasSize(1);
        return imports.get(0).get("table_name").asText();
    }

    private JsonNode awaitImport(String id) throws Exception {
        Instant deadline = Instant.now().plus(IMPORT_TIMEOUT);
        JsonNode state;
        do {
            state = get("/api/v1/imports/" + id);
            if (state.path("success").isBoolean()) {
                assertThat(state.get("state").asText()).as("import %s", state).isEqualTo("complete");
                return state;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("import " + id + " not finished within " + IMPORT_TIMEOUT + ": " + state);
    }

    private JsonNode awaitSync(String id) throws Exception {
        Instant deadline = Instant.now().plus(IMPORT_TIMEOUT);
        JsonNode state;
        do {
            state = get("/api/v1/synchronizations/" + id);
            String s = state.get("state").asText();
            if (s.equals("success") || s.equals("failure")) {
                assertThat(s).as("sync %s", state).isEqualTo("success");
                return state;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("sync " + id + " not run within " + IMPORT_TIMEOUT + ": " + state);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private int status(String path) throws IOException, InterruptedException {
        return send(path).statusCode();
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?api_key=" + KEY)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long count(String query) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            return count(s, query);
        }
    }

    private void assertRows(String query, String... rows) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = database(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                found.add(r.getString(1));
            }
        }
        assertThat(found).as(query).containsExactly(rows);
    }

    private void awaitUp() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new AssertionError("bin/run.sh ended with " + service.exitValue() + ": see " + out.resolve("service.log"));
            }
            try {
                // Ready, as its probe says: the API answers before Camel and Quartz have started.
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not answer within 180 s: see " + out.resolve("service.log"));
    }

    /** Three parcels with points: the layer docs/connectors.md's ArcGIS example names. */
    private FakeArcGis.Layer parcels() {
        FakeArcGis.Layer layer = new FakeArcGis.Layer(0, "Parcels", "Feature Layer", "esriGeometryPoint")
                .field("owner", "esriFieldTypeString").field("Shape", "esriFieldTypeGeometry");
        for (int i = 1; i <= 3; i++) {
            ObjectNode attributes = json.createObjectNode().put("owner", "owner " + i);
            layer.feature(i, attributes, json.createObjectNode().put("x", -3.7 + i / 100.0).put("y", 40.4));
        }
        return layer;
    }

    /** demo's database, where the examples' tables are, as the service's role (its owner). */
    private Connection database() throws SQLException {
        return DriverManager.getConnection(pgServer + demoDatabase, "geoingest", "geoingest");
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void log(String format, Object... args) {
        // Straight to the console (failsafe keeps test output in a file): one line per example.
        String line = "[readme] " + String.format(format, args);
        System.err.println(line);
        try {
            Files.writeString(out.resolve("examples.log"), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
