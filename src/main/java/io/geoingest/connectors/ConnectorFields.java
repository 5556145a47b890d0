package io.geoingest.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.InvalidImportRequest;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How every part of a {@code connector} object is read, common and provider's alike, as CARTO
 * read it: keys are case-insensitive and unknown keys are ignored; scalar values may arrive as
 * strings or numbers; an empty string counts as absent. A request that can never work throws
 * {@link InvalidImportRequest} with CARTO's wording ({@link #missing}, {@link #invalid}).
 */
public final class ConnectorFields {
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ConnectorFields() {
    }

    /** A scalar value as text, or null when absent, null or blank. */
    public static String text(JsonNode parent, String key, String label) {
        String s = rawText(parent, key, label);
        return s == null || s.isBlank() ? null : s;
    }

    /** A scalar value as text (possibly empty), or null when absent or null. */
    public static String rawText(JsonNode parent, String key, String label) {
        JsonNode v = field(parent, key);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw invalid(label);
        }
        return v.asText();
    }

    /** The value of a key, matched case-insensitively as CARTO did. */
    public static JsonNode field(JsonNode parent, String key) {
        JsonNode exact = parent.get(key);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The {@code encoding} of a provider that reads one (MySQL, SQL Server, Hive): a PostgreSQL
     * encoding name ({@link Encodings}), trimmed, or null.
     */
    public static String encoding(JsonNode connector) {
        String encoding = text(connector, "encoding", "encoding");
        if (encoding != null) {
            encoding = encoding.trim();
            if (Encodings.forPostgresName(encoding).isEmpty()) {
                throw invalid("encoding");
            }
        }
        return encoding;
    }

    /** A host name or IP address, with no URL syntax: else invalid, named {@code label}. */
    public static String host(String server, String label) {
        String s = server.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            if (IPV6.matcher(s).matches() && s.chars().filter(c -> c == ':').count() >= 2) {
                return s;
            }
            throw invalid(label);
        }
        if (!HOSTNAME.matcher(s).matches()) {
            throw invalid(label);
        }
        return s;
    }

    /** A TCP port given as a number or a string, {@code defaultPort} when not given. */
    public static int port(String text, int defaultPort) {
        if (text == null) {
            return defaultPort;
        }
        try {
            int port = new BigDecimal(text.trim()).intValueExact();
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through
        }
        throw invalid("port");
    }

    public static InvalidImportRequest missing(List<String> names) {
        return new InvalidImportRequest("Missing required parameters: " + String.join(", ", names));
    }

    public static InvalidImportRequest invalid(String name) {
        return new InvalidImportRequest("Invalid parameters: " + name);
    }
}
