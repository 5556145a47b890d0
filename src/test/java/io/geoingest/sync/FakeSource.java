package io.geoingest.sync;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A file served over HTTP whose content, ETag and status a test changes between sync runs. */
final class FakeSource implements AutoCloseable {
    private final HttpServer server;
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private volatile byte[] body = new byte[0];
    private volatile String etag;
    private volatile int status = 200;

    FakeSource() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String asked = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(asked));
            if (etag != null) {
                exchange.getResponseHeaders().add("ETag", etag);
            }
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
            } else if (etag != null && etag.equals(asked)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    String url(String file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
    }

    void serve(String content, String etag) {
        this.body = content.getBytes(StandardCharsets.UTF_8);
        this.etag = etag;
        this.status = 200;
    }

    void fail(int status) {
        this.status = status;
    }

    /** The If-None-Match header of each request so far ("null" when absent). */
    List<String> ifNoneMatch() {
        return List.copyOf(ifNoneMatch);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
