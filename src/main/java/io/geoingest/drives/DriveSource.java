package io.geoingest.drives;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.kernel.SourceVersion;
import java.util.Locale;
import java.util.Set;

/**
 * The stored source of a cloud-drive import or sync: {@code {"drive": {"service": "dropbox", "gdrive" or "box",
 * "item": "<file id>", "token": "<OAuth token, only when the request gave one>"}}}. The token is
 * sealed at rest ({@code token_sealed}, see {@code StoredPasswords}); a sync's later runs add the
 * {@code version} its table holds.
 */
public final class DriveSource {
    public static final String DROPBOX = "dropbox";
    public static final String GDRIVE = "gdrive";
    public static final String BOX = "box";
    /** The services whose files can be imported, as the request's {@code service_name}. */
    public static final Set<String> SERVICES = Set.of(DROPBOX, GDRIVE, BOX);

    private DriveSource() {
    }

    /** The service a {@code service_name} names, or null when it names no drive. */
    public static String service(String serviceName) {
        if (serviceName == null) {
            return null;
        }
        String s = serviceName.trim().toLowerCase(Locale.ROOT);
        return SERVICES.contains(s) ? s : null;
    }

    public static ObjectNode json(String service, String item, String token) {
        ObjectNode drive = JsonNodeFactory.instance.objectNode().put("service", service).put("item", item);
        if (token != null) {
            drive.put("token", token);
        }
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.set("drive", drive);
        return source;
    }

    /**
     * A file to read from a drive with the token that opens it, and the version a sync's table
     * already holds. Its text never shows the token.
     */
    public record DriveFile(String service, String item, String token, SourceVersion known) {
        @Override
        public String toString() {
            return service + ":" + item;
        }
    }
}
