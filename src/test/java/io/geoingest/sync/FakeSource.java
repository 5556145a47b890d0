package io.geoingest.sync;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Files served over HTTP whose content, ETag and status a test changes between sync runs; each
 * test uses its own file, so that other tests' syncs (retrying in the background) never touch it.
 */
public final class FakeSource implements AutoCloseable {
    private record Answer(byte[] body, String etag, int status) {
    }

    private final HttpServer server;
    private final Map<String, Answer> files = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ifNoneMatch = new ConcurrentHashMap<>();

    public FakeSource() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring(1);
            String asked = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>()).add(String.valueOf(asked));
            Answer a = files.getOrDefault(file, new Answer(new byte[0], null, 404));
            if (a.etag() != null) {
                exchange.getResponseHeaders().add("ETag", a.etag());
            }
            if (a.status() != 200) {
                exchange.sendResponseHeaders(a.status(), -1);
            } else if (a.etag() != null && a.etag().equals(asked)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, a.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(a.body());
                }
            }
            exchange.close();
        });
        server.start();
    }

    public String url(String file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
    }

    public void serve(String file, String content, String etag) {
        files.put(file, new Answer(content.getBytes(StandardCharsets.UTF_8), etag, 200));
    }

    void fail(String file, int status) {
        files.put(file, new Answer(new byte[0], null, status));
    }

    /** The If-None-Match header of each request for {@code file} so far ("null" when absent). */
    List<String> ifNoneMatch(String file) {
        return List.copyOf(ifNoneMatch.getOrDefault(file, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
