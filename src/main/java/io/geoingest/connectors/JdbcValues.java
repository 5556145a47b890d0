package io.geoingest.connectors;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * Cell readers shared by the dialects: each returns the Java type its
 * {@link io.geoingest.rows.ColumnType} documents, or null.
 */
public final class JdbcValues {
    private static final HexFormat HEX = HexFormat.of();

    private JdbcValues() {
    }

    public static CellReader integer(int i) {
        return (rs, row) -> {
            int v = rs.getInt(i);
            return rs.wasNull() ? null : v;
        };
    }

    public static CellReader bigint(int i) {
        return (rs, row) -> {
            long v = rs.getLong(i);
            return rs.wasNull() ? null : v;
        };
    }

    public static CellReader float8(int i) {
        return (rs, row) -> {
            double v = rs.getDouble(i);
            return rs.wasNull() ? null : v;
        };
    }

    /** Single precision, widened through its decimal form so that 0.1f stays 0.1. */
    public static CellReader float4(int i) {
        return (rs, row) -> {
            float v = rs.getFloat(i);
            return rs.wasNull() ? null : Double.valueOf(Float.toString(v));
        };
    }

    /** Decimal text to BigDecimal; PostgreSQL's NaN and infinities become null. */
    public static CellReader numeric(int i) {
        return (rs, row) -> {
            String s = rs.getString(i);
            if (s == null) {
                return null;
            }
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        };
    }

    public static CellReader bool(int i) {
        return (rs, row) -> {
            boolean v = rs.getBoolean(i);
            return rs.wasNull() ? null : v;
        };
    }

    /** PostgreSQL's ±infinity (LocalDate.MAX/MIN from PgJDBC) has no LocalDate: null. */
    public static CellReader date(int i) {
        return (rs, row) -> {
            LocalDate v = rs.getObject(i, LocalDate.class);
            return v == null || v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN) ? null : v;
        };
    }

    public static CellReader time(int i) {
        return (rs, row) -> rs.getObject(i, LocalTime.class);
    }

    public static CellReader timestamp(int i) {
        return (rs, row) -> {
            LocalDateTime v = rs.getObject(i, LocalDateTime.class);
            return v == null || v.equals(LocalDateTime.MAX) || v.equals(LocalDateTime.MIN) ? null : v;
        };
    }

    public static CellReader timestamptz(int i) {
        return (rs, row) -> {
            OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
            return v == null || v.equals(OffsetDateTime.MAX) || v.equals(OffsetDateTime.MIN) ? null : v;
        };
    }

    public static CellReader text(int i) {
        return (rs, row) -> clean(rs.getString(i));
    }

    /** Raw bytes decoded with the given charset (the {@code encoding} of MySQL and SQL Server). */
    public static CellReader decoded(int i, Charset charset) {
        return (rs, row) -> {
            byte[] b = rs.getBytes(i);
            return b == null ? null : clean(new String(b, charset));
        };
    }

    /** Binary values as PostgreSQL's bytea text: {@code \x} and hex digits. */
    public static String hex(byte[] b) {
        return "\\x" + HEX.formatHex(b);
    }

    /** PostgreSQL text cannot hold NUL characters: they are dropped. */
    public static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }
}
