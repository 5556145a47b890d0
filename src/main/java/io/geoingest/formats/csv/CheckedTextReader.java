package io.geoingest.formats.csv;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * The text as pass 1 reads it, checked for what FastCSV lets through but an import must not:
 * bytes that are not valid in the encoding (error 2006, which makes {@link CsvFormat} retry a
 * guessed UTF-8 with its fallback encoding), NUL characters (binary content, which PostgreSQL text cannot hold either), a quoted field
 * still open at the end of the file (FastCSV silently ends it there), and fields or rows too
 * long to hold in memory. It reads the text FastCSV gets (after {@link BlanksBeforeQuoteReader}),
 * follows quoting exactly as FastCSV does and counts lines the same way, so its messages name
 * the line a user sees in an editor.
 */
final class CheckedTextReader extends Reader {
    private final Reader in;
    private final TextEncoding encoding;
    private final char delimiter;
    private long line = 1;
    private long rowLine = 1;
    private long quoteLine;
    /** Characters before the current chunk; positions below are absolute. */
    private long consumed;
    private long fieldStart;
    private long rowStart;
    private long lastCr = -2;
    private boolean inQuotes;
    private boolean quotedField;

    CheckedTextReader(Reader in, TextEncoding encoding, char delimiter) {
        this.in = in;
        this.encoding = encoding;
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(cbuf, off, len);
        } catch (CharacterCodingException e) {
            throw new ImportException(ErrorCode.ENCODING_ERROR,
                    "the file is not valid " + encoding.label() + " text (after line " + line + ")", e);
        }
        if (n < 0) {
            if (inQuotes) {
                throw malformed("the quoted value starting at line " + quoteLine + " is never closed");
            }
            return n;
        }
        long base = consumed - off;
        for (int i = off, end = off + n; i < end; i++) {
            char c = cbuf[i];
            // Nearly every character is ordinary: one comparison and on.
            if (c > '"' && c != delimiter) {
                continue;
            }
            special(c, base + i);
        }
        consumed += n;
        checkLengths(consumed);
        return n;
    }

    private void special(char c, long position) {
        if (c == '"') {
            // As FastCSV: a quote opens a quoted value at the start of a field and toggles
            // quoting anywhere in one; elsewhere it is an ordinary character.
            if (inQuotes) {
                inQuotes = false;
            } else if (quotedField || position == fieldStart) {
                if (!quotedField) {
                    quoteLine = line;
                }
                inQuotes = true;
                quotedField = true;
            }
        } else if (c == '\n') {
            if (lastCr != position - 1) {
                line++;
            }
            if (!inQuotes) {
                endRow(position);
            }
        } else if (c == '\r') {
            line++;
            lastCr = position;
            if (!inQuotes) {
                endRow(position);
            }
        } else if (c == delimiter) {
            if (!inQuotes) {
                endField(position);
            }
        } else if (c == 0) {
            throw malformed("line " + line + " holds a NUL character: this is binary content, not CSV text"
                    + " (a UTF-16 file needs a byte order mark)");
        }
    }

    private void endField(long position) {
        checkLengths(position);
        fieldStart = position + 1;
        quotedField = false;
    }

    private void endRow(long position) {
        endField(position);
        rowStart = position + 1;
        rowLine = line;
    }

    private void checkLengths(long position) {
        if (position - fieldStart > CsvParsing.MAX_FIELD_CHARS) {
            throw malformed("the row starting at line " + rowLine + " has a value longer than "
                    + CsvParsing.MAX_FIELD_CHARS + " characters, the maximum");
        }
        if (position - rowStart > CsvParsing.MAX_ROW_CHARS) {
            throw malformed("the row starting at line " + rowLine + " is longer than "
                    + CsvParsing.MAX_ROW_CHARS + " characters, the maximum");
        }
    }

    private static ImportException malformed(String message) {
        return new ImportException(ErrorCode.MALFORMED_CSV, "malformed CSV: " + message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
