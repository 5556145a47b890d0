package io.geoingest.formats.csv;

import io.geoingest.geocoding.CountryBoundaries;

import de.siegmar.fastcsv.reader.CsvReader;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ReadOnceTableSource;
import io.geoingest.rows.RowBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A profiled CSV file streamed as batches (pass 2). The file is opened when {@link #batches()}
 * is called and closed when the rows run out or on {@link #close()}.
 */
final class CsvTableSource extends ReadOnceTableSource {
    /**
     * A batch also ends once its rows hold this many characters, so that a batch of big
     * geometries stays within a few tens of MB whatever the batch size.
     */
    private static final long BATCH_CHARS = 16L << 20;
    /** Invalid UTF-8 sequences that became U+FFFD ({@link TextEncoding#utf8Replacing}). */
    private static final String INVALID_UTF8_REPLACED = "invalid_utf8_replaced";

    private final DataFile file;
    private final CsvProfile profile;
    private final CountryBoundaries countries;
    private final int batchSize;
    private final List<Column> columns;
    private CsvReader<Object[]> reader;

    CsvTableSource(DataFile file, CsvProfile profile, int batchSize, CountryBoundaries countries) {
        super("CSV source", file.baseName());
        this.file = file;
        this.profile = profile;
        this.batchSize = batchSize;
        this.columns = profile.columns();
        this.countries = countries;
        if (profile.encoding().replacements() > 0) {
            warnings().set(INVALID_UTF8_REPLACED, profile.encoding().replacements());
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    protected Supplier<RowBatch> openRows() {
        RowHandler handler = new RowHandler(profile, warnings(), countries);
        try {
            reader = CsvParsing.reader(CsvParsing.text(file, profile), profile.dialect(), handler);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
        return new BatchReader(reader.iterator(), handler)::read;
    }

    @Override
    protected void release() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // Nothing was written: a failing close of a file we only read loses nothing.
            }
            reader = null;
        }
    }

    /** Reads the next batch, or null at the end of the file (closing it then). */
    private final class BatchReader {
        private final Iterator<Object[]> records;
        private final RowHandler handler;
        private boolean exhausted;

        BatchReader(Iterator<Object[]> records, RowHandler handler) {
            this.records = records;
            this.handler = handler;
        }

        RowBatch read() {
            if (exhausted) {
                return null;
            }
            List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
            long chars = 0;
            while (rows.size() < batchSize && chars < BATCH_CHARS) {
                Object[] row = CsvParsing.next(records);
                if (row == null) {
                    exhausted = true;
                    release();
                    break;
                }
                if (row != RowHandler.SKIPPED) {
                    rows.add(row);
                    chars += handler.rowChars();
                }
            }
            return rows.isEmpty() ? null : new RowBatch(rows);
        }
    }
}
