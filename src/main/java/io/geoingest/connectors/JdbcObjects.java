package io.geoingest.connectors;

import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.PGStatement;
import org.postgresql.util.PGobject;

/**
 * The column types of values as Java holds them: what a JDBC driver's {@code getObject} gives
 * (the rows of Camel's {@code sql} and {@code jdbc} components), or a route's own maps. Where
 * {@link JdbcValues} reads a column whose type the driver states, this tells the type from each
 * value, then makes every value of the column the Java type its {@link ColumnType} documents,
 * by the same rules (floats through their decimal form, PostgreSQL's infinities as null counted
 * in {@code out_of_range_values}, text without NUL characters).
 *
 * <p>Numbers of different widths in one column widen to one type (integer, bigint, numeric;
 * double with integers, numeric with doubles); any other two types do not mix.
 */
public final class JdbcObjects {
    private static final Set<Long> PG_INFINITIES = Set.of(PGStatement.DATE_POSITIVE_INFINITY,
            PGStatement.DATE_NEGATIVE_INFINITY, PGStatement.DATE_POSITIVE_SMALLER_INFINITY,
            PGStatement.DATE_NEGATIVE_SMALLER_INFINITY);
    private static final Set<String> PG_GEOMETRIES = Set.of("geometry", "geography");

    private JdbcObjects() {
    }

    /**
     * The type of a column holding this (non-null) value; {@link ColumnType#GEOMETRY} for a JTS
     * geometry or a PostGIS value as PgJDBC gives it; null for values with no column type here
     * (arrays, maps, lists, other objects), whose column is left out.
     */
    public static ColumnType typeOf(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ColumnType.INTEGER;
        } else if (v instanceof Long) {
            return ColumnType.BIGINT;
        } else if (v instanceof BigDecimal || v instanceof BigInteger) {
            return ColumnType.NUMERIC;
        } else if (v instanceof Double || v instanceof Float) {
            return ColumnType.DOUBLE;
        } else if (v instanceof Boolean) {
            return ColumnType.BOOLEAN;
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof UUID || v instanceof Clob) {
            return ColumnType.TEXT;
        } else if (v instanceof byte[] || v instanceof Blob) {
            return ColumnType.BYTEA;
        } else if (v instanceof LocalDate || v instanceof java.sql.Date) {
            return ColumnType.DATE;
        } else if (v instanceof LocalTime || v instanceof java.sql.Time) {
            return ColumnType.TIME;
        } else if (v instanceof OffsetTime) {
            return ColumnType.TIMETZ;
        } else if (v instanceof LocalDateTime || v instanceof Timestamp) {
            return ColumnType.TIMESTAMP;
        } else if (v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof Instant
                || v instanceof Date) {
            return ColumnType.TIMESTAMPTZ;
        } else if (v instanceof Geometry) {
            return ColumnType.GEOMETRY;
        } else if (v instanceof PGobject pg) {
            String type = pg.getType() == null ? "" : pg.getType().toLowerCase(Locale.ROOT);
            return PG_GEOMETRIES.contains(type) ? ColumnType.GEOMETRY
                    : type.equals("json") ? ColumnType.JSON : type.equals("jsonb") ? ColumnType.JSONB : ColumnType.TEXT;
        }
        return null;
    }

    /** The type of a column holding values of both types; null when they do not mix. */
    public static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == b) {
            return a;
        }
        int ra = numberRank(a);
        int rb = numberRank(b);
        if (ra < 0 || rb < 0) {
            return null;
        }
        return numberOfRank(Math.max(ra, rb));
    }

    /** integer < bigint < double < numeric: each holds the ones before it. */
    private static int numberRank(ColumnType t) {
        switch (t) {
            case INTEGER:
                return 0;
            case BIGINT:
                return 1;
            case DOUBLE:
                return 2;
            case NUMERIC:
                return 3;
            default:
                return -1;
        }
    }

    private static ColumnType numberOfRank(int rank) {
        return new ColumnType[] {ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.NUMERIC}[rank];
    }

    /**
     * The value as a cell of a column of {@code type} (not GEOMETRY: see {@link #geometry}):
     * the Java type the type documents, or null.
     *
     * @throws IllegalArgumentException the value's own type is not {@code type}, nor one that
     *                                  widens into it (a text in a number column, a bigint in an
     *                                  integer column)
     */
    public static Object cell(ColumnType type, Object v, ImportWarnings warnings) throws SQLException {
        if (v == null) {
            return null;
        }
        ColumnType own = typeOf(v);
        if (own == null || widen(own, type) != type) {
            throw new IllegalArgumentException("a " + describe(v) + " where the column holds "
                    + type.sqlType() + " values");
        }
        switch (type) {
            case INTEGER:
                return ((Number) v).intValue();
            case BIGINT:
                return ((Number) v).longValue();
            case DOUBLE:
                return v instanceof Float f ? JdbcValues.widen(f) : (Object) ((Number) v).doubleValue();
            case NUMERIC:
                return numeric((Number) v, warnings);
            case BOOLEAN:
                return v;
            case TEXT:
            case JSON:
            case JSONB:
                return JdbcValues.clean(text(v));
            case BYTEA:
                return v instanceof Blob b ? b.getBytes(1, Math.toIntExact(b.length())) : v;
            case DATE:
                return v instanceof java.sql.Date d ? (infinite(d) ? JdbcValues.outOfRange(warnings) : d.toLocalDate())
                        : JdbcValues.inRange((LocalDate) v, warnings);
            case TIME:
                return v instanceof java.sql.Time t ? time(t) : v;
            case TIMETZ:
                return v;
            case TIMESTAMP:
                return v instanceof Timestamp t ? (infinite(t) ? JdbcValues.outOfRange(warnings) : t.toLocalDateTime())
                        : JdbcValues.inRange((LocalDateTime) v, warnings);
            case TIMESTAMPTZ:
                return timestamptz(v, warnings);
            default:
                throw new IllegalArgumentException("no cell of type " + type);
        }
    }

    /**
     * A geometry value (a JTS geometry, a PostGIS value from PgJDBC, or text: WKT/EWKT, hex
     * WKB/EWKB, GeoJSON) in EPSG:4326, or null when it cannot be read or projected.
     */
    public static Geometry geometry(Object v, GeometryText text) {
        if (v instanceof Geometry g) {
            return GeometryText.toWgs84(g.copy(), g.getSRID());
        } else if (v instanceof PGobject pg) {
            return text.parse(pg.getValue());
        } else if (v instanceof CharSequence s) {
            return text.parse(s.toString());
        }
        return null;
    }

    /** What a value is, for error messages: its type, and the value itself when short. */
    public static String describe(Object v) {
        String type = v instanceof PGobject pg ? "PostgreSQL " + pg.getType() : v.getClass().getSimpleName();
        String shown = v instanceof byte[] ? "" : String.valueOf(v);
        return shown.length() > 40 || shown.isEmpty() ? type : type + " (" + shown + ")";
    }

    private static BigDecimal numeric(Number v, ImportWarnings warnings) {
        if (v instanceof BigDecimal d) {
            return d;
        } else if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (v instanceof Double || v instanceof Float) {
            double d = v instanceof Float f ? JdbcValues.widen(f) : v.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : JdbcValues.outOfRange(warnings);
        }
        return BigDecimal.valueOf(v.longValue());
    }

    private static String text(Object v) throws SQLException {
        if (v instanceof Clob c) {
            return c.getSubString(1, Math.toIntExact(c.length()));
        } else if (v instanceof PGobject pg) {
            return pg.getValue();
        }
        return v.toString();
    }

    /** java.sql.Time keeps milliseconds, which its toLocalTime() drops. */
    private static LocalTime time(java.sql.Time t) {
        return t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
    }

    private static OffsetDateTime timestamptz(Object v, ImportWarnings warnings) {
        if (v instanceof OffsetDateTime t) {
            return JdbcValues.inRange(t, warnings);
        } else if (v instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        } else if (v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        Date d = (Date) v;
        return infinite(d) ? JdbcValues.outOfRange(warnings) : d.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** PgJDBC's ±infinity of dates and timestamps (PGStatement's constants). */
    private static boolean infinite(Date d) {
        return PG_INFINITIES.contains(d.getTime());
    }
}
