package io.geoingest.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The value parsers that need no server: MySQL TIME in both protocols, PostgreSQL timetz text. */
class JdbcValuesTest {

    private static Long text(String s) {
        return JdbcValues.mysqlTimeMicros(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void mysqlTimeAsTextKeepsItsSignAndMicroseconds() {
        assertThat(text("12:34:56")).isEqualTo(45_296_000_000L);
        assertThat(text("12:34:56.5")).isEqualTo(45_296_500_000L);
        assertThat(text("12:34:56.123456")).isEqualTo(45_296_123_456L);
        assertThat(text("-1:00:00")).isEqualTo(-3_600_000_000L);
        assertThat(text("838:59:59.000000")).isEqualTo(3_020_399_000_000L);
        assertThat(text("not:a:time")).isNull();
    }

    @Test
    void mysqlTimeInTheBinaryProtocol() {
        // [negative][days int32 LE][h][m][s][micros int32 LE], as MariaDB sends them.
        assertThat(JdbcValues.mysqlTimeMicros(hex("00000000000c223840e20100"))).isEqualTo(45_296_123_456L);
        assertThat(JdbcValues.mysqlTimeMicros(hex("0100000000010000"))).isEqualTo(-3_600_000_000L);
        assertThat(JdbcValues.mysqlTimeMicros(hex("0022000000163b3b"))).isEqualTo(3_020_399_000_000L);
        assertThat(JdbcValues.mysqlTimeMicros(hex("0001000000000000"))).isEqualTo(86_400_000_000L);
        assertThat(JdbcValues.mysqlTimeMicros(new byte[0])).isZero();
        assertThat(JdbcValues.mysqlTimeMicros(hex("0001"))).isNull();
    }

    @Test
    void timetzTextWithEveryOffsetForm() throws SQLException {
        assertThat(JdbcValues.parseTimetz("12:34:56.5+05:30"))
                .isEqualTo(OffsetTime.of(12, 34, 56, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(JdbcValues.parseTimetz("01:02:03-08")).isEqualTo(OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(-8)));
        assertThat(JdbcValues.parseTimetz("00:00:00+12:34:56"))
                .isEqualTo(OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.ofHoursMinutesSeconds(12, 34, 56)));
        assertThat(JdbcValues.parseTimetz("24:00:00-01")).isEqualTo(OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(-1)));
        assertThatThrownBy(() -> JdbcValues.parseTimetz("12:00:00")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> JdbcValues.parseTimetz("25:00:00+00")).isInstanceOf(SQLException.class);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
