package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.DataFile;
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

/** A generated file of 200,000 rows streams in batches of at most batchSize rows. */
class CsvLargeFileTest {
    private static final int ROWS = 200_000;
    private static final int BATCH_SIZE = 7_000;

    @TempDir
    Path dir;

    @Test
    void streamsEveryRowInBoundedBatches() throws IOException {
        Path file = dir.resolve("places.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("id,name,value,created_at,is_open,lon,lat,note\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write(i + ",place " + i + "," + (i * 0.25) + ",2020-01-01 00:00:" + String.format("%02d", i % 60)
                        + "," + (i % 2 == 0) + "," + (i % 360 - 180) + "," + (i % 180 - 90) + ","
                        + (i % 3 == 0 ? "\"quoted, comma\"" : "") + "\n");
            }
        }
        try (TableSource source = CsvFiles.format(BATCH_SIZE, 256)
                .open(new DataFile(file, "places.csv"), CsvFiles.DEFAULTS)) {
            assertThat(source.columns()).extracting(c -> c.type()).containsExactly(ColumnType.INTEGER,
                    ColumnType.TEXT, ColumnType.DOUBLE, ColumnType.TIMESTAMP, ColumnType.BOOLEAN, ColumnType.INTEGER,
                    ColumnType.INTEGER, ColumnType.TEXT, ColumnType.GEOMETRY);
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
            assertThat(rows).isEqualTo(ROWS);
            assertThat(batches).isEqualTo((ROWS + BATCH_SIZE - 1) / BATCH_SIZE);
            assertThat(last[0]).isEqualTo(ROWS);
            assertThat(((Point) last[8]).getX()).isEqualTo(ROWS % 360 - 180);
            assertThat(source.warnings().isEmpty()).isTrue();
        }
    }
}
