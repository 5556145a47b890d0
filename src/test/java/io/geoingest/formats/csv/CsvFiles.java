package io.geoingest.formats.csv;

import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.testing.TestImports;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;

/** Writing test files and reading them whole through {@link CsvFormat}. */
final class CsvFiles {
    static final ImportOptions DEFAULTS = ImportOptions.defaults();

    private CsvFiles() {
    }

    static CsvFormat format() {
        return format(5000, 256);
    }

    static CsvFormat format(int batchSize, int maxColumns) {
        return new CsvFormat(TestImports.properties(batchSize, maxColumns), new CountryBoundaries());
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source's columns and all its rows. */
    record Table(List<Column> columns, List<Object[]> rows, TableSource source) {
        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        int index(String name) {
            return names().indexOf(name);
        }

        Object value(int row, String column) {
            return rows.get(row)[index(column)];
        }

        List<Object> column(String name) {
            int i = index(name);
            return rows.stream().map(r -> r[i]).toList();
        }
    }

    static Table read(Path file) {
        return read(file, DEFAULTS);
    }

    static Table read(Path file, ImportOptions options) {
        return read(format(), file, options);
    }

    static Table read(CsvFormat format, Path file, ImportOptions options) {
        try (TableSource source = format.open(new DataFile(file, file.getFileName().toString()), options)) {
            List<Object[]> rows = new ArrayList<>();
            Iterator<RowBatch> batches = source.batches();
            while (batches.hasNext()) {
                for (Object[] row : batches.next().rows()) {
                    if (row.length != source.columns().size()) {
                        throw new AssertionError("row width " + row.length + " != " + source.columns().size());
                    }
                    rows.add(row);
                }
            }
            return new Table(source.columns(), rows, source);
        }
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path file, ErrorCode code) {
        return assertThatThrownBy(() -> read(file))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ImportException) e).code()).isEqualTo(code));
    }
}
