package io.geoingest.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.secrets.SecretBox;
import org.springframework.stereotype.Component;

/**
 * Keeps the connector password of a stored import or sync source encrypted at rest: in the
 * database it lives only as {@code connector.connection.password_sealed}; the plain password
 * exists only in memory while a run connects. A cloud drive's OAuth token given in the request
 * is kept the same way, as {@code drive.token_sealed}.
 */
@Component
public class StoredPasswords {
    public static final String SEALED = "password_sealed";
    private static final String PLAIN = "password";
    /** A cloud drive's OAuth token given in the request: {@code drive.token_sealed} at rest. */
    public static final String TOKEN_SEALED = "token_sealed";
    private static final String TOKEN = "token";

    private final SecretBox box;

    public StoredPasswords(SecretBox box) {
        this.box = box;
    }

    /** A copy of {@code source} fit to store: its connector password, if any, sealed. */
    public JsonNode seal(JsonNode source) {
        JsonNode drive = source.path("drive");
        if (drive.hasNonNull(TOKEN)) {
            ObjectNode copy = source.deepCopy();
            ObjectNode d = (ObjectNode) copy.path("drive");
            d.put(TOKEN_SEALED, box.seal(d.remove(TOKEN).asText()));
            return copy;
        }
        JsonNode connection = source.path("connector").path("connection");
        if (!connection.hasNonNull(PLAIN)) {
            return source;
        }
        ObjectNode copy = source.deepCopy();
        ObjectNode c = (ObjectNode) copy.path("connector").path("connection");
        c.put(SEALED, box.seal(c.remove(PLAIN).asText()));
        return copy;
    }

    /** A copy of a stored source with its password decrypted, ready for {@link ConnectorRequest#fromJson}. */
    public JsonNode open(JsonNode stored) {
        JsonNode drive = stored.path("drive");
        if (drive.hasNonNull(TOKEN_SEALED)) {
            ObjectNode copy = stored.deepCopy();
            ObjectNode d = (ObjectNode) copy.path("drive");
            d.put(TOKEN, box.open(d.remove(TOKEN_SEALED).asText()));
            return copy;
        }
        JsonNode connection = stored.path("connector").path("connection");
        if (!connection.hasNonNull(SEALED)) {
            return stored;
        }
        ObjectNode copy = stored.deepCopy();
        ObjectNode c = (ObjectNode) copy.path("connector").path("connection");
        c.put(PLAIN, box.open(c.remove(SEALED).asText()));
        return copy;
    }
}
