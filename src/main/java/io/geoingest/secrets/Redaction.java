package io.geoingest.secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that is logged or shown: the credentials and query string of URLs
 * (signed URLs carry tokens there, database URLs passwords), and the values of
 * {@code password=}, {@code api_key=}, {@code token=} pairs, as JDBC URLs and driver messages
 * write them.
 */
public final class Redaction {
    /** Stands for a removed value. */
    public static final String MASK = "[redacted]";
    /** A URL of any scheme, {@code jdbc:postgresql://} included, up to a space or quote. */
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)*://)([^\\s\"'<>]*)");
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)\\b([a-z_.-]*(?:password|passwd|pwd|secret|token|api_?key)[\"']?\\s*[=:]\\s*[\"']?)"
            // SQL Server's connection strings brace values holding ';'
            + "(\\{[^}]*}?|[^\\s;&,\"'}\\]]+)");

    private Redaction() {
    }

    /** A URL as shown to users: without credentials, query or fragment ("url" when it cannot be read). */
    public static String url(String url) {
        try {
            URI u = URI.create(url);
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "url";
        }
    }

    /** {@code text} with the credentials and query of every URL in it, and every secret value, masked. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + urlRest(m.group(2))));
        }
        m.appendTail(out);
        return SECRET_PAIR.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }

    /** What follows {@code scheme://}, without user information, query and fragment. */
    private static String urlRest(String rest) {
        int at = rest.lastIndexOf('@', endOfAuthority(rest));
        String hostAndPath = at < 0 ? rest : MASK + "@" + rest.substring(at + 1);
        int query = firstOf(hostAndPath, '?', '#');
        if (query < 0) {
            return hostAndPath;
        }
        // Punctuation closing the sentence the URL sits in ("from <url>: refused") stays.
        int end = hostAndPath.length();
        while (end > query + 1 && ":.,;)".indexOf(hostAndPath.charAt(end - 1)) >= 0) {
            end--;
        }
        return hostAndPath.substring(0, query) + "?" + MASK + hostAndPath.substring(end);
    }

    private static int endOfAuthority(String rest) {
        int end = firstOf(rest, '/', '?', '#');
        return end < 0 ? rest.length() : end;
    }

    private static int firstOf(String s, char... chars) {
        int first = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }
}
