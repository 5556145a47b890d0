package io.geoingest.formats.csv;

import io.geoingest.kernel.DataFile;
import java.io.IOException;

/**
 * A file that is not all valid UTF-8, read as UTF-8 from start to end: how many non-ASCII
 * characters decode and how many invalid sequences would be replaced.
 */
final class Utf8Tally {
    private final long valid;
    private final long invalid;

    private Utf8Tally(long valid, long invalid) {
        this.valid = valid;
        this.invalid = invalid;
    }

    /** Reads the whole file, which has no byte order mark. */
    static Utf8Tally of(DataFile file) throws IOException {
        long nonAscii = 0;
        char[] buffer = new char[8192];
        try (ReplacingUtf8Reader reader = new ReplacingUtf8Reader(file.open())) {
            int n;
            while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] >= 0x80) {
                        nonAscii++;
                    }
                }
            }
            return new Utf8Tally(nonAscii - reader.replaced(), reader.replaced());
        }
    }

    /**
     * Whether the text is UTF-8 with some bytes damaged: more of its non-ASCII characters
     * decode than fail. A single-byte code page rarely forms a valid sequence (Windows-1252's
     * É then ” is C9 94) and then among many bytes that are not, so it stays below that.
     */
    boolean mostlyUtf8() {
        return valid > invalid;
    }

    /** The invalid sequences that become U+FFFD. */
    long invalid() {
        return invalid;
    }
}
