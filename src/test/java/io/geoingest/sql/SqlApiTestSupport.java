package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Calls the SQL API as CARTO clients do (java.net.http, so bodies can be chunked or sized, raw
 * or gzip), and checks that no account connection is left busy after a request.
 */
public abstract class SqlApiTestSupport extends ApiTestSupport {
    protected final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    protected AccountConnections connections;
    @Autowired
    protected AccountRegistry accounts;

    protected static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v2/sql?q=...}: status and parsed JSON answer. */
    protected Answer sql(String key, String q) throws IOException, InterruptedException {
        return answer(client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql?api_key=" + key + "&q=" + enc(q))))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** A statement that must succeed. */
    protected JsonNode sqlOk(String key, String q) throws IOException, InterruptedException {
        Answer a = sql(key, q);
        assertThat(a.status()).as("%s -> %s", q, a.json()).isEqualTo(200);
        return a.json();
    }

    /** {@code POST /api/v2/sql/copyfrom} with a sized body (Content-Length) and extra headers. */
    protected Answer copyFrom(String key, String q, byte[] body, String... headers) throws IOException, InterruptedException {
        return copyFrom(key, q, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** The same with a body of unknown length: java.net.http sends it chunked. */
    protected Answer copyFromChunked(String key, String q, byte[] body, String... headers)
            throws IOException, InterruptedException {
        return copyFrom(key, q, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    private Answer copyFrom(String key, String q, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        return post("/api/v2/sql/copyfrom?api_key=" + key + (q == null ? "" : "&q=" + enc(q)), body, headers);
    }

    /** A POST to a path and query string written out by hand (as the seed's curl examples are). */
    protected Answer post(String pathAndQuery, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(pathAndQuery))).POST(body);
        if (headers.length > 0) {
            r.headers(headers);
        }
        return answer(client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    protected Answer answer(HttpResponse<byte[]> r) throws IOException {
        String text = new String(r.body(), StandardCharsets.UTF_8);
        JsonNode parsed = text.startsWith("{") ? json.readTree(text) : null;
        return new Answer(r.statusCode(), parsed, text);
    }

    protected Account account(String username) {
        return accounts.find(username).orElseThrow();
    }

    /**
     * Waits until the account holds no connection, neither in its pool nor on the server (no
     * query running, no transaction open): what a request must leave behind, whatever happened.
     */
    protected void awaitConnectionsReturned(String username) throws SQLException, InterruptedException {
        Account a = account(username);
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            int active = connections.pool(a).getHikariPoolMXBean().getActiveConnections();
            Object busy = scalar("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + a.role()
                    + "' AND datname = '" + TestDatabases.accountDatabase(username) + "' AND state <> 'idle'");
            if (active == 0 && Long.valueOf(0).equals(busy)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("connections of " + username + " still busy: pool " + active + ", server "
                        + busy + " " + rows("SELECT state, query FROM pg_stat_activity WHERE usename = '" + a.role() + "'"));
            }
            Thread.sleep(100);
        }
    }

    /** An HTTP answer: status, the JSON when the body is JSON, and the body as text. */
    public record Answer(int status, JsonNode json, String text) {
        public String error() {
            return json == null || !json.has("error") ? null : json.get("error").get(0).asText();
        }
    }
}
