package io.geoingest.formats.csv;

import io.geoingest.kernel.DataFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * How the bytes of a CSV file become characters. A byte order mark is trusted; without one
 * the file is read as UTF-8 and pass 1 falls back if any byte sequence is not valid UTF-8: to
 * UTF-8 with those sequences replaced by U+FFFD and counted ({@link #utf8Replacing}) when most
 * of its non-ASCII text is UTF-8 ({@link Utf8Tally}), else to a single-byte code page, the one
 * Mozilla's charset detector recognises (Windows-1251 Cyrillic, ISO-8859-7 Greek, ...), else
 * {@link #CP1252}. The other decoders report errors instead of replacing, so no guess garbles
 * text silently.
 */
final class TextEncoding {
    static final TextEncoding UTF8_BOM = new TextEncoding("UTF-8", StandardCharsets.UTF_8, 3, 0);
    /** No BOM: UTF-8 until a byte proves otherwise. */
    static final TextEncoding UTF8 = new TextEncoding("UTF-8", StandardCharsets.UTF_8, 0, 0);
    /** The fallback for files that are not UTF-8: what Excel on Windows writes. */
    static final TextEncoding CP1252 = new TextEncoding("Windows-1252", null, 0, 0);
    static final TextEncoding UTF16LE = new TextEncoding("UTF-16LE", StandardCharsets.UTF_16LE, 2, 0);
    static final TextEncoding UTF16BE = new TextEncoding("UTF-16BE", StandardCharsets.UTF_16BE, 2, 0);

    private final String label;
    private final Charset charset;
    private final int bomLength;
    private final long replacements;

    private TextEncoding(String label, Charset charset, int bomLength, long replacements) {
        this.label = label;
        this.charset = charset;
        this.bomLength = bomLength;
        this.replacements = replacements;
    }

    /** UTF-8 without a BOM whose {@code replacements} invalid sequences become U+FFFD. */
    static TextEncoding utf8Replacing(long replacements) {
        return new TextEncoding("UTF-8", StandardCharsets.UTF_8, 0, replacements);
    }

    /**
     * The code page of a file that is not UTF-8, by Mozilla's detector over up to
     * {@code sampleBytes} of it; Windows-1252 when it recognises none, or only a Latin one.
     */
    static TextEncoding singleByte(Path path, int sampleBytes) throws IOException {
        UniversalDetector detector = new UniversalDetector();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int read;
            int total = 0;
            while (total < sampleBytes && !detector.isDone() && (read = in.read(buf)) > 0) {
                detector.handleData(buf, 0, read);
                total += read;
            }
        }
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name == null || !Charset.isSupported(name)) {
            return CP1252;
        }
        Charset detected = Charset.forName(name);
        String canonical = detected.name();
        if (canonical.equals("UTF-8") || canonical.equals("windows-1252") || canonical.equals("ISO-8859-1")
                || canonical.startsWith("UTF-") || detected.newEncoder().maxBytesPerChar() > 1) {
            return CP1252;
        }
        return new TextEncoding(canonical, detected, 0, 0);
    }

    static TextEncoding detect(byte[] head) {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return UTF8_BOM;
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            return UTF16LE;
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            return UTF16BE;
        }
        return UTF8;
    }

    String label() {
        return label;
    }

    int bomLength() {
        return bomLength;
    }

    /**
     * The invalid sequences of the file that its text has as U+FFFD; 0 when the decoder
     * reports them instead (error 2006).
     */
    long replacements() {
        return replacements;
    }

    /** The text of the file after its byte order mark. */
    Reader open(DataFile file) throws IOException {
        InputStream in = file.open();
        try {
            in.skipNBytes(bomLength);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        if (charset == null) {
            return new Cp1252Reader(in);
        }
        if (replacements > 0) {
            return new ReplacingUtf8Reader(in);
        }
        return new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The first bytes as text, good enough to find the delimiter. */
    String sample(byte[] head) {
        // Delimiters, quotes and line ends are ASCII bytes, which never occur inside a UTF-8
        // multi-byte sequence: reading bytes as Latin-1 keeps them where they are.
        Charset sampleCharset = bomLength == 2 ? charset : StandardCharsets.ISO_8859_1;
        return new String(head, bomLength, head.length - bomLength, sampleCharset);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
