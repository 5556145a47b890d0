package io.geoingest.drives;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A fake Dropbox API v2 on 127.0.0.1, one server for both of its hosts, answering as Dropbox
 * does:
 * <ul>
 * <li>{@code POST /2/files/get_metadata} (JSON body {@code {"path": ...}}): the file's metadata;</li>
 * <li>{@code POST /2/files/download} (argument in the {@code Dropbox-API-Arg} header): the
 *     metadata in {@code Dropbox-API-Result}, the content as the body;</li>
 * <li>401 {@code invalid_access_token} for a token it does not know (or one {@link #revoke}d),
 *     409 {@code path/not_found} for a file it does not hold (or one {@link #delete}d).</li>
 * </ul>
 * {@link #cutShort} makes a file's download announce its whole length and send half.
 */
public final class FakeDropbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> cutShort = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> downloads = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong revs = new AtomicLong(0x100000000L);

    private record File(String name, String rev, Instant modified, byte[] content) {
    }

    public FakeDropbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void allow(String token) {
        tokens.add(token);
    }

    public void revoke(String token) {
        tokens.remove(token);
    }

    /** Stores (or replaces, as a new revision) file {@code id} ({@code id:...}). */
    public void put(String id, String name, String content) {
        files.put(id, new File(name, Long.toHexString(revs.incrementAndGet()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), content.getBytes(StandardCharsets.UTF_8)));
    }

    public void delete(String id) {
        files.remove(id);
    }

    public void cutShort(String id) {
        cutShort.add(id);
    }

    /** How many times the content of {@code id} was downloaded. */
    public long downloads(String id) {
        AtomicLong n = downloads.get(id);
        return n == null ? 0 : n.get();
    }

    /** Every request: method, path and its headers' {@code Authorization}, as received. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " " + path + " " + auth);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (token == null || !tokens.contains(token)) {
                error(exchange, 401, "invalid_access_token/", JSON.createObjectNode().put(".tag", "invalid_access_token"));
                return;
            }
            switch (path) {
                case "/2/files/get_metadata" -> {
                    String id = JSON.readTree(body).path("path").asText();
                    File f = files.get(id);
                    if (f == null) {
                        notFound(exchange);
                        return;
                    }
                    send(exchange, 200, "application/json", JSON.writeValueAsBytes(metadata(id, f)), -1);
                }
                case "/2/files/download" -> {
                    String arg = exchange.getRequestHeaders().getFirst("Dropbox-API-Arg");
                    String id = JSON.readTree(arg).path("path").asText();
                    File f = files.get(id);
                    if (f == null) {
                        notFound(exchange);
                        return;
                    }
                    downloads.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                    exchange.getResponseHeaders().set("Dropbox-API-Result", JSON.writeValueAsString(metadata(id, f)));
                    int sent = cutShort.contains(id) ? f.content().length / 2 : f.content().length;
                    send(exchange, 200, "application/octet-stream", f.content(), sent);
                }
                default -> send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), -1);
            }
        }
    }

    private static ObjectNode metadata(String id, File f) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put(".tag", "file").put("name", f.name()).put("id", id)
                .put("client_modified", f.modified().toString()).put("server_modified", f.modified().toString())
                .put("rev", f.rev()).put("size", f.content().length)
                .put("path_lower", "/" + f.name().toLowerCase()).put("path_display", "/" + f.name())
                .put("is_downloadable", true)
                .put("content_hash", sha256(f.content()));
        return m;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        ObjectNode error = JSON.createObjectNode().put(".tag", "path");
        error.set("path", JSON.createObjectNode().put(".tag", "not_found"));
        error(exchange, 409, "path/not_found/", error);
    }

    private static void error(HttpExchange exchange, int status, String summary, JsonNode error) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("error_summary", summary);
        body.set("error", error);
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body), -1);
    }

    /** Sends {@code body} with its whole length announced, writing only {@code sent} bytes when not -1. */
    private static void send(HttpExchange exchange, int status, String type, byte[] body, int sent) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, sent < 0 ? body.length : sent);
        out.flush();
        // A cut-short answer ends with the connection, before its announced length.
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
