package io.geoingest.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner behind {@link LogSecretsScan} finds what it must, where it is, and nothing else. */
class SecretScannerTest {
    @TempDir
    Path dir;

    private Path log(String... lines) throws Exception {
        Path file = dir.resolve("test.log");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void reportsTheLineOfEachSecretInEverySpelling() throws Exception {
        SecretScanner scanner = new SecretScanner(Map.of("the password", "S3cret;pw}"))
                .basicAuth("alice", "alice-secret-key", "alice's key");
        Path file = log("{\"message\":\"import complete\",\"import_id\":\"1\"}",
                "GET /api/v1/imports?api_key=x&password=S3cret;pw} 200",
                "url http://h/x?p=S3cret%3Bpw%7D",
                "Authorization: Basic YWxpY2U6YWxpY2Utc2VjcmV0LWtleQ==",
                "nothing here");

        List<SecretScanner.Finding> found = scanner.scan(file);

        assertThat(found).extracting(SecretScanner.Finding::line).containsExactly(2L, 3L, 4L);
        assertThat(found).extracting(SecretScanner.Finding::secret)
                .containsExactly("the password", "the password (URL-encoded)", "alice's key (HTTP Basic)");
        assertThat(found.get(0).toString()).contains("test.log:2:").contains("password=S3cret;pw}");
        assertThat(new SecretScanner(Map.of("bob's key", "bob-secret-key")).scan(log("?api_key=bob-secret-key")))
                .extracting(SecretScanner.Finding::secret).containsExactly("bob's key");
    }

    @Test
    void aCleanLogAndBrokenBytesGiveNothing() throws Exception {
        Path file = dir.resolve("binary.log");
        Files.write(file, new byte[] {'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3});
        assertThat(new SecretScanner(Map.of("k", "alice-secret-key")).scan(file)).isEmpty();
        assertThat(new SecretScanner(Map.of("k", "alice-secret-key")).scan(log("alice-secret", "secret-key"))).isEmpty();
    }

    @Test
    void theKnownSecretsIncludeKeysPasswordsAndTheDerivedRolePasswords() {
        Map<String, String> all = new KnownTestSecrets().all();
        assertThat(all).containsEntry("API key of alice", "alice-secret-key")
                .containsEntry("API key of dave", "dave-secret-key")
                .containsEntry("connector password api-Pa55word", "api-Pa55word")
                .containsKey("geoingest.secret-key");
        assertThat(all.get("database password of bob")).hasSize(64).isNotEqualTo(all.get("database password of alice"));
    }
}
