package io.geoingest.formats.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * The text without the blanks (spaces and tabs) that stand between the start of a field and
 * its opening quote, as Python's csv {@code skipinitialspace} reads them: {@code a, "b, c"} is
 * the two fields {@code a} and {@code b, c}, the way CARTO's documentation writes its CSV
 * examples. Without this FastCSV sees an unquoted field starting with a blank, so the quote
 * would be literal and the comma inside it a delimiter.
 *
 * <p>Nothing else changes: blanks before an unquoted value (or before nothing) are passed on,
 * since the value's own content is not this reader's business (typed columns ignore them, text
 * keeps them, as before); blanks inside quotes, and after a closing quote, stay too. It follows
 * quoting exactly as FastCSV does (a quote opens a quoted value at the start of a field, or
 * again after its closing quote; elsewhere it is an ordinary character), for any delimiter;
 * a tab delimiter is a delimiter, not a blank. Line ends are never dropped, so line numbers do
 * not change.
 *
 * <p>Streaming: only a run of blanks at the start of a field that reaches the end of what has
 * been read is held back until the next character tells whether a quote follows. A run longer
 * than {@link CsvParsing#MAX_FIELD_CHARS} is passed on as content, making a value too long for
 * pass 1 to accept anyway; so the memory held stays within FastCSV's own bound.
 */
final class BlanksBeforeQuoteReader extends Reader {
    private static final int BUFFER_CHARS = 8192;
    private static final char QUOTE = '"';

    /** At the start of a field (after a delimiter, a line end or at the start of the text). */
    private static final int FIELD_START = 0;
    /** In an unquoted field: quotes are ordinary characters. */
    private static final int UNQUOTED = 1;
    /** Inside quotes: only a quote matters. */
    private static final int QUOTED = 2;
    /** After the closing quote of a quoted field: a quote opens quoting again (an escaped quote). */
    private static final int AFTER_QUOTES = 3;

    private final Reader in;
    private final char delimiter;
    /** The text read but not yet passed on is {@code buf[pos, limit)}. */
    private char[] buf = new char[BUFFER_CHARS];
    private int pos;
    private int limit;
    private boolean eof;
    private int state = FIELD_START;
    /**
     * How many blanks from {@code pos} on are known to follow a field start, when the last
     * {@link #filter} stopped there for more input: scanned once however long the run gets.
     */
    private int heldBlanks;
    private boolean dropped;

    BlanksBeforeQuoteReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pos < limit) {
                int n = filter(cbuf, off, len);
                if (n > 0) {
                    return n;
                }
            } else if (eof) {
                return -1;
            }
            // All passed on, or only blanks whose fate the next character tells.
            fill();
        }
    }

    /**
     * Passes on what it can of {@code buf[pos, limit)} into {@code out[off, off + len)} and
     * returns how many characters it wrote. It stops early at a run of blanks at the start of a
     * field that reaches {@code limit} (before the end of the input): the next character must
     * tell whether a quote follows.
     */
    private int filter(char[] out, int off, int len) {
        final char[] b = buf;
        final char sep = delimiter;
        int w = off;
        final int end = off + len;
        int segment = pos;
        int i = pos;
        // Output never outruns input, so reading at most the room left never overflows out.
        int stop = stop(i, len);
        int s = state;
        while (i < stop) {
            if (s == QUOTED) {
                while (i < stop && b[i] != QUOTE) {
                    i++;
                }
                if (i < stop) {
                    i++;
                    s = AFTER_QUOTES;
                }
            } else if (s == FIELD_START) {
                char c = b[i];
                if (c == QUOTE) {
                    s = QUOTED;
                    i++;
                } else if (isBlank(c, sep)) {
                    int j = i == pos && heldBlanks > 0 ? i + heldBlanks : i + 1;
                    heldBlanks = 0;
                    while (j < limit && isBlank(b[j], sep)) {
                        j++;
                    }
                    if (j < limit && b[j] == QUOTE) {
                        // Drop the blanks: pass on what came before, resume at the quote.
                        dropped = true;
                        System.arraycopy(b, segment, out, w, i - segment);
                        w += i - segment;
                        segment = j;
                        i = j;
                        stop = stop(j, end - w);
                    } else if (j == limit && !eof && j - i < CsvParsing.MAX_FIELD_CHARS) {
                        heldBlanks = j - i;
                        break;
                    } else {
                        // Blanks before a value, a delimiter, a line end or the end: content.
                        s = UNQUOTED;
                        i++;
                    }
                } else {
                    // An empty field (stay at a field start) or the first character of a value.
                    s = c == sep || c == '\n' || c == '\r' ? FIELD_START : UNQUOTED;
                    i++;
                }
            } else {
                // UNQUOTED or AFTER_QUOTES: on to the end of the field.
                boolean afterQuotes = s == AFTER_QUOTES;
                for (; i < stop; i++) {
                    char c = b[i];
                    // Nearly every character is ordinary: one or two comparisons and on.
                    if (c > QUOTE && c != sep) {
                        continue;
                    }
                    if (c == sep || c == '\n' || c == '\r') {
                        s = FIELD_START;
                        i++;
                        break;
                    }
                    if (afterQuotes && c == QUOTE) {
                        s = QUOTED;
                        i++;
                        break;
                    }
                }
            }
        }
        System.arraycopy(b, segment, out, w, i - segment);
        w += i - segment;
        pos = i;
        state = s;
        return w - off;
    }

    /** Where to stop reading from {@code from} with {@code room} characters left to write. */
    private int stop(int from, int room) {
        return room < limit - from ? from + room : limit;
    }

    /**
     * Whether it has dropped any blanks so far. A file it read whole without dropping any is
     * its own filtered text, so pass 2 can read it unfiltered.
     */
    boolean dropped() {
        return dropped;
    }

    private static boolean isBlank(char c, char sep) {
        return (c == ' ' || c == '\t') && c != sep;
    }

    /** Reads more input after the unread {@code buf[pos, limit)}, growing the buffer if it is full. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
