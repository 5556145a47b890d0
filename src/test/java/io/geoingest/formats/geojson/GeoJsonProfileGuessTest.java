package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    private record Reading(List<Column> columns, List<Object[]> rows, int startedOver, Map<String, Object> warnings) {
    }

    private static Reading read(Path file, int sample) {
        return read(file, sample, ImportOptions.defaults());
    }

    private static Reading read(Path file, int sample, ImportOptions options) {
        try (TableSource source = GeoJsonFiles.format(4, 256, sample)
                .open(new DataFile(file, "f.geojsonl"), options)) {
            List<Object[]> rows = new ArrayList<>();
            int startedOver = 0;
            Iterator<RowBatch> it = source.batches();
            while (it.hasNext()) {
                RowBatch batch = it.next();
                if (batch.columnsChanged()) {
                    startedOver++;
                    rows.clear();
                }
                rows.addAll(batch.rows());
            }
            return new Reading(source.columns(), rows, startedOver, source.warnings().asMap());
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

    /** Values of every kind a property can hold, valid or not for each other's columns. */
    private static final String[] VALUES = {"1", "-7", "5000000000", "123456789012345678901234567890", "2.5",
        "1e400", "true", "false", "null", "\"\"", "\"  \"", "\"text\"", "\"2024-01-02\"", "\"2024-01-02 10:11:12\"",
        "\"2024-01-02T10:11:12+02:00\"", "\"007\"", "{\"a\": [1, 2.50]}", "[]"};
    private static final String[] NAMES = {"a", "b", "c", "d", "id"};
    private static final String[] IDS = {"", "\"id\": 1, ", "\"id\": 9000000000, ", "\"id\": \"x\", ",
        "\"id\": 2.5, "};
    private static final String[] GEOMETRIES = {"null", "{\"type\": \"Point\", \"coordinates\": [1, 2]}",
        "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1]]]}"};

    @Test
    void randomFilesGiveTheSameTableWhateverTheSample() {
        Random random = new Random(20261122);
        int[] startedOver = new int[2];
        for (int file = 0; file < 300; file++) {
            StringBuilder text = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
            int features = 1 + random.nextInt(30);
            for (int f = 0; f < features; f++) {
                text.append(f == 0 ? "" : ",\n").append("{\"type\": \"Feature\", ")
                        .append(IDS[random.nextInt(IDS.length)]).append("\"geometry\": ")
                        .append(GEOMETRIES[random.nextInt(GEOMETRIES.length)]).append(", \"properties\": {");
                int properties = random.nextInt(4);
                for (int i = 0; i < properties; i++) {
                    // Mostly the kind of value the column had, sometimes another.
                    String name = NAMES[random.nextInt(NAMES.length)];
                    int kind = random.nextInt(10) < 8 ? (name.hashCode() + file) % VALUES.length : random.nextInt(VALUES.length);
                    text.append(i == 0 ? "" : ", ").append('"').append(name).append("\": ")
                            .append(VALUES[Math.floorMod(kind, VALUES.length)]);
                }
                text.append("}}");
            }
            Path path = GeoJsonFiles.write(dir, "r" + file + ".geojson", text.append("]}\n").toString());
            ImportOptions options = new ImportOptions(random.nextInt(4) > 0, true, false,
                    ImportOptions.CollisionStrategy.RENAME);

            Reading whole = read(path, 0, options);
            for (int sample : new int[] {1, 2, 5}) {
                Reading guessed = read(path, sample, options);
                assertThat(guessed.columns()).as("file %d sample %d:%n%s", file, sample, text).isEqualTo(whole.columns());
                assertThat(guessed.rows()).hasSameSizeAs(whole.rows());
                for (int i = 0; i < whole.rows().size(); i++) {
                    assertThat(guessed.rows().get(i)).as("file %d sample %d row %d:%n%s", file, sample, i, text)
                            .isEqualTo(whole.rows().get(i));
                }
                assertThat(guessed.warnings()).as("file %d sample %d", file, sample).isEqualTo(whole.warnings());
                startedOver[Math.min(guessed.startedOver(), 1)]++;
            }
        }
        // Both ways were taken, many times: guesses kept and guesses given up.
        assertThat(startedOver[0]).as("guesses kept").isGreaterThan(100);
        assertThat(startedOver[1]).as("guesses given up").isGreaterThan(100);
    }
}
