package io.geoingest.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Windows-1252 text, with ISO-8859-1 for the five bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) that
 * Windows-1252 leaves undefined, so that every byte sequence decodes to the characters its
 * author most likely meant and nothing is replaced.
 */
final class Cp1252Reader extends Reader {
    /** The characters of bytes 0x80 to 0xFF; the lower half is ASCII. */
    private static final String HIGH_HALF = highHalf();

    private final InputStream in;
    private final byte[] bytes = new byte[8192];

    Cp1252Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = in.read(bytes, 0, Math.min(len, bytes.length));
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            cbuf[off + i] = b < 0x80 ? (char) b : HIGH_HALF.charAt(b - 0x80);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static String highHalf() {
        CharsetDecoder cp1252 = Charset.forName("windows-1252").newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder chars = new StringBuilder(128);
        for (int b = 0x80; b <= 0xFF; b++) {
            try {
                chars.append(cp1252.decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0));
            } catch (CharacterCodingException undefined) {
                chars.append((char) b);
            }
        }
        return chars.toString();
    }
}
