package io.geoingest.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.connectors.StoredPasswords;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static SecretBox box(String key) {
        return new SecretBox(new ServiceSecret(new SecretsProperties(key)));
    }

    private final SecretBox box = box("the-service-secret-key-of-32-chars");

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameSecretOnly() {
        String a = box.seal("hunter2 ünïcode");
        assertThat(a).startsWith("v1:").doesNotContain("hunter2").isNotEqualTo(box.seal("hunter2 ünïcode"));
        assertThat(box.open(a)).isEqualTo("hunter2 ünïcode");
        assertThatThrownBy(() -> box("another-service-secret-of-32-chars").open(a))
                .hasMessageContaining("geoingest.secret-key");
    }

    @Test
    void refusesAlteredOrForeignValues() {
        String sealed = box.seal("secret");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("plain")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("v1:%%%")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storedSourcesKeepOnlyTheSealedPassword() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StoredPasswords passwords = new StoredPasswords(box);
        JsonNode source = json.readTree("{\"connector\":{\"provider\":\"mysql\",\"connection\":"
                + "{\"server\":\"db\",\"username\":\"u\",\"password\":\"p@ss\"},\"table\":\"t\"}}");
        JsonNode stored = passwords.seal(source);
        assertThat(stored.toString()).doesNotContain("p@ss").contains("password_sealed");
        assertThat(stored.at("/connector/connection").has("password")).isFalse();
        assertThat(passwords.open(stored)).isEqualTo(source);
        assertThat(passwords.seal(stored)).isEqualTo(stored);
        JsonNode url = json.readTree("{\"url\":\"http://x/y.csv\"}");
        assertThat(passwords.seal(url)).isSameAs(url);
        assertThat(passwords.open(url)).isSameAs(url);
    }
}
