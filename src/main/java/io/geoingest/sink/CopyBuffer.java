package io.geoingest.sink;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.locationtech.jts.io.OutStream;

/**
 * A growable big-endian byte buffer that rows are encoded into before they go to the COPY
 * stream in large writes. It is also the JTS {@link OutStream} the WKB writer writes to, so
 * that geometries need no byte array of their own.
 */
final class CopyBuffer implements OutStream {
    /** Java's arrays stop a little short of Integer.MAX_VALUE. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private byte[] bytes;
    private int size;

    CopyBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    /** Forgets everything written after {@code mark}: a row that failed half-way. */
    void truncate(int mark) {
        size = mark;
    }

    void int8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
    }

    void int16(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    void int32(int v) {
        ensure(4);
        putInt(size, v);
        size += 4;
    }

    void int64(long v) {
        ensure(8);
        putInt(size, (int) (v >>> 32));
        putInt(size + 4, (int) v);
        size += 8;
    }

    /** Leaves room for a field length; {@link #endField(int)} fills it in. */
    int beginField() {
        int at = size;
        int32(0);
        return at;
    }

    void endField(int at) {
        putInt(at, size - at - 4);
    }

    @Override
    public void write(byte[] buf, int len) {
        ensure(len);
        System.arraycopy(buf, 0, bytes, size, len);
        size += len;
    }

    /**
     * Appends {@code s} as UTF-8 without an intermediate byte array. U+0000 is dropped because
     * PostgreSQL text cannot hold it; a lone surrogate becomes '?', as {@code String.getBytes} does.
     */
    void utf8(String s) {
        int n = s.length();
        // At most 3 bytes per UTF-16 unit: a surrogate pair is 2 units and 4 bytes.
        ensure(3L * n);
        byte[] b = bytes;
        int p = size;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i++);
            if (c < 0x80) {
                if (c != 0) {
                    b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(s.charAt(i))) {
                int cp = Character.toCodePoint(c, s.charAt(i++));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[p++] = '?';
            }
        }
        size = p;
    }

    /** Sends everything buffered to {@code out} and empties the buffer. */
    void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    private void putInt(int at, int v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    private void ensure(long extra) {
        long needed = size + extra;
        if (needed <= bytes.length) {
            return;
        }
        if (needed > MAX_CAPACITY) {
            throw new ImportException(ErrorCode.LOAD_FAILED, "A row is too large to load (over 2 GB)");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_CAPACITY, Math.max(needed, 2L * bytes.length)));
    }
}
