package io.geoingest.sql;

import io.geoingest.sql.SqlTokens.Kind;
import io.geoingest.sql.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses (403), before the database sees them, the statements that change database roles or
 * their settings, which PostgreSQL lets a role do to itself: with its own password an account
 * would log in past the SQL API's rules and break its pool; with its own settings or default
 * privileges it would change every later session of its role. ALTER ROLE, USER, GROUP, DATABASE,
 * SYSTEM and DEFAULT PRIVILEGES; CREATE and DROP ROLE, USER, GROUP; GRANT and REVOKE of roles.
 * They are looked for at every statement start, also in the bodies of DO blocks, functions and
 * procedures and in every string inside those ({@code EXECUTE 'ALTER ROLE ...'}). SQL put
 * together at run time escapes any reading of the text: {@link RoleChangeCheck} catches it in the
 * database.
 */
final class RoleStatements {
    private static final Set<String> ROLE_KINDS = Set.of("role", "user", "group");
    private static final Set<String> ALTERED_SETTINGS = Set.of("role", "user", "group", "database", "system");
    /** Words after which a PL/pgSQL statement starts (besides a semicolon). */
    private static final Set<String> BLOCK_WORDS = Set.of("begin", "then", "else", "loop");

    private RoleStatements() {
    }

    static void refuse(List<Token> statement) {
        refuse(statement, false);
    }

    private static void refuse(List<Token> tokens, boolean inCode) {
        for (int i = 0; i < tokens.size(); i++) {
            String command = startsStatement(tokens, i) ? roleCommand(tokens, i) : null;
            if (command != null) {
                throw new SqlFailure(403, "permission denied for " + command
                        + ": the SQL API does not change database roles or their settings");
            }
        }
        if (inCode || holdsCode(tokens)) {
            for (Token t : tokens) {
                if (t.kind() == Kind.STRING) {
                    refuse(SqlTokens.leading(t.body()), true);
                }
            }
        }
    }

    private static boolean startsStatement(List<Token> tokens, int i) {
        if (i == 0) {
            return true;
        }
        Token previous = tokens.get(i - 1);
        return previous.isSymbol(';')
                || previous.kind() == Kind.WORD && BLOCK_WORDS.contains(previous.text().toLowerCase(Locale.ROOT));
    }

    /** DO and CREATE [OR REPLACE] FUNCTION or PROCEDURE: statements whose strings are code. */
    private static boolean holdsCode(List<Token> t) {
        int kind = word(t, 1, "or") && word(t, 2, "replace") ? 3 : 1;
        return word(t, 0, "do") || word(t, 0, "create") && (word(t, kind, "function") || word(t, kind, "procedure"));
    }

    /** The role-changing command that starts at {@code i}, as the error names it; null for any other. */
    private static String roleCommand(List<Token> t, int i) {
        if (word(t, i, "alter") && word(t, i + 1, "default") && word(t, i + 2, "privileges")) {
            return "ALTER DEFAULT PRIVILEGES";
        }
        if (word(t, i, "alter") && wordIn(t, i + 1, ALTERED_SETTINGS)
                || (word(t, i, "create") || word(t, i, "drop")) && wordIn(t, i + 1, ROLE_KINDS)) {
            return (t.get(i).text() + " " + t.get(i + 1).text()).toUpperCase(Locale.ROOT);
        }
        if (word(t, i, "grant") && namesRoles(t, i, "to") || word(t, i, "revoke") && namesRoles(t, i, "from")) {
            return t.get(i).text().toUpperCase(Locale.ROOT);
        }
        return null;
    }

    /** A GRANT or REVOKE of privileges names its objects (ON ...) before TO or FROM; one of roles does not. */
    private static boolean namesRoles(List<Token> t, int start, String target) {
        for (int i = start + 1; i < t.size() && !t.get(i).isSymbol(';'); i++) {
            if (word(t, i, "on")) {
                return false;
            }
            if (word(t, i, target)) {
                return true;
            }
        }
        return false;
    }

    private static boolean word(List<Token> t, int i, String word) {
        return i < t.size() && t.get(i).isWord(word);
    }

    private static boolean wordIn(List<Token> t, int i, Set<String> words) {
        return i < t.size() && t.get(i).kind() == Kind.WORD && words.contains(t.get(i).text().toLowerCase(Locale.ROOT));
    }
}
