package io.geoingest.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a README comment such as {@code # {"id":"7f2c…","state":"complete",…}} promises an answer
 * holds: JSON in which {@code …} stands for any value (alone, or inside a string), for any
 * further members of an object, or for any items of an array. An object without {@code …} must
 * have exactly the members written; numbers, booleans, null and strings without {@code …} are
 * literal.
 */
final class Promise {
    private static final char ANY = '…';
    private static final ObjectMapper JSON = new ObjectMapper();

    private sealed interface Pattern permits Anything, Literal, Obj, Arr {
    }

    private record Anything() implements Pattern {
    }

    private record Literal(JsonNode value) implements Pattern {
    }

    private record Obj(Map<String, Pattern> members, boolean open) implements Pattern {
    }

    private record Arr(List<Pattern> items, boolean open) implements Pattern {
    }

    private final String text;
    private final Pattern pattern;
    private int at;

    private Promise(String text) {
        this.text = text;
        this.pattern = value();
        skipBlanks();
    }

    /** The promise at the start of a comment's text (after {@code #}), if it starts with one. */
    static Optional<Promise> inComment(String comment) {
        String t = comment.strip();
        if (!t.startsWith("{")) {
            return Optional.empty();
        }
        Promise p = new Promise(t);
        return Optional.of(p);
    }

    @Override
    public String toString() {
        return text.substring(0, at);
    }

    boolean isKeptBy(JsonNode answer) {
        return matches(pattern, answer);
    }

    /** The JSON objects in a command's output, in order (text between them is skipped). */
    static List<JsonNode> objectsIn(String output) {
        List<JsonNode> found = new ArrayList<>();
        int i = 0;
        while ((i = output.indexOf('{', i)) >= 0) {
            int end = endOfObject(output, i);
            if (end < 0) {
                i++;
                continue;
            }
            try {
                found.add(JSON.readTree(output.substring(i, end)));
                i = end;
            } catch (Exception notJson) {
                i++;
            }
        }
        return found;
    }

    private static int endOfObject(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static boolean matches(Pattern p, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (p instanceof Literal l) {
            return l.value().equals(actual) || (l.value().isNumber() && actual.isNumber()
                    && l.value().decimalValue().compareTo(actual.decimalValue()) == 0);
        }
        if (p instanceof Obj o) {
            return actual.isObject() && (o.open() || actual.size() == o.members().size())
                    && o.members().entrySet().stream().allMatch(e -> matches(e.getValue(), actual.get(e.getKey())));
        }
        if (p instanceof Arr a) {
            return actual.isArray() && (a.open() ? actual.size() >= a.items().size() : actual.size() == a.items().size())
                    && itemsMatch(a.items(), actual);
        }
        return true;
    }

    private static boolean itemsMatch(List<Pattern> items, JsonNode actual) {
        Iterator<JsonNode> values = actual.elements();
        for (Pattern item : items) {
            if (!matches(item, values.next())) {
                return false;
            }
        }
        return true;
    }

    // A small recursive-descent reader of JSON with … in it.

    private Pattern value() {
        skipBlanks();
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == ANY) {
            at++;
            return new Anything();
        }
        if (c == '"') {
            int start = at;
            String s = string();
            return s.indexOf(ANY) >= 0 ? new Anything() : literal(text.substring(start, at));
        }
        int start = at;
        while (at < text.length() && ",}] ".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        return literal(text.substring(start, at));
    }

    private Pattern object() {
        at++;
        Map<String, Pattern> members = new LinkedHashMap<>();
        boolean open = false;
        while (true) {
            skipBlanks();
            char c = peek();
            if (c == '}') {
                at++;
                return new Obj(members, open);
            }
            if (c == ',') {
                at++;
            } else if (c == ANY) {
                at++;
                open = true;
            } else {
                String key = string();
                skipBlanks();
                expect(':');
                members.put(key, value());
            }
        }
    }

    private Pattern array() {
        at++;
        List<Pattern> items = new ArrayList<>();
        boolean open = false;
        while (true) {
            skipBlanks();
            char c = peek();
            if (c == ']') {
                at++;
                return new Arr(items, open);
            }
            if (c == ',') {
                at++;
            } else if (c == ANY) {
                at++;
                open = true;
            } else {
                items.add(value());
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (peek() != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                c = text.charAt(at++);
            }
            s.append(c);
        }
        at++;
        return s.toString();
    }

    private Literal literal(String json) {
        try {
            return new Literal(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a promise: " + text + " (at " + json + ")", e);
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("not a promise: " + text + " (expected " + c + " at " + at + ")");
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("not a promise (unfinished): " + text);
        }
        return text.charAt(at);
    }

    private void skipBlanks() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
