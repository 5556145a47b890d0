package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.DataFile;
import io.geoingest.imports.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile guessed from the first features: kept when the rest fits it (one pass), replaced
 * by the whole file's at the first value that does not, the rows then starting over once.
 */
class GeoJsonProfileGuessTest {
    @TempDir
    Path dir;

    /** Ten features like the first, then {@code last}. */
    private Path features(String last) {
        String first = IntStream.range(0, 10)
                .mapToObj(i -> "{\"type\": \"Feature\", \"id\": " + i + ", \"geometry\": {\"type\": \"Point\","
                        + " \"coordinates\": [" + i + ", 1]}, \"properties\": {\"n\": " + i + ", \"s\": \"x" + i
                        + "\", \"day\": \"2024-01-0" + (i % 9 + 1) + "\", \"empty\": null}}")
                .collect(Collectors.joining("\n"));
        return GeoJsonFiles.write(dir, "f.geojsonl", first + "\n" + last + "\n");
    }

    private record Reading(List<Column> columns, List<Object[]> rows, int startedOver) {
    }

    private static Reading read(Path file, int sample) {
        return read(file, sample, ImportOptions.defaults());
    }

    private static Reading read(Path file, int sample, ImportOptions options) {
        try (TableSource source = GeoJsonFiles.format(4, 256, sample)
                .open(new DataFile(file, "f.geojsonl"), options)) {
            List<Column> before = source.columns();
            List<Object[]> rows = new ArrayList<>();
            int startedOver = 0;
            Iterator<RowBatch> it = source.batches();
            while (it.hasNext()) {
                RowBatch batch = it.next();
                if (batch.columnsChanged()) {
                    startedOver++;
                    assertThat(source.columns()).isNotEqualTo(before);
                    rows.clear();
                }
                rows.addAll(batch.rows());
            }
            return new Reading(source.columns(), rows, startedOver);
        }
    }

    @Test
    void aGuessTheRestFitsIsKeptAndTheFileReadOnce() {
        Path file = features("{\"type\": \"Feature\", \"id\": 10, \"geometry\": null,"
                + " \"properties\": {\"n\": -5, \"s\": \"2024-01-01\", \"day\": \" \", \"empty\": null}}");

        Reading r = read(file, 3);

        assertThat(r.startedOver()).isZero();
        assertThat(r.rows()).hasSize(11);
        assertThat(r.columns()).extracting(Column::type).containsExactly(ColumnType.INTEGER, ColumnType.INTEGER,
                ColumnType.TEXT, ColumnType.DATE, ColumnType.TEXT, ColumnType.GEOMETRY);
        // A blank string is null in a typed column, as in a CSV file.
        assertThat(Arrays.asList(r.rows().get(10))).containsExactly(10, -5, "2024-01-01", null, null, null);
    }

    @Test
    void eachKindOfChangeStartsTheRowsOverOnceWithTheWholeFilesProfile() {
        String[] lastFeatures = {
            // a new property
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": 1, \"late\": true}}",
            // a wider number
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": 5000000000}}",
            // a date column that needs text
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"day\": \"soon\"}}",
            // a column that had only nulls gets a value
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"empty\": 2.5}}",
            // a text id
            "{\"type\": \"Feature\", \"id\": \"ten\", \"geometry\": null, \"properties\": {}}",
            // a nested value where numbers were
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": [1, 2]}}"};
        for (String last : lastFeatures) {
            Path file = features(last);

            Reading guessed = read(file, 3);
            Reading whole = read(file, 0);

            assertThat(guessed.startedOver()).as(last).isEqualTo(1);
            assertThat(whole.startedOver()).isZero();
            assertThat(guessed.columns()).as(last).isEqualTo(whole.columns());
            assertThat(guessed.rows()).hasSize(11);
            for (int i = 0; i < 11; i++) {
                assertThat(guessed.rows().get(i)).as("%s row %d", last, i).isEqualTo(whole.rows().get(i));
            }
        }
    }

    @Test
    void warningsOfRowsReadBeforeStartingOverAreNotCountedTwice() {
        Path file = GeoJsonFiles.write(dir, "w.geojsonl", """
                {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}, "properties": {"a": 1}}
                {"type": "Feature", "geometry": null, "properties": {"a": 1}}
                {"type": "Feature", "geometry": null, "properties": {"a": "one"}}
                """);

        GeoJsonFiles.Table t = GeoJsonFiles.read(file);

        assertThat(t.source().warnings().asMap()).containsEntry(RowFeature.INVALID_GEOMETRIES, 1L);
        assertThat(t.column("a")).containsExactly("1", "1", "one");
    }

    @Test
    void withoutTypeGuessingOnlyANewColumnStartsOver() {
        ImportOptions untyped = new ImportOptions(false, false, false, ImportOptions.CollisionStrategy.RENAME);
        Reading same = read(features("{\"type\": \"Feature\", \"id\": \"ten\", \"geometry\": null,"
                + " \"properties\": {\"n\": 2.5, \"day\": \"soon\", \"empty\": {\"a\": 1}}}"), 3, untyped);
        Path added = features("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"late\": 1}}");
        Reading more = read(added, 3, untyped);

        assertThat(same.startedOver()).isZero();
        assertThat(Arrays.asList(same.rows().get(10))).containsExactly("ten", "2.5", null, "soon", "{\"a\":1}", null);
        assertThat(more.startedOver()).isEqualTo(1);
        assertThat(more.columns()).extracting(Column::name).endsWith("late", "the_geom");
        assertThat(more.columns()).isEqualTo(read(added, 0, untyped).columns());
    }

    @Test
    void membersOfACollectionBeforeItsTypeNeverFailTheRowsWhateverTheyHold() {
        // Read as if they might be a feature's until "type" says otherwise: values no column holds are skipped.
        Path file = GeoJsonFiles.write(dir, "c.geojson", """
                {"properties": {"n": "x", "nested": {"a": [1]}}, "id": "text", "type": "FeatureCollection",
                 "features": [
                   {"type": "Feature", "id": 1, "geometry": null, "properties": {"n": 1}},
                   {"type": "Feature", "id": 2, "geometry": null, "properties": {"n": 2}}]}
                """);

        GeoJsonFiles.Table t = GeoJsonFiles.read(file);

        assertThat(t.columns()).extracting(Column::type).containsExactly(ColumnType.INTEGER, ColumnType.INTEGER,
                ColumnType.GEOMETRY);
        assertThat(t.column("n")).containsExactly(1, 2);
    }
}
