package io.geoingest.formats.csv;

import io.geoingest.rows.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads one cell straight from the parser's character buffer: which column type its value
 * needs (pass 1) and the value itself (pass 2). Both passes use the same scanning code, so a
 * value pass 1 accepted for a type always converts in pass 2. Plain character scans, no regular
 * expressions and no strings for numbers, booleans and dates, because this runs for every cell.
 *
 * <p>Rules: numbers are {@code -?digits[.digits][e[+-]digits]} (also {@code .5} and {@code 5.});
 * a leading {@code +}, thousands separators, {@code NaN} or {@code Infinity} make text. An
 * integer written with a leading zero ({@code 02134}) is a code and stays text. Booleans are
 * {@code true}/{@code false} in any case only: {@code t/f}, {@code yes/no} and {@code 0/1} are too
 * often codes. Dates are ISO {@code yyyy-MM-dd}; timestamps add {@code [T ]HH:mm[:ss[.fraction]]}
 * and, for timestamptz, an offset {@code Z}, {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm}.
 * Spaces around a typed value are ignored; a value of only spaces is NULL in a typed column.
 *
 * <p>Public for the GeoJSON reader, which types string values by the same date rules, and the
 * KML and GPX readers, which type their text values by all of these rules.
 * Not thread-safe: it keeps the parts of the last date it read.
 */
public final class CellScanner {
    /** 10^0 to 10^22: the powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private long longValue;
    private int year;
    private int month;
    private int day;
    private int hour;
    private int minute;
    private int second;
    private int nano;
    private int offsetSeconds;
    private boolean hasTime;
    private boolean hasOffset;

    public static int trimStart(char[] b, int start, int end) {
        while (start < end && b[start] <= ' ') {
            start++;
        }
        return start;
    }

    public static int trimEnd(char[] b, int start, int end) {
        while (end > start && b[end - 1] <= ' ') {
            end--;
        }
        return end;
    }

    static boolean isBlank(char[] b, int off, int len) {
        return trimStart(b, off, off + len) == off + len;
    }

    /** The narrowest type of the trimmed, non-empty value in {@code b[start, end)}. */
    public ColumnType classify(char[] b, int start, int end) {
        char c = b[start];
        if (isDigit(c) || c == '-' || c == '.') {
            if (isNumber(b, start, end)) {
                return hasLeadingZero(b, start, end) ? ColumnType.TEXT : numberType(b, start, end);
            }
            return scanTemporal(b, start, end) ? temporalType() : ColumnType.TEXT;
        }
        return is(b, start, end, "true") || is(b, start, end, "false") ? ColumnType.BOOLEAN : ColumnType.TEXT;
    }

    /**
     * The cell as the Java value its column type documents, or null when empty (or blank in a
     * typed column). Text keeps every character.
     */
    public Object convert(ColumnType type, char[] b, int off, int len) {
        if (len == 0) {
            return null;
        }
        if (type == ColumnType.TEXT) {
            return new String(b, off, len);
        }
        int start = trimStart(b, off, off + len);
        int end = trimEnd(b, start, off + len);
        if (start == end) {
            return null;
        }
        switch (type) {
            case INTEGER:
                return Integer.valueOf((int) parsedLong(b, start, end));
            case BIGINT:
                return Long.valueOf(parsedLong(b, start, end));
            case DOUBLE:
                return Double.valueOf(toDouble(b, start, end));
            case BOOLEAN:
                return Boolean.valueOf((b[start] | 0x20) == 't');
            case DATE:
                parsedTemporal(b, start, end);
                return LocalDate.of(year, month, day);
            case TIMESTAMP:
                parsedTemporal(b, start, end);
                return LocalDateTime.of(year, month, day, hour, minute, second, nano);
            case TIMESTAMPTZ:
                parsedTemporal(b, start, end);
                return OffsetDateTime.of(year, month, day, hour, minute, second, nano,
                        ZoneOffset.ofTotalSeconds(offsetSeconds));
            default:
                throw new IllegalArgumentException("not a cell type: " + type);
        }
    }

    /** The cell as a number, leading zeros allowed (a coordinate, not a code), or NaN. */
    double decimal(char[] b, int off, int len) {
        int start = trimStart(b, off, off + len);
        int end = trimEnd(b, start, off + len);
        return start < end && isNumber(b, start, end) ? toDouble(b, start, end) : Double.NaN;
    }

    static boolean isNumber(char[] b, int start, int end) {
        int i = start;
        if (b[i] == '-') {
            i++;
        }
        int digits = 0;
        for (; i < end && isDigit(b[i]); i++) {
            digits++;
        }
        if (i < end && b[i] == '.') {
            for (i++; i < end && isDigit(b[i]); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < end && isDigit(b[i])) {
                i++;
            }
            if (i == exponentStart) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean hasLeadingZero(char[] b, int start, int end) {
        int i = b[start] == '-' ? start + 1 : start;
        return end - i > 1 && b[i] == '0' && isDigit(b[i + 1]);
    }

    private ColumnType numberType(char[] b, int start, int end) {
        if (parseLong(b, start, end)) {
            return longValue == (int) longValue ? ColumnType.INTEGER : ColumnType.BIGINT;
        }
        // Only an exponent or hundreds of digits can overflow a double; check just those.
        boolean mayOverflow = end - start > 300;
        for (int i = start; i < end && !mayOverflow; i++) {
            mayOverflow = b[i] == 'e' || b[i] == 'E';
        }
        return !mayOverflow || Double.isFinite(toDouble(b, start, end)) ? ColumnType.DOUBLE : ColumnType.TEXT;
    }

    /** Whether {@code b[start, end)} is a decimal int64; if so it is in {@link #longValue}. */
    private boolean parseLong(char[] b, int start, int end) {
        boolean negative = b[start] == '-';
        int i = negative ? start + 1 : start;
        if (i == end) {
            return false;
        }
        // Accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long result = 0;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9 || result < limit / 10) {
                return false;
            }
            result *= 10;
            if (result < limit + digit) {
                return false;
            }
            result -= digit;
        }
        longValue = negative ? result : -result;
        return true;
    }

    private long parsedLong(char[] b, int start, int end) {
        if (!parseLong(b, start, end)) {
            throw changedSincePass1(b, start, end);
        }
        return longValue;
    }

    private double toDouble(char[] b, int start, int end) {
        // A long converts to the same correctly rounded double that parseDouble would give.
        if (parseLong(b, start, end)) {
            return longValue;
        }
        double fast = shortDecimal(b, start, end);
        return fast == fast ? fast : Double.parseDouble(new String(b, start, end - start));
    }

    /**
     * A plain decimal of at most 15 digits and 22 decimals, the usual coordinate or measure,
     * without parseDouble: its digits as a long and the power of ten are both exact doubles, so
     * their quotient is the correctly rounded value parseDouble gives. NaN for other numbers.
     */
    private static double shortDecimal(char[] b, int start, int end) {
        boolean negative = b[start] == '-';
        long digits = 0;
        int count = 0;
        int decimals = -1;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            char c = b[i];
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (isDigit(c) && ++count <= 15) {
                digits = digits * 10 + (c - '0');
                decimals += decimals >= 0 ? 1 : 0;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || decimals >= EXACT_POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double value = digits / EXACT_POWERS_OF_TEN[Math.max(decimals, 0)];
        return negative ? -value : value;
    }

    private ColumnType temporalType() {
        return hasOffset ? ColumnType.TIMESTAMPTZ : hasTime ? ColumnType.TIMESTAMP : ColumnType.DATE;
    }

    private void parsedTemporal(char[] b, int start, int end) {
        if (!scanTemporal(b, start, end)) {
            throw changedSincePass1(b, start, end);
        }
    }

    /** Whether {@code b[start, end)} is an ISO date or date-time; if so its parts are in the fields. */
    private boolean scanTemporal(char[] b, int start, int end) {
        if (end - start < 10 || !digits(b, start, 4) || b[start + 4] != '-' || !digits(b, start + 5, 2)
                || b[start + 7] != '-' || !digits(b, start + 8, 2)) {
            return false;
        }
        year = number(b, start, 4);
        month = number(b, start + 5, 2);
        day = number(b, start + 8, 2);
        hour = 0;
        minute = 0;
        second = 0;
        nano = 0;
        offsetSeconds = 0;
        hasTime = false;
        hasOffset = false;
        // Year 0 does not exist for PostgreSQL.
        if (year == 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        int i = start + 10;
        if (i == end) {
            return true;
        }
        if (b[i] != 'T' && b[i] != 't' && b[i] != ' ') {
            return false;
        }
        i++;
        if (end - i < 5 || !digits(b, i, 2) || b[i + 2] != ':' || !digits(b, i + 3, 2)) {
            return false;
        }
        hour = number(b, i, 2);
        minute = number(b, i + 3, 2);
        i += 5;
        if (i < end && b[i] == ':') {
            if (end - i < 3 || !digits(b, i + 1, 2)) {
                return false;
            }
            second = number(b, i + 1, 2);
            i += 3;
            if (i < end && b[i] == '.') {
                int fraction = ++i;
                while (i < end && isDigit(b[i])) {
                    i++;
                }
                int fractionDigits = i - fraction;
                if (fractionDigits == 0 || fractionDigits > 9) {
                    return false;
                }
                nano = number(b, fraction, fractionDigits);
                for (int k = fractionDigits; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return false;
        }
        hasTime = true;
        if (i == end) {
            return true;
        }
        if (b[i] == ' ') {
            i++; // "12:00:00 +02:00"
        }
        return i < end && scanOffset(b, i, end);
    }

    private boolean scanOffset(char[] b, int i, int end) {
        char sign = b[i];
        if ((sign == 'Z' || sign == 'z') && i + 1 == end) {
            hasOffset = true;
            return true;
        }
        if ((sign != '+' && sign != '-') || end - i < 3 || !digits(b, i + 1, 2)) {
            return false;
        }
        int hours = number(b, i + 1, 2);
        int minutes = 0;
        i += 3;
        if (i < end) {
            if (b[i] == ':') {
                i++;
            }
            if (end - i != 2 || !digits(b, i, 2)) {
                return false;
            }
            minutes = number(b, i, 2);
        }
        if (minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return false;
        }
        offsetSeconds = (sign == '-' ? -60 : 60) * (hours * 60 + minutes);
        hasOffset = true;
        return true;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static boolean digits(char[] b, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (!isDigit(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static int number(char[] b, int start, int count) {
        int n = 0;
        for (int i = start; i < start + count; i++) {
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Case-insensitive match with a lower-case ASCII word. */
    private static boolean is(char[] b, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((b[start + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Pass 2 read a value pass 1 typed differently: only possible if the file changed. */
    private static IllegalStateException changedSincePass1(char[] b, int start, int end) {
        return new IllegalStateException("the file changed while it was read: unexpected value '"
                + new String(b, start, Math.min(end - start, 100)) + "'");
    }
}
