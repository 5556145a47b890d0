package io.geoingest.formats.features;

import io.geoingest.rows.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.DateTimeException;
import java.util.regex.Pattern;

/**
 * Column types of text values read from XML formats, with the CSV reader's rules (see
 * {@code CellScanner}): {@code -?digits[.digits][e±digits]} numbers, a leading-zero integer
 * stays text (a code), {@code true}/{@code false} booleans, ISO dates and timestamps with an
 * optional offset. XML values are few next to CSV cells, so regular expressions are fine here.
 */
final class ValueTypes {
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern LEADING_ZERO = Pattern.compile("-?0\\d+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern OFFSET = Pattern.compile("(Z|[+-]\\d{2}(:?\\d{2})?)$");

    private ValueTypes() {
    }

    /** The narrowest type of a non-blank, trimmed value. */
    static ColumnType classify(String v) {
        if (INTEGER.matcher(v).matches()) {
            if (LEADING_ZERO.matcher(v).matches()) {
                return ColumnType.TEXT;
            }
            int digits = v.length() - (v.startsWith("-") ? 1 : 0);
            return digits < 10 && fits(v, Integer.MIN_VALUE, Integer.MAX_VALUE) ? ColumnType.INTEGER
                    : digits < 20 && fitsLong(v) ? ColumnType.BIGINT : ColumnType.TEXT;
        }
        if (DECIMAL.matcher(v).matches()) {
            return ColumnType.DOUBLE;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return ColumnType.BOOLEAN;
        }
        if (DATE.matcher(v).matches()) {
            return convertsAs(ColumnType.DATE, v) ? ColumnType.DATE : ColumnType.TEXT;
        }
        if (TIMESTAMP.matcher(v).matches()) {
            return convertsAs(ColumnType.TIMESTAMP, v) ? ColumnType.TIMESTAMP : ColumnType.TEXT;
        }
        var offset = OFFSET.matcher(v);
        if (offset.find() && TIMESTAMP.matcher(v.substring(0, offset.start())).matches()) {
            return convertsAs(ColumnType.TIMESTAMPTZ, v) ? ColumnType.TIMESTAMPTZ : ColumnType.TEXT;
        }
        return ColumnType.TEXT;
    }

    /** Same widening as CSV: numbers to the larger, date and timestamp to timestamp, else text. */
    static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == null || a == b) {
            return b;
        }
        int ra = numericRank(a);
        int rb = numericRank(b);
        if (ra >= 0 && rb >= 0) {
            return ra > rb ? a : b;
        }
        if ((a == ColumnType.DATE || a == ColumnType.TIMESTAMP) && (b == ColumnType.DATE || b == ColumnType.TIMESTAMP)) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.TEXT;
    }

    /** The value as its column type's Java class; null when blank in a typed column. */
    static Object convert(ColumnType type, String raw) {
        if (raw == null) {
            return null;
        }
        if (type == ColumnType.TEXT) {
            return raw;
        }
        String v = raw.strip();
        if (v.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> Integer.valueOf(v);
            case BIGINT -> Long.valueOf(v);
            case DOUBLE -> Double.valueOf(v);
            case BOOLEAN -> Boolean.valueOf(v.equalsIgnoreCase("true"));
            case DATE -> LocalDate.parse(v);
            // A date in a timestamp column (widened) is its midnight.
            case TIMESTAMP -> v.length() == 10 ? LocalDate.parse(v).atStartOfDay()
                    : LocalDateTime.parse(v.replace(' ', 'T'));
            case TIMESTAMPTZ -> OffsetDateTime.parse(normaliseOffset(v.replace(' ', 'T')));
            default -> throw new IllegalArgumentException("not a value type: " + type);
        };
    }

    private static boolean convertsAs(ColumnType type, String v) {
        try {
            convert(type, v);
            return true;
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    /** java.time wants seconds and a ±HH:mm offset. */
    private static String normaliseOffset(String v) {
        var m = OFFSET.matcher(v);
        if (!m.find()) {
            return v;
        }
        String time = v.substring(0, m.start());
        String offset = m.group(1);
        if (time.length() == 16) {
            time += ":00";
        }
        if (!offset.equals("Z")) {
            offset = offset.length() == 3 ? offset + ":00"
                    : offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
        }
        return time + offset;
    }

    private static boolean fits(String v, long min, long max) {
        long n = Long.parseLong(v);
        return n >= min && n <= max;
    }

    private static boolean fitsLong(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int numericRank(ColumnType t) {
        return t == ColumnType.INTEGER ? 0 : t == ColumnType.BIGINT ? 1 : t == ColumnType.DOUBLE ? 2 : -1;
    }
}
