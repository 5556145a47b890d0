package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Imports from a URL served on this machine, and each way a download goes wrong. */
class UrlImportTest extends ApiTestSupport {
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = path.startsWith("/secret") ? 403 : path.endsWith(".csv") ? 200 : 404;
            byte[] body = status == 200 ? "name,lat,lon\nA,40.1,-3.5\nB,41.2,2.1\n".getBytes(StandardCharsets.UTF_8)
                    : "no".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private JsonNode importUrl(String url) throws Exception {
        return awaitFinal(ALICE_KEY, queued(http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY + "&url=" + url),
                null, JsonNode.class)));
    }

    @Test
    void urlInTheQueryStringIsDownloadedAndImported() throws Exception {
        String name = unique("remote");
        JsonNode r = assertComplete(importUrl(base + "/data/" + name + ".csv"));
        assertThat(r.get("data_type").asText()).isEqualTo("url");
        assertThat(r.get("table_name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(*) FROM alice." + name + " WHERE the_geom IS NOT NULL")).isEqualTo(2L);
    }

    @Test
    void urlInAJsonBody() throws Exception {
        String name = unique("json_url");
        String id = queued(postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "url", base + "/" + name + ".csv")));
        assertThat(assertComplete(awaitFinal(ALICE_KEY, id)).get("table_name").asText()).isEqualTo(name);
    }

    @Test
    void credentialsAndTokensInTheUrlAreNotShown() throws Exception {
        String name = unique("signed");
        JsonNode r = assertComplete(importUrl("http://user:pw@127.0.0.1:" + server.getAddress().getPort() + "/" + name
                + ".csv?token=s3cr3t"));
        assertThat(r.get("display_name").asText()).doesNotContain("pw").doesNotContain("s3cr3t").endsWith(name + ".csv");
    }

    @Test
    void aFailedDownloadNamesItsUrlWithoutCredentialsOrQuery() throws Exception {
        // Both secrets are in LogSecretsScan's list: neither may reach a log either.
        JsonNode r = importUrl("http://user:Url-Pa55word@127.0.0.1:" + server.getAddress().getPort()
                + "/missing.txt?token=Url-T0ken-42");
        assertFailure(r, 1100);
        assertThat(r.toString()).contains("/missing.txt").doesNotContain("Url-Pa55word").doesNotContain("Url-T0ken-42");
    }

    @Test
    void downloadErrorsCarryTheirCodes() throws Exception {
        assertFailure(importUrl(base + "/missing.txt"), 1100);
        assertFailure(importUrl(base + "/secret.csv"), 1101);
        assertFailure(importUrl("http://geoingest-test-host.invalid/x.csv"), 1102);
        assertNoStagingTables("alice");
    }

    @Test
    void anAmbiguousIpv4HostIsRefusedNamingItsCanonicalForm() throws Exception {
        // Java reads 0177.0.0.1 as 177.0.0.1, C resolvers and most users as 127.0.0.1.
        int port = server.getAddress().getPort();
        JsonNode r = assertFailure(importUrl("http://0177.0.0.1:" + port + "/x.csv"), 1101);
        assertThat(r.get("get_error_text").get("what_about").asText())
                .contains("0177.0.0.1").contains("meaning depends on the parser").contains("write 127.0.0.1");
        // java.net.URI finds no host in 0x7f.0.0.1: refused when submitted, as a URL without a host is.
        ResponseEntity<JsonNode> hex = postJson("/api/v1/imports",
                Map.of("api_key", ALICE_KEY, "url", "http://0x7f.0.0.1:" + port + "/x.csv"));
        assertThat(hex.getStatusCode().value()).isEqualTo(400);
        assertThat(hex.getBody().get("errors").get("imports").asText()).contains("write 127.0.0.1");
    }

    @Test
    void nonHttpUrlsAreRefusedUpFront() {
        ResponseEntity<JsonNode> r = postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "url", "file:///etc/passwd"));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().get("errors").get("imports").asText()).isNotBlank();
    }
}
