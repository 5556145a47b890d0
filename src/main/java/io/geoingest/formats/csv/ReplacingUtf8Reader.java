package io.geoingest.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text with each invalid byte sequence replaced by U+FFFD, counting them: Java's
 * decoder decides what a sequence is (the Unicode "maximal subpart" rule, as
 * {@code CodingErrorAction.REPLACE} would), this reader only counts what it replaces.
 */
final class ReplacingUtf8Reader extends Reader {
    private static final char REPLACEMENT = '\uFFFD';
    private static final int BUFFER = 8192;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private boolean endOfInput;
    private long replaced;

    ReplacingUtf8Reader(InputStream in) {
        this.in = in;
    }

    /** The invalid sequences replaced so far. */
    long replaced() {
        return replaced;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !decodeMore()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes at least one character into the emptied {@link #chars}, unless the text has ended. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        while (chars.position() == 0 && !(endOfInput && !bytes.hasRemaining())) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                if (!chars.hasRemaining()) {
                    break;
                }
                bytes.position(bytes.position() + result.length());
                chars.put(REPLACEMENT);
                replaced++;
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    break;
                }
                readBytes();
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
