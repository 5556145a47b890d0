package io.geoingest.formats.sheets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How cell values are written in the converted CSV: the forms the CSV type inference reads,
 * whatever the locale of the workbook or of the service.
 */
final class CellText {
    /** Excel shows and computes with 15 significant digits; more is binary noise (0.1+0.2). */
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** Day 0 of the 1900 date system, given Excel's fictitious 1900-02-29 (serial 60). */
    private static final LocalDateTime EPOCH_1900 = LocalDateTime.of(1899, 12, 30, 0, 0);
    private static final LocalDateTime EPOCH_1904 = LocalDateTime.of(1904, 1, 1, 0, 0);
    private static final double SECONDS_PER_DAY = 86_400;

    private CellText() {
    }

    /** Plain notation, no trailing zeros: 1.0 becomes "1" so that the column can be an integer. */
    static String number(BigDecimal value) {
        BigDecimal n = value.round(EXCEL_DIGITS).stripTrailingZeros();
        return n.signum() == 0 ? "0" : n.toPlainString();
    }

    static String number(double value) {
        return Double.isFinite(value) ? number(new BigDecimal(Double.toString(value))) : null;
    }

    static String bool(boolean value) {
        return value ? "true" : "false";
    }

    /**
     * An Excel date serial as {@code yyyy-MM-dd}, {@code HH:mm:ss} (a time of no day) or
     * {@code yyyy-MM-dd HH:mm:ss}, to the nearest second.
     */
    static String excelDate(double serial, boolean date1904) {
        if (!Double.isFinite(serial) || serial < 0 || serial > 2_958_466) {
            return number(serial); // not a date Excel could show (past 9999-12-31)
        }
        long seconds = Math.round(serial * SECONDS_PER_DAY);
        LocalDateTime epoch = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900.plusDays(1) : EPOCH_1900;
        return dateTime(epoch.plusSeconds(seconds), seconds < SECONDS_PER_DAY && seconds > 0);
    }

    static String dateTime(LocalDateTime value, boolean timeOnly) {
        LocalDateTime t = value.truncatedTo(ChronoUnit.SECONDS);
        if (timeOnly) {
            return TIME.format(t);
        }
        return t.toLocalTime().toSecondOfDay() == 0 ? DATE.format(t) : DATE_TIME.format(t);
    }
}
