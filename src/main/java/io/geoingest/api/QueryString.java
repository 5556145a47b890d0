package io.geoingest.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameter of the query string alone. {@code getParameter} would also parse a form body,
 * reading the whole body, which must not happen where the body is data (COPY FROM).
 */
public final class QueryString {
    private QueryString() {
    }

    /** The first value of {@code name} in the query string ({@code +} is a space), or null. */
    public static String get(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                if (URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformed) {
                // A malformed escape: skipped, as the container skips it for getParameter.
            }
        }
        return null;
    }

    /** Every parameter of the query string with its values, in order ({@code +} is a space). */
    public static Map<String, String[]> all(HttpServletRequest request) {
        String query = request.getQueryString();
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException malformed) {
                    // skipped, as in get
                }
            }
        }
        Map<String, String[]> all = new LinkedHashMap<>();
        values.forEach((name, list) -> all.put(name, list.toArray(String[]::new)));
        return Collections.unmodifiableMap(all);
    }
}
