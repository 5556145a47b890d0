package io.geoingest.formats.sheets;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a sheet's rows as UTF-8 CSV, every field quoted. Blank rows are dropped (so trailing
 * ones too) and each row loses its trailing empty cells. The first row left is the header; it
 * is written last, padded to the widest row, because the CSV reader rejects values past the
 * header and a sheet may hold data under an empty header cell: the rows go to a side file
 * first, appended to the header at {@link #finish()}.
 */
final class CsvSheetWriter implements AutoCloseable {
    private final Path csv;
    private final Path body;
    private final long maxBytes;
    private final int maxColumns;
    private final Writer out;
    private final List<String> row = new ArrayList<>();
    private List<String> header;
    private int width;
    private long written;

    /**
     * @param csv        the CSV to write; a side file beside it holds the rows until {@link #finish()}
     * @param maxBytes   error 6666 when the CSV would grow past this
     * @param maxColumns error 2004 when a row is wider
     */
    CsvSheetWriter(Path csv, long maxBytes, int maxColumns) throws IOException {
        this.csv = csv;
        this.body = csv.resolveSibling(csv.getFileName() + ".rows");
        this.maxBytes = maxBytes;
        this.maxColumns = maxColumns;
        this.out = Files.newBufferedWriter(body, StandardCharsets.UTF_8);
    }

    /** Adds a cell to the current row; null or "" is an empty cell. */
    void cell(String value) {
        if (row.size() >= maxColumns) {
            if (value == null || value.isEmpty()) {
                return; // an empty cell past the limit may yet be a trailing one
            }
            throw new ImportException(ErrorCode.TOO_MANY_COLUMNS,
                    "too many columns: more than " + maxColumns + " in the first sheet");
        }
        row.add(value);
    }

    /** Adds {@code count} empty cells without holding them unless a value follows. */
    void emptyCells(long count) {
        for (long i = 0; i < count && row.size() < maxColumns; i++) {
            row.add(null);
        }
    }

    /** Ends the current row. */
    void endRow() throws IOException {
        int last = row.size() - 1;
        while (last >= 0 && (row.get(last) == null || row.get(last).isEmpty())) {
            last--;
        }
        List<String> cells = row.subList(0, last + 1);
        if (!cells.isEmpty()) {
            if (header == null) {
                header = new ArrayList<>(cells);
            } else {
                write(out, cells, cells.size());
            }
            width = Math.max(width, cells.size());
        }
        row.clear();
    }

    /**
     * Writes the header and the rows into the CSV.
     *
     * @throws ImportException EMPTY_FILE when the sheet held no value at all
     */
    Path finish() throws IOException {
        out.close();
        if (header == null) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "the first sheet of the workbook is empty");
        }
        try (OutputStream target = Files.newOutputStream(csv)) {
            Writer headerOut = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
            write(headerOut, header, width);
            headerOut.flush();
            Files.copy(body, target);
        }
        Files.delete(body);
        return csv;
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(body);
    }

    private void write(Writer w, List<String> cells, int count) throws IOException {
        StringBuilder line = new StringBuilder(16 * count);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = i < cells.size() && cells.get(i) != null ? cells.get(i) : "";
            line.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        line.append("\r\n");
        // Counts chars, not bytes: close enough for a guard in gigabytes, without encoding twice.
        written += line.length();
        if (written > maxBytes) {
            throw new ImportException(ErrorCode.DATASET_TOO_BIG, "the first sheet is too big: its CSV form passes "
                    + maxBytes + " bytes (geoingest.formats.spreadsheets.max-csv-bytes)");
        }
        w.write(line.toString());
    }
}
