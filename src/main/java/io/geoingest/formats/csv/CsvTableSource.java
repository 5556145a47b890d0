package io.geoingest.formats.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ImportWarnings;
import io.geoingest.rows.LazyBatches;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A profiled CSV file streamed as batches (pass 2). The file is opened when {@link #batches()}
 * is called and closed when the rows run out or on {@link #close()}.
 */
final class CsvTableSource implements TableSource {
    /**
     * A batch also ends once its rows hold this many characters, so that a batch of big
     * geometries stays within a few tens of MB whatever the batch size.
     */
    private static final long BATCH_CHARS = 16L << 20;

    private final String name;
    private final Path path;
    private final CsvProfile profile;
    private final int batchSize;
    private final List<Column> columns;
    private final ImportWarnings warnings = new ImportWarnings();
    private CsvReader<Object[]> reader;
    private boolean started;
    private boolean closed;

    CsvTableSource(String name, Path path, CsvProfile profile, int batchSize) {
        this.name = name;
        this.path = path;
        this.profile = profile;
        this.batchSize = batchSize;
        this.columns = profile.columns();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public ImportWarnings warnings() {
        return warnings;
    }

    @Override
    public Iterator<RowBatch> batches() {
        requireOpen();
        if (started) {
            throw new IllegalStateException("The rows of CSV source '" + name + "' can be read only once");
        }
        started = true;
        RowHandler handler = new RowHandler(profile, warnings);
        try {
            reader = CsvParsing.reader(profile.encoding().open(path), profile.dialect(), handler);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
        return new LazyBatches(new BatchReader(reader.iterator(), handler)::read);
    }

    @Override
    public void close() {
        closed = true;
        closeReader();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("CSV source '" + name + "' is closed");
        }
    }

    private void closeReader() {
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
            requireOpen();
            if (exhausted) {
                return null;
            }
            List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
            long chars = 0;
            while (rows.size() < batchSize && chars < BATCH_CHARS) {
                Object[] row = CsvParsing.next(records);
                if (row == null) {
                    exhausted = true;
                    closeReader();
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
