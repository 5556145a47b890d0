package io.geoingest.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens the way PostgreSQL's lexer does (with standard_conforming_strings
 * on), as far as statement boundaries need: comments (nested too), string literals ({@code E''}
 * escapes included), dollar quoting, quoted identifiers. Enough to tell one statement from two
 * and a COPY's target from its options; the database role, not this, is the security boundary.
 */
public final class SqlTokens {
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, SYMBOL }

    /** A token; {@code start} is its offset in the text. */
    public record Token(Kind kind, String text, int start) {
        public boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        public boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }

        /**
         * A string's value: its text without the quotes or dollar tags, doubled quotes undone
         * (the backslash escapes of an {@code E''} string are left as written).
         */
        public String body() {
            if (text.startsWith("$")) {
                int tag = text.indexOf('$', 1) + 1;
                return text.substring(tag, text.length() - tag);
            }
            return text.substring(text.indexOf('\'') + 1, text.length() - 1).replace("''", "'");
        }
    }

    /** One statement: its tokens, and its text without the trailing semicolons. */
    public record Statement(String text, List<Token> tokens) {
    }

    private final String sql;
    private int pos;

    private SqlTokens(String sql) {
        this.sql = sql;
    }

    /** The one statement of {@code sql}; an empty text or a second statement is refused (400). */
    public static Statement single(String sql) {
        List<Token> all = of(sql);
        int end = 0;
        while (end < all.size() && !all.get(end).isSymbol(';')) {
            end++;
        }
        for (int i = end; i < all.size(); i++) {
            if (!all.get(i).isSymbol(';')) {
                throw new SqlFailure(400, "Only one SQL statement is allowed per request");
            }
        }
        if (end == 0) {
            throw new SqlFailure(400, "The SQL statement is empty");
        }
        String text = end < all.size() ? sql.substring(0, all.get(end).start()) : sql;
        return new Statement(text, List.copyOf(all.subList(0, end)));
    }

    static List<Token> of(String sql) {
        List<Token> out = new ArrayList<>();
        new SqlTokens(sql).collect(out);
        return out;
    }

    /**
     * The tokens of a text that may not be SQL at all (a string's value): those before the first
     * one the lexer cannot make (an unterminated quote, say).
     */
    static List<Token> leading(String text) {
        List<Token> out = new ArrayList<>();
        try {
            new SqlTokens(text).collect(out);
        } catch (SqlFailure notSql) {
            // what follows is not SQL: the tokens so far are all there is
        }
        return out;
    }

    private void collect(List<Token> out) {
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                return;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                pos++;
            } else if (sql.startsWith("--", pos)) {
                while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (sql.startsWith("/*", pos)) {
                blockComment();
            } else {
                return;
            }
        }
    }

    /** PostgreSQL's block comments nest. */
    private void blockComment() {
        int depth = 0;
        do {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else if (pos >= sql.length()) {
                throw unterminated("comment");
            } else {
                pos++;
            }
        } while (depth > 0);
    }

    private Token next() {
        int start = pos;
        char c = sql.charAt(pos);
        if (c == 0) {
            throw new SqlFailure(400, "The SQL text holds a NUL character");
        }
        if (c == '\'') {
            quoted('\'', false, "string literal");
            return token(Kind.STRING, start);
        }
        if (c == '"') {
            quoted('"', false, "quoted identifier");
            return token(Kind.QUOTED_IDENTIFIER, start);
        }
        if (c == '$') {
            return dollar(start);
        }
        if (isIdentifierStart(c)) {
            while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            if (pos - start == 1 && (c == 'e' || c == 'E') && pos < sql.length() && sql.charAt(pos) == '\'') {
                quoted('\'', true, "string literal");
                return token(Kind.STRING, start);
            }
            return token(Kind.WORD, start);
        }
        if (isDigit(c) || c == '.' && pos + 1 < sql.length() && isDigit(sql.charAt(pos + 1))) {
            number();
            return token(Kind.NUMBER, start);
        }
        pos++;
        return token(Kind.SYMBOL, start);
    }

    /** From an opening quote to its closing one; a doubled quote, or with escapes a backslash, escapes. */
    private void quoted(char quote, boolean backslashEscapes, String what) {
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw unterminated(what);
            }
            char c = sql.charAt(pos++);
            if (backslashEscapes && c == '\\') {
                pos++;
            } else if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    pos++;
                } else {
                    return;
                }
            }
        }
    }

    /** {@code $1} (a parameter), {@code $tag$...$tag$} (a string), or a lone {@code $}. */
    private Token dollar(int start) {
        int p = pos + 1;
        if (p < sql.length() && isDigit(sql.charAt(p))) {
            while (p < sql.length() && isDigit(sql.charAt(p))) {
                p++;
            }
            pos = p;
            return token(Kind.PARAMETER, start);
        }
        if (p < sql.length() && isIdentifierStart(sql.charAt(p))) {
            while (p < sql.length() && isIdentifierPart(sql.charAt(p)) && sql.charAt(p) != '$') {
                p++;
            }
        }
        if (p >= sql.length() || sql.charAt(p) != '$') {
            pos++;
            return token(Kind.SYMBOL, start);
        }
        String delimiter = sql.substring(start, p + 1);
        int close = sql.indexOf(delimiter, p + 1);
        if (close < 0) {
            throw unterminated("dollar-quoted string");
        }
        pos = close + delimiter.length();
        return token(Kind.STRING, start);
    }

    private void number() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if ((c == 'e' || c == 'E') && pos + 1 < sql.length() && (sql.charAt(pos + 1) == '+' || sql.charAt(pos + 1) == '-')) {
                pos += 2;
            } else if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
                pos++;
            } else {
                return;
            }
        }
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, sql.substring(start, pos), start);
    }

    private static SqlFailure unterminated(String what) {
        return new SqlFailure(400, "Unterminated " + what + " in the SQL text");
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
