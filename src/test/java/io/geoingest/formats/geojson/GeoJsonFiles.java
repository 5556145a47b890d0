package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.formats.DataFile;
import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import io.geoingest.imports.ImportOptions;
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

/** Writing test files and reading them whole through {@link GeoJsonFormat}. */
final class GeoJsonFiles {
    private GeoJsonFiles() {
    }

    static GeoJsonFormat format(int batchSize, int maxColumns) {
        return new GeoJsonFormat(TestImports.properties(batchSize, maxColumns));
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
        return read(format(5000, 256), file, ImportOptions.defaults());
    }

    static Table read(GeoJsonFormat format, Path file, ImportOptions options) {
        try (TableSource source = format.open(new DataFile(file, file.getFileName().toString()), options)) {
            List<Object[]> rows = new ArrayList<>();
            Iterator<RowBatch> batches = source.batches();
            while (batches.hasNext()) {
                for (Object[] row : batches.next().rows()) {
                    assertThat(row).hasSize(source.columns().size());
                    rows.add(row);
                }
            }
            return new Table(source.columns(), rows, source);
        }
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path file, ErrorCode code) {
        return assertFails(format(5000, 256), file, code);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(GeoJsonFormat format, Path file,
                                                                       ErrorCode code) {
        return assertThatThrownBy(() -> read(format, file, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(((ImportException) e).code()).isEqualTo(code));
    }
}
