package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The service cannot be made to fetch itself (issue 16): its API and management ports are
 * refused on every address of this machine, to URL imports, redirects, connectors and ArcGIS.
 */
class OwnPortsRefusedApiTest extends ApiTestSupport {
    /** Redirects {@code /redirect?to=URL} to URL: a source on this machine, on a port that is not the service's. */
    private static HttpServer redirector;

    @LocalManagementPort
    private int managementPort;

    @BeforeAll
    static void serve() throws IOException {
        redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirector.createContext("/redirect", exchange -> {
            String to = exchange.getRequestURI().getQuery().substring("to=".length());
            exchange.getResponseHeaders().add("Location", to);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
    }

    @AfterAll
    static void stop() {
        redirector.stop(0);
    }

    /** This machine as URLs name it: loopback, IPv6 loopback, unspecified, its host name, an interface address. */
    private static List<String> thisMachine() throws Exception {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "localhost", "[::1]", "0.0.0.0",
                InetAddress.getLocalHost().getHostName()));
        NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst().ifPresent(a -> hosts.add(a.getHostAddress()));
        assertThat(hosts).as("a non-loopback interface address").hasSize(6);
        return hosts;
    }

    private JsonNode importUrl(String url) throws InterruptedException {
        return awaitFinal(ALICE_KEY, queued(postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "url", url))));
    }

    private static void assertOwnPort(JsonNode failure, int port, String listener) {
        assertThat(failure.get("get_error_text").get("what_about").asText()).as("import %s", failure)
                .contains(port + " is this service's own port (" + listener + ")");
    }

    @Test
    void theActuatorOnTheManagementPortIsRefusedUnderEveryNameOfThisMachine() throws Exception {
        for (String host : thisMachine()) {
            for (String endpoint : List.of("/actuator/prometheus", "/actuator/health")) {
                JsonNode r = assertFailure(importUrl("http://" + host + ":" + managementPort + endpoint), 1101);
                assertOwnPort(r, managementPort, "management server");
            }
        }
    }

    @Test
    void theApiPortIsRefusedUnderEveryNameOfThisMachine() throws Exception {
        for (String host : thisMachine()) {
            String api = "http://" + host + ":" + port + "/api/v1/imports?api_key=" + ALICE_KEY;
            JsonNode r = assertFailure(importUrl(api), 1101);
            assertOwnPort(r, port, "API");
        }
    }

    @Test
    void aRedirectToTheServiceIsRefused() throws Exception {
        String target = "http://localhost:" + managementPort + "/actuator/prometheus";
        JsonNode r = assertFailure(importUrl("http://127.0.0.1:" + redirector.getAddress().getPort()
                + "/redirect?to=" + target), 1101);
        assertOwnPort(r, managementPort, "management server");
        assertThat(r.get("get_error_text").get("what_about").asText()).contains("/actuator/prometheus");
    }

    @Test
    void aConnectorPointedAtTheApiPortIsRefused() throws Exception {
        for (String provider : List.of("postgres", "mysql")) {
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("server", "localhost");
            connection.put("port", port);
            connection.put("database", "geoingest");
            connection.put("username", TestDatabases.PG_USER);
            connection.put("password", TestDatabases.PG_PASSWORD);
            JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(postJson("/api/v1/imports", Map.of("api_key",
                    ALICE_KEY, "connector", Map.of("provider", provider, "connection", connection, "table", "t"))))),
                    1012);
            assertOwnPort(r, port, "API");
        }
    }

    @Test
    void anArcGisLayerAtTheServicesPortIsRefused() throws Exception {
        String url = "http://127.0.0.1:" + managementPort + "/arcgis/rest/services/Test/FeatureServer/0";
        JsonNode r = assertFailure(awaitFinal(ALICE_KEY, queued(postJson("/api/v1/imports?api_key=" + ALICE_KEY,
                Map.of("interval", "0", "service_item_id", url, "service_name", "arcgis", "value", url)))), 1101);
        assertOwnPort(r, managementPort, "management server");
    }
}
