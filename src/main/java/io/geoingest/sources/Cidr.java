package io.geoingest.sources;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00:ec2::254/128}); a
 * bare address is a network of one. Spring binds configuration values through {@link #valueOf}.
 */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code address[/prefix]}; throws IllegalArgumentException when it is not one. */
    public static Cidr valueOf(String value) {
        String s = value == null ? "" : value.strip();
        int slash = s.indexOf('/');
        byte[] bytes = literal(slash < 0 ? s : s.substring(0, slash));
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP network in CIDR notation: '" + value + "'");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range 0-" + bits + ": '" + value + "'");
        }
        return new Cidr(bytes, prefix, s);
    }

    /** The bytes of an IPv4 (dotted quad) or IPv6 literal, or null; never a DNS lookup. */
    private static byte[] literal(String address) {
        String lookup;
        if (IPV4.matcher(address).matches()) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
            lookup = address;
        } else if (IPV6.matcher(address).matches()) {
            lookup = "[" + address + "]"; // brackets: an invalid literal fails instead of being looked up
        } else {
            return null;
        }
        try {
            return InetAddress.getByName(lookup).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the address lies in this network (an IPv4 network holds no IPv6 address, and back). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (a[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
