package io.geoingest.secrets;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code geoingest.secret-key}: the service's master secret (environment variable
 * {@code GEOINGEST_SECRET_KEY} in production). Every replica must share it: stored connector
 * passwords are encrypted with keys derived from it. At least 32 characters.
 */
@ConfigurationProperties("geoingest")
public record SecretsProperties(String secretKey) {
    static final int MIN_LENGTH = 32;

    /** Why this secret cannot be used, if it cannot. */
    public Optional<String> problem() {
        if (secretKey == null || secretKey.isBlank()) {
            return Optional.of("geoingest.secret-key (environment variable GEOINGEST_SECRET_KEY) is not set: set it to a"
                    + " secret of at least " + MIN_LENGTH + " characters, the same on every replica");
        }
        if (secretKey.length() < MIN_LENGTH) {
            return Optional.of("geoingest.secret-key (environment variable GEOINGEST_SECRET_KEY) has "
                    + secretKey.length() + " characters: it must have at least " + MIN_LENGTH);
        }
        return Optional.empty();
    }
}
