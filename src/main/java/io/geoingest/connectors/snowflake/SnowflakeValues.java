package io.geoingest.connectors.snowflake;

import io.geoingest.connectors.CellReader;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalQuery;
import java.util.Map;

/**
 * Date and time cells of a Snowflake result, read as the text the driver renders in the session's
 * output formats, which {@link SnowflakeConnector} sets at login. The driver's own
 * {@code getTime}/{@code getTimestamp} shift wall-clock values through the JVM's time zone (and
 * it has no {@code getObject} for {@code java.time}); the text is exact to the nanosecond.
 */
final class SnowflakeValues {
    /** The session parameters that make the driver render the text parsed here. */
    static final Map<String, String> OUTPUT_FORMATS = Map.of(
            "DATE_OUTPUT_FORMAT", "YYYY-MM-DD",
            "TIME_OUTPUT_FORMAT", "HH24:MI:SS.FF9",
            "TIMESTAMP_NTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9",
            "TIMESTAMP_LTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM",
            "TIMESTAMP_TZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");
    /** The driver writes a zero offset as {@code Z}. */
    private static final DateTimeFormatter TIMESTAMP_TZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS XXX");

    private SnowflakeValues() {
    }

    static CellReader date(int i) {
        return parsed(i, DATE, LocalDate::from, "DATE");
    }

    static CellReader time(int i) {
        return parsed(i, TIME, LocalTime::from, "TIME");
    }

    static CellReader timestamp(int i) {
        return parsed(i, TIMESTAMP, LocalDateTime::from, "TIMESTAMP_NTZ");
    }

    static CellReader timestamptz(int i) {
        return parsed(i, TIMESTAMP_TZ, OffsetDateTime::from, "TIMESTAMP_TZ");
    }

    /** A value the driver did not render as the session asked fails the import (1011) rather than vanish. */
    private static <T> CellReader parsed(int i, DateTimeFormatter format, TemporalQuery<T> type, String name) {
        return (rs, row) -> {
            String s = rs.getString(i);
            if (s == null) {
                return null;
            }
            try {
                return format.parse(s, type);
            } catch (DateTimeParseException e) {
                throw new SQLException("unreadable " + name + " value '" + s + "' in column " + i, e);
            }
        };
    }
}
