package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.rows.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CellScannerTest {
    private final CellScanner scanner = new CellScanner();

    private ColumnType classify(String value) {
        char[] b = value.toCharArray();
        int start = CellScanner.trimStart(b, 0, b.length);
        return scanner.classify(b, start, CellScanner.trimEnd(b, start, b.length));
    }

    private Object convert(ColumnType type, String value) {
        return scanner.convert(type, value.toCharArray(), 0, value.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|INTEGER", "-0|INTEGER", "42|INTEGER", "-2147483648|INTEGER", "2147483647|INTEGER",
            "2147483648|BIGINT", "-9223372036854775808|BIGINT", "9223372036854775807|BIGINT",
            "9223372036854775808|DOUBLE", "123456789012345678901234|DOUBLE",
            "0.5|DOUBLE", "-0.5|DOUBLE", ".5|DOUBLE", "5.|DOUBLE", "1e10|DOUBLE", "-1.5E-3|DOUBLE", "2E+08|DOUBLE",
            "1e999|TEXT", "02134|TEXT", "-012|TEXT", "00|TEXT", "00.5|TEXT", "+34911234567|TEXT",
            "1,234|TEXT", "1.2.3|TEXT", "NaN|TEXT", "Infinity|TEXT", "0x1F|TEXT", "-|TEXT", ".|TEXT", "1e|TEXT",
            "true|BOOLEAN", "FALSE|BOOLEAN", "True|BOOLEAN", "t|TEXT", "f|TEXT", "yes|TEXT", "no|TEXT",
            "2024-02-29|DATE", "2023-02-29|TEXT", "2024-13-01|TEXT", "0000-01-01|TEXT", "2024-1-01|TEXT",
            "2024-01-01 10:20|TIMESTAMP", "2024-01-01T10:20:30|TIMESTAMP", "2013-06-07 12:57:48.688979|TIMESTAMP",
            "2024-01-01 24:00:00|TEXT", "2024-01-01 10:60|TEXT", "2024-01-01 10:20:30.|TEXT",
            "2024-01-01T10:20:30Z|TIMESTAMPTZ", "2014-04-25 12:33:57.535124+00|TIMESTAMPTZ",
            "2024-01-01 10:20:30 +05:30|TIMESTAMPTZ", "2024-01-01T10:20-0800|TIMESTAMPTZ",
            "2024-01-01T10:20+19|TEXT", "2024-01-01Z|TEXT", "2024-01-01T10:20+05:|TEXT",
            "hello|TEXT", "' 12 '|INTEGER"})
    void classifies(String value, ColumnType expected) {
        assertThat(classify(value.replace("'", ""))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-940.405561", "85.129637", "-0.0", "0.0", ".5", "5.", "-.25", "123456789012.345",
            "1234567890123456.5", "0.1234567890123456789", "0.0000000000000000000001", "0.00000000000000000000001",
            "179.99999999999997", "-85.05112877980659", "1e-5", "2.5E+3", "00.5"})
    void convertsDecimalsExactlyAsParseDouble(String value) {
        Object converted = convert(ColumnType.DOUBLE, value);
        assertThat(converted).isEqualTo(Double.parseDouble(value));
        assertThat(Double.doubleToRawLongBits((Double) converted))
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(value)));
    }

    @Test
    void convertsRandomDecimalsExactlyAsParseDouble() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            String value = java.math.BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000L,
                    random.nextInt(24)).toPlainString();
            assertThat(convert(ColumnType.DOUBLE, value)).as(value).isEqualTo(Double.parseDouble(value));
        }
    }

    @Test
    void converts() {
        assertThat(convert(ColumnType.INTEGER, " -12 ")).isEqualTo(-12);
        assertThat(convert(ColumnType.BIGINT, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(convert(ColumnType.BIGINT, "7")).isEqualTo(7L);
        assertThat(convert(ColumnType.DOUBLE, "12345678901234567890")).isEqualTo(1.2345678901234567e19);
        assertThat(convert(ColumnType.DOUBLE, "-1.5E-3")).isEqualTo(-0.0015);
        assertThat(convert(ColumnType.DOUBLE, "3")).isEqualTo(3.0);
        assertThat(convert(ColumnType.BOOLEAN, "TRUE")).isEqualTo(true);
        assertThat(convert(ColumnType.BOOLEAN, "false")).isEqualTo(false);
        assertThat(convert(ColumnType.DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(convert(ColumnType.TIMESTAMP, "2024-02-29")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(convert(ColumnType.TIMESTAMP, "2013-06-07 12:57:48.688979"))
                .isEqualTo(LocalDateTime.of(2013, 6, 7, 12, 57, 48, 688979000));
        assertThat(convert(ColumnType.TIMESTAMPTZ, "2024-01-01T10:20:30.5-08:00"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 1, 10, 20, 30, 500000000, ZoneOffset.ofHours(-8)));
        assertThat(convert(ColumnType.TEXT, "  keep  me ")).isEqualTo("  keep  me ");
        assertThat(convert(ColumnType.TEXT, "")).isNull();
        assertThat(convert(ColumnType.INTEGER, "   ")).isNull();
    }

    @Test
    void readsCoordinatesWithLeadingZeros() {
        assertThat(scanner.decimal("045.5".toCharArray(), 0, 5)).isEqualTo(45.5);
        assertThat(scanner.decimal(" -3 ".toCharArray(), 0, 4)).isEqualTo(-3.0);
        assertThat(scanner.decimal("abc".toCharArray(), 0, 3)).isNaN();
        assertThat(scanner.decimal("  ".toCharArray(), 0, 2)).isNaN();
    }

    @Test
    void widensTypes() {
        assertThat(ColumnProfile.widen(ColumnType.INTEGER, ColumnType.BIGINT)).isEqualTo(ColumnType.BIGINT);
        assertThat(ColumnProfile.widen(ColumnType.DOUBLE, ColumnType.INTEGER)).isEqualTo(ColumnType.DOUBLE);
        assertThat(ColumnProfile.widen(ColumnType.DATE, ColumnType.TIMESTAMP)).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(ColumnProfile.widen(ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ)).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnProfile.widen(ColumnType.BOOLEAN, ColumnType.INTEGER)).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnProfile.widen(ColumnType.DATE, ColumnType.INTEGER)).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnProfile.widen(ColumnType.TEXT, ColumnType.INTEGER)).isEqualTo(ColumnType.TEXT);
    }
}
