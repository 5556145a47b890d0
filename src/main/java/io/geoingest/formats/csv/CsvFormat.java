package io.geoingest.formats.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import io.geoingest.kernel.DataFile;
import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.springframework.stereotype.Component;

/**
 * Reads CSV (and TSV) files in two passes with bounded memory. {@link #open} runs pass 1: it
 * detects the encoding and delimiter, reads the whole file once to infer column types and the
 * geometry, and checks it, so that every error of a bad file surfaces here. The returned
 * source streams the converted rows in pass 2.
 */
@Component
public class CsvFormat {
    /** Enough for the delimiter and the byte order mark. */
    private static final int HEAD_BYTES = 64 * 1024;
    /** How much of a non-UTF-8 file the charset detector sees: plenty for its statistics. */
    private static final int DETECTION_BYTES = 4 * 1024 * 1024;

    private final ImportProperties properties;
    private final CountryBoundaries countries;

    public CsvFormat(ImportProperties properties, CountryBoundaries countries) {
        this.properties = properties;
        this.countries = countries;
    }

    /**
     * @throws ImportException EMPTY_FILE, TOO_MANY_COLUMNS, MALFORMED_CSV, ENCODING_ERROR or
     *                         FILE_IO when the file cannot be imported
     */
    public TableSource open(DataFile file, ImportOptions options) {
        Path path = file.path();
        byte[] head = head(path);
        TextEncoding encoding = TextEncoding.detect(head);
        if (head.length == encoding.bomLength()) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "the file is empty");
        }
        Dialect dialect = Dialect.sniff(encoding.sample(head), head.length < HEAD_BYTES, file.extension());
        CsvProfile profile;
        try {
            profile = profile(file, encoding, dialect, options);
        } catch (ImportException e) {
            if (encoding != TextEncoding.UTF8 || e.code() != ErrorCode.ENCODING_ERROR) {
                throw e;
            }
            // Not all UTF-8 after all: start over as UTF-8 with replacements, or in a code page.
            profile = profile(file, fallback(file), dialect, options);
        }
        return new CsvTableSource(file, profile, properties.batchSize(), countries);
    }

    /**
     * UTF-8 with its invalid sequences replaced when most of the file's non-ASCII text is
     * UTF-8 (reading a few damaged bytes in a code page would garble every other accent), else
     * the single-byte code page the bytes point to.
     */
    private static TextEncoding fallback(DataFile file) {
        try {
            Utf8Tally tally = Utf8Tally.of(file);
            return tally.mostlyUtf8() ? TextEncoding.utf8Replacing(tally.invalid())
                    : TextEncoding.singleByte(file.path(), DETECTION_BYTES);
        } catch (IOException e) {
            throw fileError(e);
        }
    }

    private CsvProfile profile(DataFile file, TextEncoding encoding, Dialect dialect, ImportOptions options) {
        ProfilingHandler handler = new ProfilingHandler(properties.maxColumns(), options, countries);
        boolean blanksBeforeQuotes;
        try (BlanksBeforeQuoteReader text = CsvParsing.text(file, encoding, dialect);
             CsvReader<ProfilingHandler> reader = CsvParsing.reader(
                     new CheckedTextReader(text, encoding, dialect.delimiter()), dialect, handler)) {
            Iterator<ProfilingHandler> records = reader.iterator();
            while (CsvParsing.next(records) != null) {
                // The handler profiles and checks each record as it is parsed.
            }
            blanksBeforeQuotes = text.dropped();
        } catch (IOException e) {
            throw fileError(e);
        }
        return handler.profile(encoding, dialect, blanksBeforeQuotes);
    }

    private static byte[] head(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw fileError(e);
        }
    }

    private static ImportException fileError(IOException e) {
        return new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
    }
}
