package io.geoingest.kernel;

/** Quoting for identifiers and literals that must reach SQL text (DDL cannot take parameters). */
public final class Sql {
    private Sql() {
    }

    public static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier with NUL");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return ident(schema) + '.' + ident(name);
    }

    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal with NUL");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
