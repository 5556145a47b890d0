package io.geoingest.copy;

import io.geoingest.sql.SqlFailure;
import io.geoingest.sql.SqlTokens;
import io.geoingest.sql.SqlTokens.Kind;
import io.geoingest.sql.SqlTokens.Token;
import java.util.List;

/**
 * A {@code q} checked to be one {@code COPY <table> [(columns)] FROM STDIN ...} or one
 * {@code COPY <table or (query)> [(columns)] TO STDOUT ...}: server files, {@code PROGRAM} and
 * further statements are refused before reaching the database. Options after STDIN/STDOUT are
 * left to PostgreSQL. Defense in depth: the account's role could not use them anyway.
 */
public final class CopyStatement {
    public enum Direction {
        FROM("STDIN"), TO("STDOUT");

        private final String stream;

        Direction(String stream) {
            this.stream = stream;
        }
    }

    private final List<Token> tokens;
    private final Direction direction;
    private int i;

    private CopyStatement(List<Token> tokens, Direction direction) {
        this.tokens = tokens;
        this.direction = direction;
    }

    /** The statement's text, ready for PgJDBC's CopyManager; refusals are 400 answers. */
    public static String check(String q, Direction direction) {
        if (q == null || q.isBlank()) {
            throw new SqlFailure(400, "SQL is missing");
        }
        SqlTokens.Statement statement = SqlTokens.single(q);
        new CopyStatement(statement.tokens(), direction).check();
        return statement.text();
    }

    private void check() {
        if (!tokens.get(0).isWord("COPY")) {
            throw new SqlFailure(400, "SQL must start with COPY");
        }
        i = 1;
        if (at().isWord("BINARY")) {
            i++;
        }
        if (at().isSymbol('(')) {
            if (direction == Direction.FROM) {
                throw refused("COPY FROM loads a table, not a (query)");
            }
            skipParentheses();
        } else {
            tableName();
            if (at().isSymbol('(')) {
                skipParentheses();
            }
        }
        if (!at().isWord(direction.name())) {
            throw refused("this endpoint takes COPY ... " + direction.name() + " " + direction.stream);
        }
        i++;
        Token target = at();
        if (target.isWord("PROGRAM")) {
            throw refused("COPY ... PROGRAM is not allowed");
        }
        if (!target.isWord(direction.stream)) {
            throw refused("COPY " + direction.name() + " only takes " + direction.stream + ", never a server file");
        }
        requireBalancedParentheses();
    }

    /** {@code name}, {@code schema.name} or {@code database.schema.name}, each plain or quoted. */
    private void tableName() {
        for (int part = 0; part < 3; part++) {
            Kind kind = at().kind();
            if (kind != Kind.WORD && kind != Kind.QUOTED_IDENTIFIER) {
                throw refused("COPY needs a table name" + (direction == Direction.TO ? " or a (query)" : ""));
            }
            i++;
            if (!at().isSymbol('.')) {
                return;
            }
            i++;
        }
    }

    private void skipParentheses() {
        int depth = 0;
        do {
            Token t = at();
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            }
            i++;
        } while (depth > 0);
    }

    private void requireBalancedParentheses() {
        int depth = 0;
        for (Token t : tokens) {
            depth += t.isSymbol('(') ? 1 : t.isSymbol(')') ? -1 : 0;
            if (depth < 0) {
                break;
            }
        }
        if (depth != 0) {
            throw refused("unbalanced parentheses");
        }
    }

    /** The current token; running out of tokens is a refusal, not an exception. */
    private Token at() {
        if (i >= tokens.size()) {
            throw refused("the statement ends too early");
        }
        return tokens.get(i);
    }

    private static SqlFailure refused(String why) {
        return new SqlFailure(400, "Invalid COPY statement: " + why);
    }
}
