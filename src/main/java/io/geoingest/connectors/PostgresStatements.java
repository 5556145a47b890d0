package io.geoingest.connectors;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.core.Parser;

/**
 * Statement boundaries in PostgreSQL SQL, found with PgJDBC's own lexer. PgJDBC splits a query at
 * its semicolons and runs every piece, so a {@code sql_query} of several statements would escape
 * the {@code SELECT ... FROM (query) AS src} wrapper and, after a {@code COMMIT}, the read-only
 * transaction. Whether backslashes escape quotes depends on the server's
 * {@code standard_conforming_strings}, hence the parameter.
 */
final class PostgresStatements {

    private PostgresStatements() {
    }

    /**
     * The statement before the first semicolon outside literals and comments, when nothing but
     * blanks, comments and more semicolons follows it; empty when another statement follows.
     * Stricter than PgJDBC, which does not split inside parentheses: {@code 1) s; COMMIT; ... (1}
     * is one piece alone but splits once wrapped.
     */
    static Optional<String> single(String sql, boolean standardConformingStrings) {
        char[] c = sql.toCharArray();
        int end = -1;
        for (int i = 0; i < c.length; i++) {
            int last = skipLiteralOrComment(c, i, standardConformingStrings);
            boolean comment = last != i && (c[i] == '-' || c[i] == '/');
            if (c[i] == ';') {
                end = end < 0 ? i : end;
            } else if (end >= 0 && !comment && !Character.isWhitespace(c[i])) {
                return Optional.empty();
            }
            i = last;
        }
        return Optional.of(end < 0 ? sql : sql.substring(0, end));
    }

    /** How many statements PgJDBC sends for {@code sql} (as {@code Statement.executeQuery} parses it). */
    static int count(String sql, boolean standardConformingStrings) throws SQLException {
        return Parser.parseJdbcSql(sql, standardConformingStrings, false, true, false, false).size();
    }

    /** The index of the last character of the literal, quoted identifier or comment at {@code i}, else {@code i}. */
    private static int skipLiteralOrComment(char[] c, int i, boolean standardConformingStrings) {
        return switch (c[i]) {
            case '\'' -> Parser.parseSingleQuotes(c, i, standardConformingStrings);
            case '"' -> Parser.parseDoubleQuotes(c, i);
            case '-' -> Parser.parseLineComment(c, i);
            case '/' -> Parser.parseBlockComment(c, i);
            case '$' -> Parser.parseDollarQuotes(c, i);
            default -> i;
        };
    }
}
