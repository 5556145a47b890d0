package io.geoingest.sql;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A result's columns: name, PostgreSQL type, and CARTO's type label for {@code fields}. */
record ResultColumns(List<Column> all) {
    private static final Set<String> GEOMETRIES = Set.of("geometry", "geography");

    record Column(String name, String pgType) {
        /** CARTO's labels: number, string, boolean, date; arrays get {@code []}; others keep the PostgreSQL name. */
        String cartoType() {
            return label(pgType);
        }

        boolean isGeometry() {
            return GEOMETRIES.contains(pgType);
        }

        private static String label(String type) {
            if (type.startsWith("_")) {
                return label(type.substring(1)) + "[]";
            }
            return switch (type) {
                case "bool" -> "boolean";
                case "int2", "int4", "int8", "oid", "float4", "float8", "numeric" -> "number";
                case "text", "varchar", "bpchar", "char", "name", "unknown", "citext" -> "string";
                case "date", "time", "timetz", "timestamp", "timestamptz" -> "date";
                default -> type;
            };
        }
    }

    static ResultColumns of(ResultSetMetaData meta) throws SQLException {
        List<Column> out = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            out.add(new Column(meta.getColumnLabel(i), storedType(meta.getColumnTypeName(i))));
        }
        return new ResultColumns(List.copyOf(out));
    }

    /** PgJDBC names a column with a sequence default (cartodb_id) by its DDL shorthand: the type is the integer. */
    private static String storedType(String jdbcName) {
        return switch (jdbcName) {
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            case "smallserial" -> "int2";
            default -> jdbcName;
        };
    }

    static ResultColumns none() {
        return new ResultColumns(List.of());
    }

    Column get(int index) {
        return all.get(index);
    }

    int size() {
        return all.size();
    }
}
