package io.geoingest.drives;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
 * A fake Google Drive API v3 on 127.0.0.1 (the client's root URL), answering as Google does:
 * <ul>
 * <li>{@code GET /drive/v3/files/<id>?fields=...}: the file's metadata ({@code size} and
 *     {@code version} as JSON strings, as Google sends int64 values);</li>
 * <li>{@code GET [/download]/drive/v3/files/<id>?alt=media}: its content;</li>
 * <li>{@code GET /drive/v3/files/<id>/export?mimeType=text/csv}: a spreadsheet as CSV;</li>
 * <li>errors in Google's JSON shape: 401 for a token it does not know (or one {@link #revoke}d),
 *     403 {@code domainPolicy} for a file {@link #forbid}den, 404 for one it does not hold (or
 *     one {@link #delete}d).</li>
 * </ul>
 * {@link #cutShort} makes a file's download announce its whole length and send half.
 */
public final class FakeGoogleDrive implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/drive/v3/files/";

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> cutShort = ConcurrentHashMap.newKeySet();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> downloads = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong versions = new AtomicLong(1);

    private record File(String name, String mimeType, long version, Instant modified, byte[] content,
                        boolean trashed) {
    }

    public FakeGoogleDrive() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The client's root URL. */
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
        put(id, name, "text/csv", content);
    }

    /** A Google Sheets spreadsheet, exported as {@code csv}. */
    public void putSheet(String id, String name, String csv) {
        put(id, name, GoogleDrive.SPREADSHEET, csv);
    }

    private void put(String id, String name, String mimeType, String content) {
        files.put(id, new File(name, mimeType, versions.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), content.getBytes(StandardCharsets.UTF_8), false));
    }

    public void delete(String id) {
        files.remove(id);
    }

    public void trash(String id) {
        files.computeIfPresent(id, (k, f) -> new File(f.name(), f.mimeType(), f.version() + 1, Instant.now(),
                f.content(), true));
    }

    public void forbid(String id) {
        forbidden.add(id);
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
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth);
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (token == null || !tokens.contains(token)) {
                error(exchange, 401, "authError", "Request had invalid authentication credentials.");
                return;
            }
            // The client downloads content from <root>download/drive/v3/files/<id>?alt=media.
            if (path.startsWith("/download" + PREFIX)) {
                path = path.substring("/download".length());
            }
            if (!path.startsWith(PREFIX)) {
                error(exchange, 404, "notFound", "Not found");
                return;
            }
            String rest = path.substring(PREFIX.length());
            boolean export = rest.endsWith("/export");
            String id = export ? rest.substring(0, rest.length() - "/export".length()) : rest;
            File f = files.get(id);
            if (f == null) {
                error(exchange, 404, "notFound", "File not found: " + id + ".");
                return;
            }
            if (forbidden.contains(id)) {
                error(exchange, 403, "domainPolicy", "The domain administrators have disabled Drive apps.");
                return;
            }
            if (export || "media".equals(query.get("alt"))) {
                if (export != GoogleDrive.SPREADSHEET.equals(f.mimeType())) {
                    error(exchange, 403, "fileNotDownloadable", "Only files with binary content can be downloaded.");
                    return;
                }
                downloads.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                send(exchange, 200, export ? "text/csv" : f.mimeType(), f.content(),
                        cutShort.contains(id) ? f.content().length / 2 : -1);
                return;
            }
            ObjectNode m = JSON.createObjectNode().put("kind", "drive#file").put("id", id).put("name", f.name())
                    .put("mimeType", f.mimeType()).put("version", String.valueOf(f.version()))
                    .put("modifiedTime", f.modified().toString()).put("trashed", f.trashed());
            if (!GoogleDrive.SPREADSHEET.equals(f.mimeType())) {
                m.put("size", String.valueOf(f.content().length)).put("md5Checksum", md5(f.content()));
            }
            send(exchange, 200, "application/json; charset=UTF-8", JSON.writeValueAsBytes(m), -1);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String reason, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode().put("code", status).put("message", message);
        error.putArray("errors").addObject().put("domain", "global").put("reason", reason).put("message", message);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        send(exchange, status, "application/json; charset=UTF-8", JSON.writeValueAsBytes(body), -1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, int sent) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, sent < 0 ? body.length : sent);
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
