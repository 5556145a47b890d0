package io.geoingest.formats.gdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.fetch.ArchiveExpander;
import io.geoingest.fetch.DownloadProperties;
import io.geoingest.kernel.DataFile;
import io.geoingest.formats.csv.CsvFormat;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.testing.TestImports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.locationtech.jts.geom.Geometry;
import org.springframework.util.unit.DataSize;

/** GDAL test helpers: unpacking archives, making shapefiles, reading layers whole. */
final class GdalFiles {
    private GdalFiles() {
    }

    static GdalFormat format() {
        return format("ogr2ogr");
    }

    static GdalFormat format(String ogr2ogr) {
        return format(ogr2ogr, 10_000_000);
    }

    static GdalFormat format(String ogr2ogr, long maxOsmNodes) {
        return new GdalFormat(new CsvFormat(TestImports.properties(5000, 250), new CountryBoundaries()),
                new GdalProperties(ogr2ogr, Duration.ofMinutes(5)), TestImports.properties(5000, 250, 10_000, maxOsmNodes));
    }

    /** The files of an archive, expanded the way uploads are. */
    static List<DataFile> expand(Path archive, Path dir) {
        ArchiveExpander expander = new ArchiveExpander(new DownloadProperties(Duration.ofSeconds(15),
                Duration.ofMinutes(30), 5, DataSize.ofGigabytes(2), DataSize.ofGigabytes(8)));
        return expander.expand(new DataFile(archive, archive.getFileName().toString()), dir);
    }

    static DataFile withExtension(List<DataFile> files, String extension) {
        return files.stream().filter(f -> f.extension().equals(extension)).findFirst().orElseThrow();
    }

    /** Runs ogr2ogr in a test, e.g. to make a shapefile from a CSV. */
    static void ogr2ogr(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("ogr2ogr"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("ogr2ogr %s", command).isZero();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A shapefile {@code <stem>.shp} (with .shx .dbf .prj) in {@code dir} from CSV text whose
     * WKT column holds the geometry in {@code srs}.
     */
    static Path shapefile(Path dir, String stem, String csv, String srs, String... extra) throws IOException {
        Path source = Files.writeString(dir.resolve(stem + "-source.csv"), csv, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("-f", "ESRI Shapefile", "-a_srs", srs));
        args.addAll(List.of(extra));
        args.addAll(List.of("./" + stem + ".shp", "./" + source.getFileName()));
        ogr2ogr(dir, args.toArray(String[]::new));
        Files.delete(source);
        return dir.resolve(stem + ".shp");
    }

    /** A layer's columns and all its rows. */
    record Table(String name, List<Column> columns, List<Object[]> rows) {
        int index(String column) {
            return columns.stream().map(Column::name).toList().indexOf(column);
        }

        Object value(int row, String column) {
            int i = index(column);
            assertThat(i).as("column %s in %s", column, columns).isGreaterThanOrEqualTo(0);
            return rows.get(row)[i];
        }

        Geometry geometry(int row) {
            return (Geometry) rows.get(row)[geometryIndex()];
        }

        List<Geometry> geometries() {
            int i = geometryIndex();
            return rows.stream().map(r -> (Geometry) r[i]).toList();
        }

        private int geometryIndex() {
            List<Column> geometry = columns.stream().filter(c -> c.type() == ColumnType.GEOMETRY).toList();
            assertThat(geometry).hasSize(1);
            return columns.indexOf(geometry.get(0));
        }
    }

    static List<Table> read(GdalFormat format, DataFile file) {
        List<Table> tables = new ArrayList<>();
        for (TableSource source : format.layers(file, ImportOptions.defaults())) {
            try (source) {
                List<Object[]> rows = new ArrayList<>();
                Iterator<RowBatch> batches = source.batches();
                while (batches.hasNext()) {
                    rows.addAll(batches.next().rows());
                }
                tables.add(new Table(source.name(), source.columns(), rows));
            }
        }
        return tables;
    }

    static Table readOne(DataFile file) {
        List<Table> tables = read(format(), file);
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(GdalFormat format, DataFile file,
                                                                      ErrorCode code) {
        return assertThatThrownBy(() -> read(format, file))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(((ImportException) e).code()).isEqualTo(code));
    }
}
