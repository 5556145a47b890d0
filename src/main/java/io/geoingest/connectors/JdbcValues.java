package io.geoingest.connectors;

import io.geoingest.kernel.ImportWarnings;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** The warning counting values that became null because PostgreSQL's type cannot hold them. */
    public static final String OUT_OF_RANGE = "out_of_range_values";
    /** MySQL's TIME as text: {@code [-]H..H:MM:SS[.ffffff]}. */
    private static final Pattern MYSQL_TIME_TEXT = Pattern.compile("(-?)(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{0,6})\\d*)?");

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
            return rs.wasNull() ? null : widen(v);
        };
    }

    /** A single-precision value as the double its decimal form reads as (0.1f is 0.1). */
    public static Double widen(float v) {
        return Double.valueOf(Float.toString(v));
    }

    /** Decimal text to BigDecimal; PostgreSQL's NaN and infinities become null. */
    public static CellReader numeric(int i) {
        return numeric(i, null);
    }

    /** As {@link #numeric(int)}, counting the nulls for NaN and infinities in {@code out_of_range_values}. */
    public static CellReader numeric(int i, ImportWarnings warnings) {
        return (rs, row) -> {
            String s = rs.getString(i);
            if (s == null) {
                return null;
            }
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return outOfRange(warnings);
            }
        };
    }

    static <T> T outOfRange(ImportWarnings warnings) {
        if (warnings != null) {
            warnings.count(OUT_OF_RANGE);
        }
        return null;
    }

    public static CellReader bool(int i) {
        return (rs, row) -> {
            boolean v = rs.getBoolean(i);
            return rs.wasNull() ? null : v;
        };
    }

    /** PostgreSQL's ±infinity (LocalDate.MAX/MIN from PgJDBC) has no LocalDate: null. */
    public static CellReader date(int i) {
        return date(i, null);
    }

    /** As {@link #date(int)}, counting the nulls for infinities in {@code out_of_range_values}. */
    public static CellReader date(int i, ImportWarnings warnings) {
        return (rs, row) -> inRange(rs.getObject(i, LocalDate.class), warnings);
    }

    /** PostgreSQL's ±infinity as PgJDBC gives it (LocalDate.MAX/MIN): null, counted in {@code out_of_range_values}. */
    public static LocalDate inRange(LocalDate v, ImportWarnings warnings) {
        return v == null ? null : v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN) ? outOfRange(warnings) : v;
    }

    /** A time of day; PgJDBC gives PostgreSQL's 24:00:00 as LocalTime.MAX, which the sink writes back as 24:00:00. */
    public static CellReader time(int i) {
        return (rs, row) -> rs.getObject(i, LocalTime.class);
    }

    /**
     * PostgreSQL's (and Redshift's) {@code timetz}, parsed from its text
     * ({@code HH:MM:SS[.ffffff]+HH[:MM[:SS]]}): PgJDBC's own OffsetTime turns 24:00:00-01 into
     * 23:59:59.999999999-18:00. Text that is not a timetz fails the import (1011), never
     * becomes another value.
     */
    public static CellReader timetz(int i) {
        return (rs, row) -> {
            String s = rs.getString(i);
            return s == null ? null : parseTimetz(s.trim());
        };
    }

    static OffsetTime parseTimetz(String s) throws SQLException {
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        try {
            if (sign < 0) {
                throw new DateTimeException("no offset");
            }
            String time = s.substring(0, sign);
            LocalTime t = time.startsWith("24:00:00") && time.replaceAll("[^1-9]", "").equals("24")
                    ? LocalTime.MAX : LocalTime.parse(time);
            return OffsetTime.of(t, ZoneOffset.of(s.substring(sign)));
        } catch (DateTimeException e) {
            throw new SQLException("unreadable timetz value '" + s + "'", e);
        }
    }

    /**
     * MySQL's {@code TIME}, which is a duration from -838:59:59 to 838:59:59, as a time of day.
     * It is read from the value's bytes, as Connector/J's getters drop the sign of negative
     * values in the binary protocol: there, {@code [negative][days: int32 LE][h][m][s][µs: int32 LE]}
     * (empty for 00:00:00); in the text protocol, the text. Values from 00:00:00 to 24:00:00
     * are kept exactly (24:00:00 as LocalTime.MAX); a negative value or one past 24:00:00 has
     * no PostgreSQL {@code time}: it becomes null, counted in the warning
     * {@code out_of_range_values}.
     */
    public static CellReader mysqlTime(int i, ImportWarnings warnings) {
        return (rs, row) -> {
            byte[] b = rs.getBytes(i);
            if (b == null) {
                return null;
            }
            Long micros = mysqlTimeMicros(b);
            if (micros == null) {
                throw new SQLException("unreadable TIME value in column " + i);
            }
            if (micros < 0 || micros > MICROS_PER_DAY) {
                return outOfRange(warnings);
            }
            return micros == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
        };
    }

    /** The signed microseconds of a MySQL TIME in either protocol; null when the bytes are neither. */
    static Long mysqlTimeMicros(byte[] b) {
        boolean text = false;
        for (byte x : b) {
            if (x == ':') {
                text = true;
                break;
            }
        }
        if (text) {
            Matcher m = MYSQL_TIME_TEXT.matcher(new String(b, StandardCharsets.US_ASCII).trim());
            if (!m.matches()) {
                return null;
            }
            String fraction = m.group(5) == null ? "" : m.group(5);
            long micros = ((Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3))) * 60
                    + Long.parseLong(m.group(4))) * 1_000_000L
                    + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
            return m.group(1).isEmpty() ? micros : -micros;
        }
        if (b.length == 0) {
            return 0L;
        }
        if (b.length != 8 && b.length != 12) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        boolean negative = bb.get() != 0;
        long days = bb.getInt() & 0xffffffffL;
        long micros = (((days * 24 + bb.get()) * 60 + bb.get()) * 60 + bb.get()) * 1_000_000L;
        if (b.length == 12) {
            micros += bb.getInt() & 0xffffffffL;
        }
        return negative ? -micros : micros;
    }

    public static CellReader timestamp(int i) {
        return timestamp(i, null);
    }

    /** As {@link #timestamp(int)}, counting the nulls for infinities in {@code out_of_range_values}. */
    public static CellReader timestamp(int i, ImportWarnings warnings) {
        return (rs, row) -> inRange(rs.getObject(i, LocalDateTime.class), warnings);
    }

    /** As {@link #inRange(LocalDate, ImportWarnings)}, for timestamps. */
    public static LocalDateTime inRange(LocalDateTime v, ImportWarnings warnings) {
        return v == null ? null : v.equals(LocalDateTime.MAX) || v.equals(LocalDateTime.MIN) ? outOfRange(warnings) : v;
    }

    public static CellReader timestamptz(int i) {
        return timestamptz(i, null);
    }

    /** As {@link #timestamptz(int)}, counting the nulls for infinities in {@code out_of_range_values}. */
    public static CellReader timestamptz(int i, ImportWarnings warnings) {
        return (rs, row) -> inRange(rs.getObject(i, OffsetDateTime.class), warnings);
    }

    /** As {@link #inRange(LocalDate, ImportWarnings)}, for timestamps with time zone. */
    public static OffsetDateTime inRange(OffsetDateTime v, ImportWarnings warnings) {
        return v == null ? null : v.equals(OffsetDateTime.MAX) || v.equals(OffsetDateTime.MIN) ? outOfRange(warnings) : v;
    }

    /** Binary data as it is stored (bytea). */
    public static CellReader bytes(int i) {
        return (rs, row) -> rs.getBytes(i);
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
