package io.geoingest.sink;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Encodes a {@link BigDecimal} as PostgreSQL's binary {@code numeric}: int16 ndigits, int16
 * weight, uint16 sign, uint16 dscale, then ndigits base-10000 digits, most significant first,
 * where the first digit is worth 10000^weight. Not thread-safe (reuses a digit buffer).
 */
final class NumericEncoder {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    /** PostgreSQL keeps at most this many decimal digits after the point. */
    private static final int MAX_DSCALE = 0x3FFF;
    private static final int[] POW10 = {1, 10, 100, 1000};

    private int[] digits = new int[8];

    void write(BigDecimal value, CopyBuffer buf) {
        int scale = value.scale();
        int dscale = Math.max(0, scale);
        if (dscale > MAX_DSCALE) {
            throw outOfRange(value);
        }
        if (value.signum() == 0) {
            buf.int32(8);
            header(buf, 0, 0, POSITIVE, dscale);
            return;
        }
        // Decimal zeros appended to the unscaled value so that the point falls between two
        // base-10000 digits; a negative scale (1E+20) just raises the weight, no digits needed.
        int pad = Math.floorMod(-scale, 4);
        long fractionDigits = ((long) scale + pad) / 4;
        BigInteger unscaled = value.unscaledValue().abs();
        int n = unscaled.bitLength() <= 53
                ? splitLong(unscaled.longValue() * POW10[pad])
                : splitDecimal(unscaled.toString(), pad);
        long weight = n - 1 - fractionDigits;
        if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE || n > 0xFFFF) {
            throw outOfRange(value);
        }
        buf.int32(8 + 2 * n);
        header(buf, n, (int) weight, value.signum() < 0 ? NEGATIVE : POSITIVE, dscale);
        for (int i = 0; i < n; i++) {
            buf.int16(digits[i]);
        }
    }

    private static void header(CopyBuffer buf, int ndigits, int weight, int sign, int dscale) {
        buf.int16(ndigits);
        buf.int16(weight);
        buf.int16(sign);
        buf.int16(dscale);
    }

    /** Base-10000 digits of {@code v > 0} into {@link #digits}; returns how many. */
    private int splitLong(long v) {
        int n = 0;
        for (long rest = v; rest > 0; rest /= 10000) {
            n++;
        }
        ensure(n);
        long rest = v;
        for (int i = n - 1; i >= 0; i--) {
            digits[i] = (int) (rest % 10000);
            rest /= 10000;
        }
        return n;
    }

    /** Base-10000 digits of the decimal string {@code s} followed by {@code pad} zeros. */
    private int splitDecimal(String s, int pad) {
        int length = s.length() + pad;
        int n = (length + 3) / 4;
        ensure(n);
        int pos = length - 4 * n; // negative: the first digit has fewer than 4 decimals
        for (int i = 0; i < n; i++) {
            int d = 0;
            for (int k = 0; k < 4; k++, pos++) {
                d = d * 10 + (pos >= 0 && pos < s.length() ? s.charAt(pos) - '0' : 0);
            }
            digits[i] = d;
        }
        return n;
    }

    private void ensure(int n) {
        if (digits.length < n) {
            digits = Arrays.copyOf(digits, Math.max(n, 2 * digits.length));
        }
    }

    private static ImportException outOfRange(BigDecimal value) {
        String text = value.toString();
        return new ImportException(ErrorCode.LOAD_FAILED, "Numeric value out of PostgreSQL's range: "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
    }
}
