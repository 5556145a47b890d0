package io.geoingest.connectors.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for Snowflake's REST endpoints, as snowflake-jdbc 3.24.2 calls them, over plain HTTP
 * (the driver's {@code ssl=off}): login ({@code /session/v1/login-request}), queries
 * ({@code /queries/v1/query-request}) answered with JSON results whose rows beyond the first
 * chunk are downloaded as chunk files (gzip with and without {@code Content-Encoding}, and plain,
 * each requiring the {@code chunkHeaders} the result named), long queries whose result the driver
 * polls for ({@code 333334}, {@code getResultUrl}), logout ({@code /session?delete=true}),
 * telemetry and abort requests. Session parameters sent at login are echoed in the login and query
 * responses, as Snowflake does, over its defaults (time zone America/Los_Angeles, 4 prefetch
 * threads, 1536 MB of memory for chunks, chunks of 160 MB).
 * Everything received is recorded for the tests to inspect.
 */
final class FakeSnowflake implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHUNK_HEADER = "x-fake-chunk-key";

    /** A result column as Snowflake's {@code rowtype} describes it ({@code fixed}, {@code text}, ...). */
    record Col(String name, String type, Integer precision, Integer scale) {
        static Col of(String name, String type) {
            return new Col(name, type, null, null);
        }
    }

    /** A query's rows, as the JSON result format carries them: every value a string or null. */
    record Result(List<Col> columns, List<List<String>> rows) {
    }

    /** A query Snowflake refuses. */
    record Failure(String code, String sqlState, String message) {
    }

    /** One HTTP request: method, path with query, headers (lower-case names), body (decompressed). */
    record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
        String path() {
            return uri.getPath();
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final Set<String> slow = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonNode> running = new ConcurrentHashMap<>();
    private final Map<String, String> chunks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final int firstChunkRows;
    private final int chunkRows;

    /**
     * @param firstChunkRows rows sent in the query response itself
     * @param chunkRows      rows per downloaded chunk after those
     */
    FakeSnowflake(int firstChunkRows, int chunkRows) throws IOException {
        this.firstChunkRows = firstChunkRows;
        this.chunkRows = chunkRows;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    void user(String name, String password) {
        passwords.put(name, password);
    }

    void answer(String sql, Result result) {
        answers.put(sql, result);
    }

    /** As {@link #answer}, but as a query that runs long: the driver has to poll for its result. */
    void answerSlowly(String sql, Result result) {
        answers.put(sql, result);
        slow.add(sql);
    }

    void fail(String sql, Failure failure) {
        answers.put(sql, failure);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The SQL texts of the query requests, in order. */
    List<String> queries() {
        return requests("/queries/v1/query-request").stream().map(r -> r.json().path("sqlText").asText()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Request r = record(ex);
            switch (r.path()) {
                case "/session/v1/login-request" -> login(ex, r);
                case "/queries/v1/query-request" -> query(ex, r);
                case "/session", "/telemetry/send", "/queries/v1/abort-request", "/session/heartbeat" ->
                        send(ex, 200, envelope(true, null, null, null));
                default -> {
                    if (r.path().startsWith("/chunks/")) {
                        chunk(ex, r);
                    } else if (r.path().startsWith("/queries/") && r.path().endsWith("/result")) {
                        pollResult(ex, r);
                    } else {
                        send(ex, 404, envelope(false, "404", "no such endpoint " + r.path(), null));
                    }
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private Request record(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new java.util.zip.GZIPInputStream(in);
        }
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI(), Map.copyOf(headers), body);
        requests.add(r);
        return r;
    }

    private void login(HttpExchange ex, Request r) throws IOException {
        JsonNode data = r.json().path("data");
        String user = data.path("LOGIN_NAME").asText();
        String password = data.path("PASSWORD").asText();
        if (!password.equals(passwords.get(user))) {
            ObjectNode d = JSON.createObjectNode().put("nextAction", "RETRY_LOGIN").put("authnMethod", "USERNAME_PASSWORD");
            send(ex, 200, envelope(false, "390100", "Incorrect username or password was specified.", d));
            return;
        }
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("AUTOCOMMIT", true);
        params.put("TIMEZONE", "America/Los_Angeles");
        params.put("CLIENT_PREFETCH_THREADS", 4);
        params.put("CLIENT_MEMORY_LIMIT", 1536);
        params.put("CLIENT_RESULT_CHUNK_SIZE", 160);
        for (Iterator<Map.Entry<String, JsonNode>> it = data.path("SESSION_PARAMETERS").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), typed(e.getValue().asText()));
        }
        String token = "session-" + ids.incrementAndGet();
        sessions.put(token, params);
        ObjectNode d = JSON.createObjectNode();
        d.put("token", token).put("masterToken", "master-" + token).put("validityInSeconds", 3600)
                .put("masterValidityInSeconds", 14400).put("sessionId", ids.get()).put("healthCheckInterval", 45);
        d.set("parameters", parameters(params));
        ObjectNode info = d.putObject("sessionInfo");
        info.put("databaseName", query(r.uri(), "databaseName")).put("schemaName", query(r.uri(), "schemaName"))
                .put("warehouseName", query(r.uri(), "warehouse")).put("roleName", "PUBLIC");
        send(ex, 200, envelope(true, null, null, d));
    }

    private void query(HttpExchange ex, Request r) throws IOException {
        Map<String, Object> params = session(r);
        if (params == null) {
            send(ex, 200, envelope(false, "390112", "Your session has expired. Please login again.", null));
            return;
        }
        String sql = r.json().path("sqlText").asText();
        Object answer = answers.get(sql);
        String queryId = "01fake-" + ids.incrementAndGet();
        if (answer == null) {
            answer = new Failure("002003", "42S02", "SQL compilation error:\nObject does not exist or not authorized.");
        }
        if (answer instanceof Failure f) {
            ObjectNode d = JSON.createObjectNode().put("internalError", false).put("errorCode", f.code())
                    .put("sqlState", f.sqlState()).put("queryId", queryId).put("age", 0).put("type", "COMPILATION");
            send(ex, 200, envelope(false, f.code(), f.message(), d));
            return;
        }
        ObjectNode d = result((Result) answer, params, queryId);
        if (slow.contains(sql)) {
            // What Snowflake answers when a query is still running after about 45 seconds.
            String url = "/queries/" + queryId + "/result";
            running.put(url, d);
            ObjectNode progress = JSON.createObjectNode().put("getResultUrl", url).put("queryId", queryId);
            send(ex, 200, envelope(true, "333334", "Asynchronous execution in progress. Use provided query id to perform"
                    + " query monitoring and management.", progress));
            return;
        }
        send(ex, 200, envelope(true, null, null, d));
    }

    private void pollResult(HttpExchange ex, Request r) throws IOException {
        JsonNode d = running.remove(r.path());
        if (session(r) == null || d == null) {
            send(ex, 200, envelope(false, "000605", "Identified SQL statement is not currently executing.", null));
            return;
        }
        send(ex, 200, envelope(true, null, null, d));
    }

    private ObjectNode result(Result result, Map<String, Object> params, String queryId) {
        ObjectNode d = JSON.createObjectNode();
        d.set("parameters", parameters(params));
        ArrayNode rowtype = d.putArray("rowtype");
        for (Col c : result.columns()) {
            ObjectNode t = rowtype.addObject().put("name", c.name()).put("type", c.type()).put("nullable", true)
                    .put("database", "").put("schema", "").put("table", "");
            t.put("precision", c.precision()).put("scale", c.scale());
            if (c.type().equals("text")) {
                t.put("length", 16777216).put("byteLength", 16777216);
            }
        }
        List<List<String>> rows = result.rows();
        int first = Math.min(firstChunkRows, rows.size());
        d.set("rowset", rowset(rows.subList(0, first)));
        ArrayNode chunkList = JSON.createArrayNode();
        for (int from = first, n = 0; from < rows.size(); from += chunkRows, n++) {
            List<List<String>> part = rows.subList(from, Math.min(rows.size(), from + chunkRows));
            String text = rowset(part).toString();
            // A chunk file is the rows without the enclosing brackets.
            String key = queryId + "/" + n;
            chunks.put(key, text.substring(1, text.length() - 1));
            chunkList.addObject().put("url", "http://" + host() + ":" + port() + "/chunks/" + key)
                    .put("rowCount", part.size()).put("uncompressedSize", text.length()).put("compressedSize", text.length());
        }
        if (!chunkList.isEmpty()) {
            d.set("chunks", chunkList);
            d.putObject("chunkHeaders").put(CHUNK_HEADER, "secret-" + queryId);
        }
        d.put("total", rows.size()).put("returned", rows.size()).put("queryId", queryId)
                .put("queryResultFormat", "json").put("version", 1).put("statementTypeId", 4096)
                .put("finalDatabaseName", "DB").put("finalSchemaName", "PUBLIC");
        return d;
    }

    /** Chunks alternate between gzip named by Content-Encoding, gzip found by its magic bytes, and plain. */
    private void chunk(HttpExchange ex, Request r) throws IOException {
        String key = r.path().substring("/chunks/".length());
        String text = chunks.get(key);
        String queryId = key.substring(0, key.indexOf('/'));
        List<String> secret = r.headers().get(CHUNK_HEADER);
        if (text == null || secret == null || !secret.equals(List.of("secret-" + queryId))) {
            ex.sendResponseHeaders(403, -1);
            return;
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        int n = Integer.parseInt(key.substring(key.indexOf('/') + 1));
        byte[] body = n % 3 == 2 ? plain : gzip(plain);
        if (n % 3 == 0) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private Map<String, Object> session(Request r) {
        String auth = r.headers().getOrDefault("authorization", List.of("")).get(0);
        String prefix = "Snowflake Token=\"";
        if (!auth.startsWith(prefix)) {
            return null;
        }
        return sessions.get(auth.substring(prefix.length(), auth.length() - 1));
    }

    // ---------------------------------------------------------------- JSON

    private static ObjectNode envelope(boolean success, String code, String message, JsonNode data) {
        ObjectNode n = JSON.createObjectNode();
        n.set("data", data);
        n.put("code", code).put("message", message).put("success", success);
        return n;
    }

    private static ArrayNode parameters(Map<String, Object> params) {
        ArrayNode a = JSON.createArrayNode();
        params.forEach((k, v) -> a.addObject().put("name", k).putPOJO("value", v));
        return a;
    }

    /** Snowflake sends numbers and booleans as such. */
    private static Object typed(String v) {
        if (v.matches("-?\\d{1,9}")) {
            return Integer.parseInt(v);
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        return v;
    }

    private static ArrayNode rowset(List<List<String>> rows) {
        ArrayNode a = JSON.createArrayNode();
        for (List<String> row : rows) {
            ArrayNode r = a.addArray();
            row.forEach(r::add);
        }
        return a;
    }

    private static String query(URI uri, String name) {
        for (String p : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static void send(HttpExchange ex, int status, JsonNode json) throws IOException {
        byte[] b = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** Rows {@code from..to} of a one-column result, for tests that need many. */
    static List<List<String>> numbered(int from, int to) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            rows.add(List.of(Integer.toString(i)));
        }
        return rows;
    }
}
