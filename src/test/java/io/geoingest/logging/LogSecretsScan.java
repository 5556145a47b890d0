package io.geoingest.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole unit-test suite (its own surefire execution, see pom.xml): no known test
 * secret ({@link KnownTestSecrets}) appears in what the suite logged, that is the JSON log every
 * test context writes ({@code geoingest.test-log}) and each test class's console output
 * (surefire's {@code *-output.txt}: tests without a Spring context, drivers logging through
 * java.util.logging).
 */
class LogSecretsScan {
    private static final Path REPORTS = Path.of("target", "surefire-reports");

    @Test
    void noSecretInTheSuitesLogs() throws IOException {
        Path log = Path.of(System.getProperty("geoingest.test-log", "target/test-logs/geoingest.log"));
        assertThat(log).as("the log of this build's tests").exists();
        // The scan means something only if the suite did handle secrets and log its jobs: imports
        // refused at login (1012: a password went to the source) logged with their MDC keys.
        try (Stream<String> lines = Files.lines(log)) {
            assertThat(lines).as("job lines of imports whose login was refused").anyMatch(line ->
                    line.contains("failed with 1012") && line.contains("\"import_id\":") && line.contains("\"account\":"));
        }
        SecretScanner scanner = new KnownTestSecrets().scanner();
        List<SecretScanner.Finding> found = new ArrayList<>(scanner.scan(log));
        try (Stream<Path> outputs = Files.list(REPORTS)) {
            for (Path output : outputs.filter(p -> p.toString().endsWith("-output.txt")).sorted().toList()) {
                found.addAll(scanner.scan(output));
            }
        }
        assertThat(found).as("secrets in the logs").isEmpty();
    }
}
