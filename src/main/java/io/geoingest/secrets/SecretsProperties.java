package io.geoingest.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code geoingest.secret-key}: the service's master secret (environment variable
 * {@code GEOINGEST_SECRET_KEY} in production). Every replica must share it: stored connector
 * passwords are encrypted with keys derived from it. At least 32 characters.
 */
@ConfigurationProperties("geoingest")
public record SecretsProperties(String secretKey) {
}
