package io.geoingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.testing.TcpForwarder;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The service reaches its database through a forwarder the test cuts: while cut, every
 * readiness probe answers 503 within a second (it used to wait for the pool's 30 s timeout),
 * liveness stays 200, and readiness is 200 again once the database is back.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:geoingest-test.properties")
class ReadinessDuringOutageTest {
    private static final Duration PROBE_BOUND = Duration.ofSeconds(1);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:]+):(\\d+)(/.*)$");
    private static final TcpForwarder DATABASE = forwarder();

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalManagementPort
    int management;

    private static TcpForwarder forwarder() {
        Matcher url = url();
        try {
            return new TcpForwarder(url.group(1), Integer.parseInt(url.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Matcher url() {
        Matcher m = HOST_PORT.matcher(TestDatabases.PG_URL);
        assertThat(m.matches()).as("a jdbc:postgresql://host:port/db URL: %s", TestDatabases.PG_URL).isTrue();
        return m;
    }

    @DynamicPropertySource
    static void throughTheForwarder(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + DATABASE.port() + url().group(3));
    }

    @AfterAll
    static void closeForwarder() throws IOException {
        DATABASE.close();
    }

    @Test
    void readinessAnswers503PromptlyWhileTheDatabaseIsUnreachable() throws Exception {
        // Untimed: the first requests of the management server load and compile its classes.
        for (int i = 0; i < 3; i++) {
            assertThat(send(request("readiness")).statusCode()).isEqualTo(200);
        }
        assertThat(probe("readiness")).isEqualTo(200);
        DATABASE.blackhole();
        try {
            Instant end = Instant.now().plus(OUTAGE);
            int probes = 0;
            Duration slowest = Duration.ZERO;
            while (Instant.now().isBefore(end)) {
                Instant start = Instant.now();
                assertThat(probe("readiness")).as("readiness probe %d while the database is cut", probes).isEqualTo(503);
                slowest = max(slowest, Duration.between(start, Instant.now()));
                assertThat(probe("liveness")).as("liveness probe %d while the database is cut", probes).isEqualTo(200);
                probes++;
                Thread.sleep(200);
            }
            // For docs/operations.md: what a probe costs during an outage.
            System.out.printf("%d readiness probes while cut, slowest %d ms%n", probes, slowest.toMillis());
        } finally {
            DATABASE.restore();
        }
        Instant deadline = Instant.now().plusSeconds(15);
        int readiness = probe("readiness");
        while (readiness != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            readiness = probe("readiness");
        }
        assertThat(readiness).as("readiness once the database is back").isEqualTo(200);
        assertThat(probe("liveness")).isEqualTo(200);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The probe's status; it must answer within {@link #PROBE_BOUND}. */
    private int probe(String group) throws Exception {
        HttpRequest request = request(group);
        Instant start = Instant.now();
        int status = send(request).statusCode();
        assertThat(Duration.between(start, Instant.now())).as("%s answered %d", group, status).isLessThan(PROBE_BOUND);
        return status;
    }

    private HttpRequest request(String group) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health/" + group))
                .timeout(PROBE_BOUND.multipliedBy(5)).build();
    }

    private HttpResponse<Void> send(HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new AssertionError(request.uri() + " did not answer within " + PROBE_BOUND.multipliedBy(5), e);
        }
    }
}
