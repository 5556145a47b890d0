package io.geoingest.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

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
}
