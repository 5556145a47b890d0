package io.geoingest.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged service (target/geoingest.jar) started as a process of its own, as a replica runs
 * ({@code ReplicaFailoverIT}, {@code OncePerClusterIT}): on the test database unless told
 * otherwise, its output in {@code log}.
 */
public final class PackagedService {
    private PackagedService() {
    }

    /**
     * Starts the jar on {@code port} with the test database at {@code pgUrl} and these further
     * arguments; connections come on demand, not a full pool each (the test server's slots are shared).
     */
    public static Process start(int port, String pgUrl, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of("target", "geoingest.jar").toString(),
                "--server.port=" + port,
                "--management.server.port=0",
                "--spring.datasource.url=" + pgUrl,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.datasource.hikari.minimum-idle=2"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the service on {@code port} answers the Import API for {@code apiKey}; a process that ended fails at once. */
    public static void awaitUp(HttpClient client, int port, String apiKey, Process process, Path log, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service on port " + port + " ended with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/imports?api_key=" + apiKey)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service on port " + port + " did not start; see " + log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
