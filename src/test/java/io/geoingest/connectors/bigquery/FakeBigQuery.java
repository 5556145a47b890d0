package io.geoingest.connectors.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A fake of the BigQuery REST API v2 on 127.0.0.1, implementing just what the Google client
 * (2.57.1) calls for the connector's flows, with Google's JSON shapes:
 * <ul>
 * <li>{@code GET  projects/{p}/datasets/{d}/tables/{t}} (tables.get: type, schema);</li>
 * <li>{@code GET  projects/{p}/datasets/{d}/tables/{t}/data} (tabledata.list: maxResults,
 *     pageToken, formatOptions.useInt64Timestamp);</li>
 * <li>{@code POST projects/{p}/jobs} (jobs.insert: dry runs answer the statement type; a query
 *     job's result goes to an anonymous table, listed like any table);</li>
 * <li>{@code GET  projects/{p}/queries/{job}} (getQueryResults: not complete for
 *     {@link #pollsBeforeDone} polls, then schema, total and a first page);</li>
 * <li>{@code GET  projects/{p}/jobs/{job}} (jobs.get);</li>
 * <li>{@code POST /token} (OAuth token endpoint for a service-account key), and a Bearer token
 *     check once {@link #requireToken} is set.</li>
 * </ul>
 * Rows are generated when a page is served, never stored; every request is recorded.
 */
final class FakeBigQuery implements AutoCloseable {
    static final String PREFIX = "/bigquery/v2/projects/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE = Pattern.compile("([^/]+)/datasets/([^/]+)/tables/([^/]+)(/data)?");
    private static final Pattern JOBS = Pattern.compile("([^/]+)/jobs");
    private static final Pattern TABLE_LIST = Pattern.compile("([^/]+)/datasets/([^/]+)/tables");
    private static final Pattern JOB = Pattern.compile("([^/]+)/jobs/([^/]+)");
    private static final Pattern RESULTS = Pattern.compile("([^/]+)/queries/([^/]+)");

    /** A recorded request; {@code path} is decoded, without {@link #PREFIX} for API calls. */
    record Request(String method, String path, Map<String, String> query, String body, String authorization) {
    }

    /**
     * A schema field; {@code fields} for a RECORD. Types as BigQuery writes them: mostly the
     * legacy names (INTEGER, FLOAT, BOOLEAN, RECORD), their standard aliases also occur.
     */
    record Field(String name, String type, String mode, List<Field> fields) {
        static Field of(String name, String type) {
            return new Field(name, type, "NULLABLE", List.of());
        }

        static Field repeated(String name, String type) {
            return new Field(name, type, "REPEATED", List.of());
        }

        static Field record(String name, Field... fields) {
            return new Field(name, "RECORD", "NULLABLE", List.of(fields));
        }
    }

    /** A STRUCT value. */
    record Struct(List<Object> values) {
    }

    /**
     * Rows, generated on demand: cells as the REST API writes them (String, null, a List for
     * an array, a {@link Struct}); TIMESTAMP cells as integer microseconds.
     */
    interface Rows {
        long size();

        List<Object> row(long index);

        static Rows of(List<List<Object>> rows) {
            return new Rows() {
                @Override
                public long size() {
                    return rows.size();
                }

                @Override
                public List<Object> row(long index) {
                    return rows.get((int) index);
                }
            };
        }
    }

    /** A table or query result: its schema, its rows, and its tables.get {@code type}. */
    record Data(List<Field> schema, Rows rows, String type) {
        Data(List<Field> schema, Rows rows) {
            this(schema, rows, "TABLE");
        }
    }

    private record Failure(Predicate<Request> when, int status, String reason, String message) {
    }

    private record FakeJob(String project, String id, String sql, String destination, String error) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Data> tables = new ConcurrentHashMap<>();
    private final Map<String, Data> queries = new ConcurrentHashMap<>();
    private final Map<String, String> statementTypes = new ConcurrentHashMap<>();
    private final Map<String, String> jobErrors = new ConcurrentHashMap<>();
    private final Map<String, FakeJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong rowsServed = new AtomicLong();
    private volatile int pollsBeforeDone;
    private volatile String token;
    private volatile boolean refuseTokens;
    private volatile LongConsumer beforePage = served -> { };

    FakeBigQuery() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void table(String project, String dataset, String table, Data data) {
        tables.put(project + "." + dataset + "." + table, data);
    }

    /** A query the fake knows: its dry run says SELECT, its job yields {@code result}. */
    void query(String sql, Data result) {
        queries.put(sql, result);
    }

    void statementType(String sql, String type) {
        statementTypes.put(sql, type);
    }

    /** The query's job fails once running, as BigQuery reports it in the job's status. */
    void jobError(String sql, String message) {
        jobErrors.put(sql, message);
    }

    /** Every request whose method and (prefix-less) path match answers this Google error. */
    void fail(String method, String pathRegex, int status, String reason, String message) {
        fail(r -> r.method().equals(method) && r.path().matches(pathRegex), status, reason, message);
    }

    /** Every matching API request answers this Google error. */
    void fail(Predicate<Request> when, int status, String reason, String message) {
        failures.add(new Failure(when, status, reason, message));
    }

    void pollsBeforeDone(int n) {
        pollsBeforeDone = n;
    }

    /** API calls then need {@code Authorization: Bearer token}, which {@code POST /token} hands out. */
    void requireToken(String value) {
        token = value;
    }

    /** The token endpoint refuses every key, as Google does a revoked one. */
    void refuseTokens() {
        refuseTokens = true;
    }

    /** Called before each page of rows is served, with the rows served before it. */
    void beforePage(LongConsumer listener) {
        beforePage = listener;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathRegex) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).toList();
    }

    long rowsServed() {
        return rowsServed.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String fullPath = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String body = body(ex);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (fullPath.equals("/token")) {
                requests.add(new Request(method, fullPath, query, body, auth));
                if (refuseTokens) {
                    send(ex, 400, JSON.createObjectNode().put("error", "invalid_grant")
                            .put("error_description", "Invalid JWT Signature."));
                } else {
                    send(ex, 200, JSON.createObjectNode().put("access_token", token).put("expires_in", 3600)
                            .put("token_type", "Bearer"));
                }
                return;
            }
            if (!fullPath.startsWith(PREFIX)) {
                requests.add(new Request(method, fullPath, query, body, auth));
                error(ex, 404, "notFound", "Not found: URL " + fullPath);
                return;
            }
            String path = fullPath.substring(PREFIX.length());
            Request request = new Request(method, path, query, body, auth);
            requests.add(request);
            if (token != null && !("Bearer " + token).equals(auth)) {
                error(ex, 401, "required", "Request is missing required authentication credential.");
                return;
            }
            for (Failure f : failures) {
                if (f.when().test(request)) {
                    error(ex, f.status(), f.reason(), f.message());
                    return;
                }
            }
            route(ex, method, path, query, body);
        } catch (RuntimeException e) {
            error(ex, 500, "backendError", "fake failure: " + e);
        }
    }

    private void route(HttpExchange ex, String method, String path, Map<String, String> query, String body)
            throws IOException {
        Matcher m;
        if (method.equals("GET") && (m = TABLE.matcher(path)).matches()) {
            String key = m.group(1) + "." + m.group(2) + "." + m.group(3);
            Data data = tables.get(key);
            if (data == null) {
                error(ex, 404, "notFound", "Not found: Table " + m.group(1) + ":" + m.group(2) + "." + m.group(3));
            } else if (m.group(4) == null) {
                send(ex, 200, tableJson(m.group(1), m.group(2), m.group(3), data));
            } else {
                send(ex, 200, page(JSON.createObjectNode().put("kind", "bigquery#tableDataList"), data, query));
            }
        } else if (method.equals("GET") && (m = TABLE_LIST.matcher(path)).matches()) {
            String project = m.group(1);
            String dataset = m.group(2);
            String prefix = project + "." + dataset + ".";
            ObjectNode list = JSON.createObjectNode().put("kind", "bigquery#tableList");
            ArrayNode items = list.putArray("tables");
            tables.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().forEach(k -> items.addObject()
                    .put("kind", "bigquery#table").put("type", "TABLE").putObject("tableReference")
                    .put("projectId", project).put("datasetId", dataset).put("tableId", k.substring(prefix.length())));
            list.put("totalItems", items.size());
            send(ex, 200, list);
        } else if (method.equals("POST") && (m = JOBS.matcher(path)).matches()) {
            insertJob(ex, m.group(1), JSON.readTree(body));
        } else if (method.equals("GET") && (m = RESULTS.matcher(path)).matches()) {
            queryResults(ex, m.group(2), query);
        } else if (method.equals("GET") && (m = JOB.matcher(path)).matches()) {
            FakeJob job = jobs.get(m.group(2));
            if (job == null) {
                error(ex, 404, "notFound", "Not found: Job " + m.group(1) + ":" + m.group(2));
            } else {
                send(ex, 200, jobJson(job, done(job)));
            }
        } else {
            error(ex, 400, "badRequest", "The fake does not implement " + method + " " + path);
        }
    }

    // ---------------------------------------------------------------- jobs

    private void insertJob(HttpExchange ex, String project, JsonNode job) throws IOException {
        JsonNode config = job.path("configuration");
        String sql = config.path("query").path("query").asText(null);
        if (sql == null) {
            error(ex, 400, "invalid", "The fake runs query jobs only");
            return;
        }
        Data result = queries.get(sql);
        if (result == null) {
            error(ex, 400, "invalidQuery", "Syntax error: Unexpected identifier at [1:1] (fake: unknown query " + sql + ")");
            return;
        }
        if (config.path("dryRun").asBoolean(false)) {
            ObjectNode dry = JSON.createObjectNode().put("kind", "bigquery#job");
            dry.putObject("jobReference").put("projectId", project).put("location", "US");
            dry.set("configuration", config);
            dry.putObject("status").put("state", "DONE");
            ObjectNode stats = dry.putObject("statistics").put("creationTime", "1700000000000")
                    .put("totalBytesProcessed", "0");
            stats.putObject("query").put("statementType", statementTypes.getOrDefault(sql, "SELECT"))
                    .put("totalBytesProcessed", "0");
            send(ex, 200, dry);
            return;
        }
        String id = job.path("jobReference").path("jobId").asText();
        String destination = "anon_" + id;
        tables.put(project + "._fake_anon." + destination, result);
        FakeJob created = new FakeJob(project, id, sql, destination, jobErrors.get(sql));
        jobs.put(id, created);
        polls.put(id, new AtomicInteger());
        send(ex, 200, jobJson(created, false));
    }

    private boolean done(FakeJob job) {
        return polls.get(job.id()).get() >= pollsBeforeDone;
    }

    private ObjectNode jobJson(FakeJob job, boolean done) {
        ObjectNode n = JSON.createObjectNode().put("kind", "bigquery#job").put("id", job.project() + ":US." + job.id());
        n.putObject("jobReference").put("projectId", job.project()).put("jobId", job.id()).put("location", "US");
        ObjectNode query = n.putObject("configuration").put("jobType", "QUERY").putObject("query");
        query.put("query", job.sql()).put("useLegacySql", false);
        query.putObject("destinationTable").put("projectId", job.project()).put("datasetId", "_fake_anon")
                .put("tableId", job.destination());
        ObjectNode status = n.putObject("status").put("state", done ? "DONE" : "RUNNING");
        if (done && job.error() != null) {
            status.set("errorResult", googleError("invalidQuery", job.error()));
            status.putArray("errors").add(googleError("invalidQuery", job.error()));
        }
        ObjectNode stats = n.putObject("statistics").put("creationTime", "1700000000000").put("startTime", "1700000000001");
        if (done) {
            stats.put("endTime", "1700000000002");
        }
        stats.putObject("query").put("statementType", "SELECT");
        return n;
    }

    private void queryResults(HttpExchange ex, String id, Map<String, String> query) throws IOException {
        FakeJob job = jobs.get(id);
        if (job == null) {
            error(ex, 404, "notFound", "Not found: Job " + id);
            return;
        }
        boolean done = polls.get(id).getAndIncrement() >= pollsBeforeDone;
        ObjectNode n = JSON.createObjectNode().put("kind", "bigquery#getQueryResultsResponse");
        n.putObject("jobReference").put("projectId", job.project()).put("jobId", id).put("location", "US");
        n.put("jobComplete", done);
        if (!done) {
            send(ex, 200, n);
            return;
        }
        if (job.error() != null) {
            error(ex, 400, "invalidQuery", job.error());
            return;
        }
        send(ex, 200, page(n, tables.get(job.project() + "._fake_anon." + job.destination()), query));
    }

    // ---------------------------------------------------------------- rows

    private ObjectNode tableJson(String project, String dataset, String table, Data data) {
        ObjectNode n = JSON.createObjectNode().put("kind", "bigquery#table")
                .put("id", project + ":" + dataset + "." + table).put("type", data.type())
                .put("numRows", Long.toString(data.rows().size())).put("location", "US")
                .put("creationTime", "1700000000000");
        n.putObject("tableReference").put("projectId", project).put("datasetId", dataset).put("tableId", table);
        n.set("schema", schema(data.schema()));
        return n;
    }

    /** One page: from the offset in {@code pageToken}, {@code maxResults} rows (all without it). */
    private ObjectNode page(ObjectNode n, Data data, Map<String, String> query) {
        long total = data.rows().size();
        long from = query.containsKey("pageToken") ? Long.parseLong(query.get("pageToken").substring("row:".length()))
                : Long.parseLong(query.getOrDefault("startIndex", "0"));
        long max = Long.parseLong(query.getOrDefault("maxResults", Long.toString(Long.MAX_VALUE)));
        long to = Math.min(total, from + Math.max(0, Math.min(max, total)));
        boolean int64 = "true".equals(query.get("formatOptions.useInt64Timestamp"));
        n.set("schema", schema(data.schema()));
        n.put("totalRows", Long.toString(total));
        if (to < total) {
            n.put("pageToken", "row:" + to);
        }
        if (to > from) {
            beforePage.accept(rowsServed.get());
            ArrayNode rows = n.putArray("rows");
            for (long i = from; i < to; i++) {
                rows.add(row(data.schema(), data.rows().row(i), int64));
                rowsServed.incrementAndGet();
            }
        }
        return n;
    }

    private static ObjectNode row(List<Field> schema, List<Object> cells, boolean int64) {
        ObjectNode row = JSON.createObjectNode();
        ArrayNode f = row.putArray("f");
        for (int i = 0; i < schema.size(); i++) {
            f.add(cell(schema.get(i), cells.get(i), int64));
        }
        return row;
    }

    private static ObjectNode cell(Field field, Object value, boolean int64) {
        ObjectNode c = JSON.createObjectNode();
        if (value == null) {
            c.putNull("v");
        } else if (value instanceof List<?> list) {
            ArrayNode a = c.putArray("v");
            Field element = new Field(field.name(), field.type(), "NULLABLE", field.fields());
            list.forEach(v -> a.add(cell(element, v, int64)));
        } else if (value instanceof Struct s) {
            c.set("v", row(field.fields(), s.values(), int64));
        } else if (field.type().equals("TIMESTAMP") && !int64) {
            // What BigQuery writes without useInt64Timestamp: float seconds.
            c.put("v", Double.toString(Long.parseLong(value.toString()) / 1e6));
        } else {
            c.put("v", value.toString());
        }
        return c;
    }

    private static ObjectNode schema(List<Field> fields) {
        ObjectNode s = JSON.createObjectNode();
        ArrayNode a = s.putArray("fields");
        for (Field f : fields) {
            ObjectNode n = a.addObject().put("name", f.name()).put("type", f.type()).put("mode", f.mode());
            if (f.type().equals("RANGE")) {
                n.putObject("rangeElementType").put("type", "DATE");
            }
            if (!f.fields().isEmpty()) {
                n.set("fields", schema(f.fields()).get("fields"));
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- HTTP

    private static ObjectNode googleError(String reason, String message) {
        return JSON.createObjectNode().put("reason", reason).put("location", "").put("message", message);
    }

    private static void error(HttpExchange ex, int status, String reason, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error").put("code", status).put("message", message);
        e.putArray("errors").addObject().put("message", message).put("domain", "global").put("reason", reason);
        e.put("status", switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            default -> "INTERNAL";
        });
        send(ex, status, n);
    }

    private static void send(HttpExchange ex, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String body(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }
}
