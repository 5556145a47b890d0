package io.geoingest.sources;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IPv4 literals whose meaning depends on the parser: {@code 0177.0.0.1} is 127.0.0.1 to C's
 * {@code inet_aton} (octal) but 177.0.0.1 to Java; hex parts ({@code 0x7f.0.0.1}), a single
 * number ({@code 2130706433}) and fewer than four parts ({@code 127.1}) are read differently
 * again, or not at all. Only four decimal parts without leading zeros mean the same everywhere.
 */
final class Ipv4Literals {
    /** A part as {@code inet_aton} reads one: hex {@code 0x…}, octal {@code 0…}, or decimal. */
    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9A-Fa-f]*|[0-9]+");
    private static final Pattern CANONICAL_PART = Pattern.compile("0|[1-9][0-9]{0,2}");

    private Ipv4Literals() {
    }

    /**
     * Why {@code host} is refused as an ambiguous IPv4 literal, naming the canonical form when
     * C resolvers give it one, or null when it is not one (a canonical dotted quad, a host name,
     * an IPv6 literal).
     */
    static String ambiguity(String host) {
        if (host == null || host.indexOf(':') >= 0 || host.startsWith("[")) {
            return null;
        }
        String s = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        for (String p : parts) {
            if (!NUMBER.matcher(p).matches()) {
                return null;
            }
        }
        if (parts.length == 4 && host.equals(s) && isCanonical(parts)) {
            return null;
        }
        String canonical = inetAton(parts);
        return host + " is an IPv4 address whose meaning depends on the parser (leading zeros, octal, hex or fewer"
                + " than four parts): " + (canonical != null ? "write " + canonical
                : "write it as four decimal numbers from 0 to 255");
    }

    private static boolean isCanonical(String[] parts) {
        for (String p : parts) {
            if (!CANONICAL_PART.matcher(p).matches() || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The dotted quad {@code inet_aton} makes of {@code parts}, or null when it refuses them. */
    private static String inetAton(String[] parts) {
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) {
            return null;
        }
        address |= last;
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    private static Long number(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        if (p.startsWith("0x")) {
            p = p.substring(2);
            radix = 16;
            if (p.isEmpty()) {
                return 0L;
            }
        } else if (p.length() > 1 && p.startsWith("0")) {
            p = p.substring(1);
            radix = 8;
        }
        if (p.length() > 12) {
            return null;
        }
        try {
            return Long.parseLong(p, radix);
        } catch (NumberFormatException e) {
            return null; // 08, 09: not octal
        }
    }
}
