package io.geoingest.logging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds known secrets in log files: each as written, URL-encoded (a query string), and inside
 * HTTP Basic credentials ({@code user:secret} in Base64).
 */
final class SecretScanner {
    /** One line holding a secret. */
    record Finding(Path file, long line, String secret, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + secret + " in: " + text;
        }
    }

    /** Every spelling searched for, with the name of the secret it gives away. */
    private final Map<String, String> spellings = new LinkedHashMap<>();

    /** {@code secrets}: a name (shown in findings) for each secret. */
    SecretScanner(Map<String, String> secrets) {
        secrets.forEach((name, secret) -> {
            spellings.put(secret, name);
            spellings.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), name + " (URL-encoded)");
        });
    }

    /** Also looks for {@code user:secret} as an HTTP Basic header carries it. */
    SecretScanner basicAuth(String user, String secret, String name) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        spellings.putIfAbsent(encoded.replace("=", ""), name + " (HTTP Basic)");
        return this;
    }

    List<Finding> scan(Path file) throws IOException {
        List<Finding> found = new ArrayList<>();
        // A decoder that replaces malformed bytes: test output holds binary data at times.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String text;
            long n = 0;
            while ((text = in.readLine()) != null) {
                n++;
                for (Map.Entry<String, String> s : spellings.entrySet()) {
                    if (text.contains(s.getKey())) {
                        found.add(new Finding(file, n, s.getValue(), text));
                    }
                }
            }
        }
        return found;
    }
}
