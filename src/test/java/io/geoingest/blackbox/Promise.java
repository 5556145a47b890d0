package io.geoingest.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    private sealed interface Pattern permits Anything, Literal, Text, Obj, Arr {
    }

    private record Anything() implements Pattern {
    }

    private record Literal(JsonNode value) implements Pattern {
    }

    /** A string with {@code …} in it: its other parts, in order, with anything between. */
    private record Text(java.util.regex.Pattern regex) implements Pattern {
    }

    private record Obj(Map<String, Pattern> members, boolean open) implements Pattern {
    }

    /** Items written before a {@code …} match the first ones, those after it the last ones. */
    private record Arr(List<Pattern> head, List<Pattern> tail, boolean open) implements Pattern {
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
        if (p instanceof Text t) {
            return actual.isTextual() && t.regex().matcher(actual.asText()).matches();
        }
        if (p instanceof Obj o) {
            return actual.isObject() && (o.open() || actual.size() == o.members().size())
                    && o.members().entrySet().stream().allMatch(e -> matches(e.getValue(), actual.get(e.getKey())));
        }
        if (p instanceof Arr a) {
            int written = a.head().size() + a.tail().size();
            if (!actual.isArray() || (a.open() ? actual.size() < written : actual.size() != written)) {
                return false;
            }
            for (int i = 0; i < a.head().size(); i++) {
                if (!matches(a.head().get(i), actual.get(i))) {
                    return false;
                }
            }
            for (int i = 0; i < a.tail().size(); i++) {
                if (!matches(a.tail().get(i), actual.get(actual.size() - a.tail().size() + i))) {
                    return false;
                }
            }
            return true;
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
            if (s.indexOf(ANY) < 0) {
                return literal(text.substring(start, at));
            }
            StringBuilder regex = new StringBuilder();
            for (String part : s.split(String.valueOf(ANY), -1)) {
                regex.append(regex.length() == 0 ? "" : ".*").append(java.util.regex.Pattern.quote(part));
            }
            return new Text(java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL));
        }
        int start = at;
        while (at < text.length() && ",}] ".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        return literal(text.substring(start, at));
    }

    private Pattern object() {
        Map<String, Pattern> members = new LinkedHashMap<>();
        boolean open = elements('}', afterAny -> {
            String key = string();
            skipBlanks();
            expect(':');
            if (members.put(key, value()) != null) {
                throw new IllegalArgumentException("not a promise: " + text + " (" + key + " twice)");
            }
        });
        return new Obj(members, open);
    }

    private Pattern array() {
        List<Pattern> head = new ArrayList<>();
        List<Pattern> tail = new ArrayList<>();
        boolean open = elements(']', afterAny -> (afterAny ? tail : head).add(value()));
        return new Arr(head, tail, open);
    }

    /**
     * Reads comma-separated elements up to {@code close}: a {@code …}, or one read by
     * {@code element}, told whether a {@code …} came before it. Whether there was a {@code …}.
     */
    private boolean elements(char close, Consumer<Boolean> element) {
        at++;
        boolean any = false;
        boolean first = true;
        while (true) {
            skipBlanks();
            if (peek() == close) {
                at++;
                return any;
            }
            if (!first) {
                expect(',');
                skipBlanks();
            }
            first = false;
            if (peek() == ANY) {
                at++;
                any = true;
            } else {
                element.accept(any);
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
