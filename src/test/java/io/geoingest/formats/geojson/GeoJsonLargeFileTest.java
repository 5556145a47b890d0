package io.geoingest.formats.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

/** A generated collection of 300,000 features streams in batches of at most batchSize rows. */
class GeoJsonLargeFileTest {
    private static final int FEATURES = 300_000;
    private static final int BATCH_SIZE = 7_000;

    @TempDir
    Path dir;

    @Test
    void streamsEveryFeatureInBoundedBatches() throws IOException {
        Path file = dir.resolve("places.geojson");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\": \"FeatureCollection\", \"features\": [\n");
            for (int i = 1; i <= FEATURES; i++) {
                w.write((i > 1 ? ",\n" : "") + "{\"type\": \"Feature\", \"id\": " + i + ", \"properties\": {\"name\": "
                        + "\"place " + i + "\", \"value\": " + (i * 0.25) + ", \"open\": " + (i % 2 == 0)
                        + "}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + (i % 360 - 180) + ", "
                        + (i % 180 - 90) + "]}}");
            }
            w.write("]}\n");
        }
        try (TableSource source = GeoJsonFiles.format(BATCH_SIZE, 256)
                .open(new DataFile(file, "places.geojson"), ImportOptions.defaults())) {
            assertThat(source.columns()).extracting(c -> c.type()).containsExactly(ColumnType.INTEGER,
                    ColumnType.TEXT, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.GEOMETRY);
            long rows = 0;
            int batches = 0;
            Object[] last = null;
            Iterator<RowBatch> it = source.batches();
            while (it.hasNext()) {
                RowBatch batch = it.next();
                assertThat(batch.size()).isBetween(1, BATCH_SIZE);
                rows += batch.size();
                batches++;
                last = batch.rows().get(batch.size() - 1);
            }
            assertThat(rows).isEqualTo(FEATURES);
            assertThat(batches).isEqualTo((FEATURES + BATCH_SIZE - 1) / BATCH_SIZE);
            assertThat(last[0]).isEqualTo(FEATURES);
            assertThat(((Point) last[4]).getX()).isEqualTo(FEATURES % 360 - 180);
            assertThat(source.warnings().isEmpty()).isTrue();
        }
    }
}
