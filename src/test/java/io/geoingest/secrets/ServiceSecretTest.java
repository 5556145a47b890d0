package io.geoingest.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceSecretTest {
    private static final String KEY = "a-secret-key-of-thirty-two-chars!";

    @Test
    void derivesStableDistinctKeysPerPurpose() {
        ServiceSecret secret = new ServiceSecret(new SecretsProperties(KEY));
        assertThat(secret.derive("a")).hasSize(32).isEqualTo(new ServiceSecret(new SecretsProperties(KEY)).derive("a"));
        assertThat(secret.derive("a")).isNotEqualTo(secret.derive("b"));
        assertThat(secret.derive("a")).isNotEqualTo(new ServiceSecret(new SecretsProperties(KEY + "x")).derive("a"));
    }

    @Test
    void refusesAMissingOrShortSecret() {
        assertThatThrownBy(() -> new ServiceSecret(new SecretsProperties(null)))
                .hasMessageContaining("GEOINGEST_SECRET_KEY");
        assertThatThrownBy(() -> new ServiceSecret(new SecretsProperties("short")))
                .hasMessageContaining("at least 32");
    }
}
