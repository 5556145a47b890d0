package io.geoingest.formats.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;

/** FastCSV set up the same way for both passes, and its exceptions turned into import errors. */
final class CsvParsing {
    /**
     * The longest value accepted, in characters: 8 Mi, room for a detailed polygon as GeoJSON
     * or hex EWKB, while a runaway value (a stray quote swallowing the file) fails with error
     * 2003 instead of exhausting memory. FastCSV's buffer then peaks at 16 Mi chars (32 MB).
     */
    static final int MAX_FIELD_CHARS = 8 << 20;
    /** The longest row accepted, in characters, so that one row never fills the heap. */
    static final int MAX_ROW_CHARS = 32 << 20;

    private CsvParsing() {
    }

    /**
     * The file's text as pass 1 parses it: decoded, and without the blanks before opening
     * quotes ({@link BlanksBeforeQuoteReader}).
     */
    static BlanksBeforeQuoteReader text(DataFile file, TextEncoding encoding, Dialect dialect) throws IOException {
        return new BlanksBeforeQuoteReader(encoding.open(file), dialect.delimiter());
    }

    /**
     * The same text for pass 2, so that it sees the fields pass 1 saw; read unfiltered when
     * pass 1 dropped nothing (the filter costs a scan of every character).
     */
    static Reader text(DataFile file, CsvProfile profile) throws IOException {
        return profile.blanksBeforeQuotes() ? text(file, profile.encoding(), profile.dialect())
                : profile.encoding().open(file);
    }

    static <T> CsvReader<T> reader(Reader text, Dialect dialect, CsvCallbackHandler<T> handler) {
        return CsvReader.builder()
                .fieldSeparator(dialect.delimiter())
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                // Rows shorter than the header are padded, longer ones checked by the handlers.
                .ignoreDifferentFieldCount(true)
                // Lenient like GDAL: "ab"c reads as abc.
                .acceptCharsAfterQuotes(true)
                // Headroom above MAX_FIELD_CHARS: the clearer pass-1 check must fail first.
                .maxBufferSize(2 * MAX_FIELD_CHARS)
                .build(handler, text);
    }

    /** The next record, or null at the end of the file. */
    static <T> T next(Iterator<T> records) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            // FastCSV wraps whatever the handlers and the checked reader throw.
            if (e.getCause() instanceof ImportException cause) {
                throw cause;
            }
            String detail = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new ImportException(ErrorCode.MALFORMED_CSV, "malformed CSV: " + e.getMessage() + detail, e);
        } catch (UncheckedIOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getCause().getMessage(), e);
        }
    }
}
