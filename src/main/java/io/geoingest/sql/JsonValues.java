package io.geoingest.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * One column value as JSON, the way CARTO's SQL API gave it: numbers as numbers (NaN and the
 * infinities as strings), booleans, json/jsonb embedded, timestamps in ISO 8601, arrays of
 * numbers, booleans and text as arrays, and everything else (geometries as hex EWKB) as
 * PostgreSQL's text.
 */
final class JsonValues {
    private static final Set<String> ARRAYS = Set.of("_int2", "_int4", "_int8", "_float4", "_float8", "_numeric",
            "_bool", "_text", "_varchar", "_bpchar");

    private JsonValues() {
    }

    static void write(JsonGenerator g, ResultSet rs, int column, String pgType) throws SQLException, IOException {
        switch (pgType) {
            case "bool" -> {
                boolean v = rs.getBoolean(column);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeBoolean(v);
                }
            }
            case "int2", "int4", "int8", "oid" -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            case "float4", "float8", "numeric" -> number(g, rs.getString(column));
            case "json", "jsonb" -> {
                String v = rs.getString(column);
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(v);
                }
            }
            case "timestamptz" -> timestamp(g, rs, column, true);
            case "timestamp" -> timestamp(g, rs, column, false);
            default -> {
                if (ARRAYS.contains(pgType)) {
                    array(g, rs.getArray(column));
                } else {
                    g.writeString(rs.getString(column));
                }
            }
        }
    }

    /** PostgreSQL's text of a number is a JSON number, except NaN and the infinities. */
    private static void number(JsonGenerator g, String v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v.equals("NaN") || v.endsWith("Infinity")) {
            g.writeString(v);
        } else {
            g.writeNumber(new BigDecimal(v));
        }
    }

    private static void timestamp(JsonGenerator g, ResultSet rs, int column, boolean zoned)
            throws SQLException, IOException {
        String text = rs.getString(column);
        if (text == null || text.endsWith("infinity")) {
            g.writeString(text);
        } else if (zoned) {
            g.writeString(rs.getObject(column, OffsetDateTime.class).toInstant().toString());
        } else {
            g.writeString(rs.getObject(column, LocalDateTime.class).toString());
        }
    }

    private static void array(JsonGenerator g, Array array) throws SQLException, IOException {
        if (array == null) {
            g.writeNull();
            return;
        }
        try {
            elements(g, (Object[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static void elements(JsonGenerator g, Object[] values) throws IOException {
        g.writeStartArray();
        for (Object v : values) {
            if (v == null) {
                g.writeNull();
            } else if (v instanceof Object[] nested) {
                elements(g, nested);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Number n) {
                number(g, n.toString());
            } else {
                g.writeString(v.toString());
            }
        }
        g.writeEndArray();
    }
}
