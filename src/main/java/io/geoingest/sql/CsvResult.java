package io.geoingest.sql;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * CSV with a header line, values as PostgreSQL's text (geometries as hex EWKB). CSV has no place
 * for an error: a failure after rows were sent breaks the response off instead, so the client
 * sees an incomplete download rather than a short file that looks whole.
 */
final class CsvResult implements ResultWriter {
    private final CsvWriter csv;
    private final BooleanSupplier sent;
    private int width;

    CsvResult(OutputStream out, BooleanSupplier sent) {
        this.csv = CsvWriter.builder().build(out, StandardCharsets.UTF_8);
        this.sent = sent;
    }

    @Override
    public void start(ResultColumns columns) throws IOException {
        width = columns.size();
        if (width > 0) {
            write(columns.all().stream().map(ResultColumns.Column::name).toArray(String[]::new));
        }
    }

    @Override
    public void row(ResultSet rs) throws SQLException, IOException {
        String[] values = new String[width];
        for (int i = 0; i < width; i++) {
            values[i] = rs.getString(i + 1);
        }
        write(values);
    }

    @Override
    public void end(double seconds, long totalRows, String error) throws IOException {
        if (error != null) {
            throw new BrokenResponse(error);
        }
        try {
            csv.close();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void write(String[] values) throws IOException {
        try {
            csv.writeRecord(values);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean sent() {
        return sent.getAsBoolean();
    }
}
