package io.geoingest.connectors;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column of a remote result as the JDBC driver describes it.
 *
 * @param name      the column label
 * @param jdbcType  a {@link java.sql.Types} constant
 * @param typeName  the database's type name, possibly schema-qualified and quoted by PgJDBC
 *                  ({@code "postgis"."geometry"})
 * @param precision the driver's precision (bit(n): n)
 * @param signed    false for MySQL UNSIGNED integers
 */
public record SourceColumn(String name, int jdbcType, String typeName, int precision, boolean signed) {

    static List<SourceColumn> of(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<SourceColumn> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            columns.add(new SourceColumn(label == null || label.isEmpty() ? md.getColumnName(i) : label,
                    md.getColumnType(i), md.getColumnTypeName(i), md.getPrecision(i), md.isSigned(i)));
        }
        return columns;
    }

    /** The type name without schema and quotes, in lower case. */
    public String baseTypeName() {
        String t = typeName == null ? "" : typeName;
        int dot = t.lastIndexOf('.');
        if (dot >= 0) {
            t = t.substring(dot + 1);
        }
        return t.replace("\"", "").trim().toLowerCase(Locale.ROOT);
    }

    /** The schema-qualifying prefix of the type name ({@code "postgis".}), or "" when unqualified. */
    String typeSchemaPrefix() {
        String t = typeName == null ? "" : typeName;
        int dot = t.lastIndexOf('.');
        return dot < 0 ? "" : t.substring(0, dot + 1);
    }
}
