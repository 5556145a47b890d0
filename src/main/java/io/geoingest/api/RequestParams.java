package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A request's parameters wherever a CARTO client puts them: a JSON body field first, then
 * the query string or form. Booleans arrive as true/"true"/"True" and are read case-insensitively.
 * Declared routes give theirs as plain text ({@link #of(Map)}), read the same way.
 */
public final class RequestParams {
    private final UnaryOperator<String> fields;
    private final JsonNode body;

    public RequestParams(HttpServletRequest request, JsonNode body) {
        this(request::getParameter, body);
    }

    private RequestParams(UnaryOperator<String> fields, JsonNode body) {
        this.fields = fields;
        this.body = body;
    }

    /** Parameters given as text, as a route template's are. */
    public static RequestParams of(Map<String, String> values) {
        return new RequestParams(values::get, null);
    }

    /** The raw JSON value of a body field, or null. */
    JsonNode json(String name) {
        return body != null && body.hasNonNull(name) ? body.get(name) : null;
    }

    public String text(String name) {
        JsonNode node = json(name);
        if (node != null) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
        String value = fields.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The flag under its record name, else under the seed's spelling: the seed writes
     * {@code quoted_field_guessing} where the record (and CARTO's answers) say {@code quoted_fields_guessing}.
     */
    boolean quotedFieldsGuessing(boolean fallback) {
        return flag("quoted_fields_guessing", flag("quoted_field_guessing", fallback));
    }

    boolean flag(String name, boolean fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes" -> true;
            case "false", "f", "0", "no" -> false;
            default -> fallback;
        };
    }
}
