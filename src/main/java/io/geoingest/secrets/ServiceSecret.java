package io.geoingest.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Derives independent 256-bit keys from {@code geoingest.secret-key}, one per purpose
 * (HMAC-SHA256 of a label), so one configured secret serves every use without any two uses
 * sharing a key.
 */
@Component
public class ServiceSecret {
    private final SecretKeySpec master;

    public ServiceSecret(SecretsProperties properties) {
        properties.problem().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        this.master = new SecretKeySpec(properties.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The key for one purpose, e.g. {@code "connector-passwords"}: 32 bytes, stable across restarts. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(master);
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
