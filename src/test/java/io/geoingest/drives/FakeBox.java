package io.geoingest.drives;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Box API 2.0 on 127.0.0.1 (the SDK's base URL is {@link #url()}), answering as Box does:
 * <ul>
 * <li>{@code GET /2.0/files/<id>?fields=...}: the file's information, with its {@code file_version};</li>
 * <li>{@code GET /2.0/files/<id>/content}: its content (Box redirects to its download host; the
 *     fake answers directly, which the SDK also takes);</li>
 * <li>errors in Box's JSON shape: 401 for a token it does not know (or one {@link #revoke}d),
 *     404 {@code not_found} for a file it does not hold (or one {@link #delete}d).</li>
 * </ul>
 * {@link #trash} marks a file {@code item_status: trashed}; {@link #cutShort} makes a file's
 * download announce its whole length and send half.
 */
public final class FakeBox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2.0/files/";

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> cutShort = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> downloads = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong versions = new AtomicLong(1000);

    private record File(String name, long version, Instant modified, byte[] content, String status) {
    }

    public FakeBox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The SDK's base URL (it adds the API version, {@code 2.0/}, itself). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public void allow(String token) {
        tokens.add(token);
    }

    public void revoke(String token) {
        tokens.remove(token);
    }

    /** Stores (or replaces, as a new version) file {@code id}. */
    public void put(String id, String name, String content) {
        files.put(id, new File(name, versions.incrementAndGet(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                content.getBytes(StandardCharsets.UTF_8), "active"));
    }

    public void delete(String id) {
        files.remove(id);
    }

    public void trash(String id) {
        files.computeIfPresent(id, (k, f) -> new File(f.name(), f.version(), f.modified(), f.content(), "trashed"));
    }

    public void cutShort(String id) {
        cutShort.add(id);
    }

    public long downloads(String id) {
        AtomicLong n = downloads.get(id);
        return n == null ? 0 : n.get();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth);
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (token == null || !tokens.contains(token)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"Service\", error=\"invalid_token\"");
                send(exchange, 401, "text/plain", new byte[0], -1);
                return;
            }
            String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
            boolean content = rest.endsWith("/content");
            String id = content ? rest.substring(0, rest.length() - "/content".length()) : rest;
            File f = files.get(id);
            if (f == null) {
                error(exchange, 404, "not_found", "Not Found");
                return;
            }
            if (content) {
                downloads.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                send(exchange, 200, "application/octet-stream", f.content(),
                        cutShort.contains(id) ? f.content().length / 2 : -1);
                return;
            }
            String sha1 = sha1(f.content());
            ObjectNode m = JSON.createObjectNode().put("type", "file").put("id", id).put("etag", "0")
                    .put("sequence_id", "0").put("name", f.name()).put("size", f.content().length)
                    .put("sha1", sha1).put("modified_at", f.modified().toString())
                    .put("content_modified_at", f.modified().toString()).put("item_status", f.status());
            m.putObject("file_version").put("type", "file_version").put("id", String.valueOf(f.version()))
                    .put("sha1", sha1);
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(m), -1);
        }
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "error").put("status", status).put("code", code)
                .put("message", message).put("request_id", "fake");
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body), -1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, int sent) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sent < 0 ? body.length : sent);
            out.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
