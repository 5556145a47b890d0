package io.geoingest.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started without a setting it cannot do without, stops at once with the
 * reason in one line and no stack trace, and exits non-zero.
 */
class StartupFailuresIT {
    @TempDir
    Path dir;

    @Test
    void withoutAMasterSecret() throws Exception {
        List<String> out = start(null);
        assertThat(out).anyMatch(l -> l.startsWith("geoingest cannot start: geoingest.secret-key (environment variable"
                + " GEOINGEST_SECRET_KEY) is not set"));
    }

    @Test
    void withAWorkDirectoryThatCannotBeWritten() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.writeString(readOnly.resolve("incoming"), "a file where the directory should be");
        List<String> out = start("--geoingest.imports.work-dir=" + readOnly);
        assertThat(out).anyMatch(l -> l.startsWith("geoingest cannot start: the work directory " + readOnly
                + " (geoingest.imports.work-dir) cannot be written"));
    }

    private List<String> start(String argument) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "geoingest.jar").toAbsolutePath().toString(),
                "--server.port=0", "--management.server.port=0",
                "--geoingest.accounts[0].username=demo", "--geoingest.accounts[0].api-key=demo-api-key"));
        if (argument != null) {
            command.add(argument);
            command.add("--geoingest.secret-key=a-master-secret-of-more-than-32-characters");
        }
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("GEOINGEST_SECRET_KEY");
        Process p = builder.start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the service stopped by itself: %s", output).isTrue();
        assertThat(p.exitValue()).as(output).isNotZero();
        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).noneMatch(l -> l.startsWith("\tat ")).hasSizeLessThan(40);
        return lines;
    }
}
