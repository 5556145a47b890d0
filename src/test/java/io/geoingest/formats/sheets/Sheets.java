package io.geoingest.formats.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.kernel.DataFile;
import io.geoingest.formats.csv.CsvFormat;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.testing.TestImports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.util.unit.DataSize;

/** Building workbooks and reading them whole through {@link SpreadsheetFormat}. */
final class Sheets {
    private Sheets() {
    }

    static SpreadsheetFormat format(long maxCsvBytes, int maxRows) {
        var imports = TestImports.properties(5000, 256);
        return new SpreadsheetFormat(new CsvFormat(imports, new CountryBoundaries()),
                new SpreadsheetProperties(DataSize.ofBytes(maxCsvBytes), maxRows), imports);
    }

    static SpreadsheetFormat format() {
        return format(DataSize.ofGigabytes(2).toBytes(), 1_048_576);
    }

    record Table(List<Column> columns, List<Object[]> rows) {
        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        Column column(String name) {
            return columns.get(names().indexOf(name));
        }

        Object value(int row, String column) {
            return rows.get(row)[names().indexOf(column)];
        }
    }

    static Table read(Path file) {
        return read(format(), file);
    }

    static Table read(SpreadsheetFormat format, Path file) {
        try (TableSource source = format.open(new DataFile(file, file.getFileName().toString()),
                ImportOptions.defaults())) {
            List<Object[]> rows = new ArrayList<>();
            Iterator<RowBatch> batches = source.batches();
            while (batches.hasNext()) {
                rows.addAll(batches.next().rows());
            }
            return new Table(source.columns(), rows);
        }
    }

    static void assertFails(Path file, ErrorCode code) {
        assertFails(format(), file, code);
    }

    static void assertFails(SpreadsheetFormat format, Path file, ErrorCode code) {
        assertThatThrownBy(() -> read(format, file))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(((ImportException) e).code()).isEqualTo(code));
    }

    /** A zip of the given entries, in order, stored as UTF-8 text. */
    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
