package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.testing.TestImports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Writing test files and reading them whole through {@link GeoJsonFormat}. Every read and
 * every failure is checked both ways a file can be read: profiled whole before its rows, and
 * guessed from its first feature, which most test files outgrow so that the rows start over;
 * both must give the same table, or the same error.
 */
final class GeoJsonFiles {
    static final int DEFAULT_BATCH = 5000;
    static final int DEFAULT_MAX_COLUMNS = 256;

    private GeoJsonFiles() {
    }

    /** The format as configured by default: the first 10,000 features guess the profile. */
    static GeoJsonFormat format(int batchSize, int maxColumns) {
        return format(batchSize, maxColumns, 10_000);
    }

    static GeoJsonFormat format(int batchSize, int maxColumns, int profileSample) {
        return new GeoJsonFormat(TestImports.properties(batchSize, maxColumns, profileSample));
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source's columns and all its rows. */
    record Table(List<Column> columns, List<Object[]> rows, TableSource source) {
        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        Object value(int row, String column) {
            return rows.get(row)[names().indexOf(column)];
        }

        List<Object> column(String name) {
            int i = names().indexOf(name);
            return rows.stream().map(r -> r[i]).toList();
        }
    }

    static Table read(Path file) {
        return read(file, ImportOptions.defaults());
    }

    static Table read(Path file, ImportOptions options) {
        return read(DEFAULT_MAX_COLUMNS, file, options);
    }

    /** The file read both ways, which must agree; the guessed read is returned. */
    static Table read(int maxColumns, Path file, ImportOptions options) {
        Table whole = readWith(format(DEFAULT_BATCH, maxColumns, 0), file, options);
        Table guessed = readWith(format(DEFAULT_BATCH, maxColumns, 1), file, options);
        assertThat(guessed.columns()).isEqualTo(whole.columns());
        assertThat(guessed.rows()).hasSameSizeAs(whole.rows());
        for (int i = 0; i < whole.rows().size(); i++) {
            assertThat(guessed.rows().get(i)).as("row %d", i).isEqualTo(whole.rows().get(i));
        }
        assertThat(guessed.source().warnings().asMap()).isEqualTo(whole.source().warnings().asMap());
        return guessed;
    }

    /** All the rows, as the sink takes them: those before a change of columns are dropped. */
    static Table readWith(GeoJsonFormat format, Path file, ImportOptions options) {
        try (TableSource source = format.open(new DataFile(file, file.getFileName().toString()), options)) {
            List<Object[]> rows = new ArrayList<>();
            Iterator<RowBatch> batches = source.batches();
            while (batches.hasNext()) {
                RowBatch batch = batches.next();
                if (batch.columnsChanged()) {
                    rows.clear();
                }
                for (Object[] row : batch.rows()) {
                    assertThat(row).hasSize(source.columns().size());
                    rows.add(row);
                }
            }
            return new Table(source.columns(), rows, source);
        }
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path file, ErrorCode code) {
        return assertFails(DEFAULT_MAX_COLUMNS, file, code);
    }

    /** Fails both ways with {@code code}; the guessed read's error is returned. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(int maxColumns, Path file, ErrorCode code) {
        assertFailure(format(DEFAULT_BATCH, maxColumns, 0), file, code);
        return assertFailure(format(DEFAULT_BATCH, maxColumns, 1), file, code);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(GeoJsonFormat format, Path file,
                                                                                 ErrorCode code) {
        return assertThatThrownBy(() -> readWith(format, file, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(((ImportException) e).code()).isEqualTo(code));
    }
}
