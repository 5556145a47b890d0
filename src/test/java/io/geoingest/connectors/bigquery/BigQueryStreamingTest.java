package io.geoingest.connectors.bigquery;

import static io.geoingest.connectors.bigquery.BigQueryTestSupport.DATASET;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.PROJECT;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.connectors.bigquery.BigQueryTestSupport.Setup;
import io.geoingest.connectors.bigquery.FakeBigQuery.Data;
import io.geoingest.connectors.bigquery.FakeBigQuery.Field;
import io.geoingest.connectors.bigquery.FakeBigQuery.Rows;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

/**
 * A large result streams: the fake generates each page when asked, and whenever a page is
 * asked for, every row served before it has reached the consumer but for the part of a batch
 * being filled. So memory holds one page and one batch, never the result.
 */
class BigQueryStreamingTest {
    private static final int ROWS = 200_000;
    private static final int PAGE = 2_000;
    private static final int BATCH = 500;

    @Test
    void streamsABigTablePageByPage() throws Exception {
        try (FakeBigQuery fake = new FakeBigQuery()) {
            fake.table(PROJECT, DATASET, "big", new Data(List.of(Field.of("id", "INTEGER"), Field.of("name", "STRING"),
                    Field.of("longitude", "FLOAT"), Field.of("latitude", "FLOAT")), new Rows() {
                        @Override
                        public long size() {
                            return ROWS;
                        }

                        @Override
                        public List<Object> row(long i) {
                            return List.of(Long.toString(i), "name " + i, Double.toString(i % 360 - 180.0),
                                    Double.toString(i % 180 - 90.0));
                        }
                    }));
            AtomicLong consumed = new AtomicLong();
            AtomicLong mostAhead = new AtomicLong();
            fake.beforePage(served -> mostAhead.accumulateAndGet(served - consumed.get(), Math::max));

            long expectedId = 0;
            try (TableSource source = Setup.of(fake).pageSize(PAGE).batchSize(BATCH).connector().open(table("big"))) {
                int geometry = source.columns().size() - 1;
                for (Iterator<RowBatch> it = source.batches(); it.hasNext(); ) {
                    RowBatch batch = it.next();
                    assertThat(batch.size()).isEqualTo(BATCH);
                    for (Object[] row : batch.rows()) {
                        assertThat(row[0]).isEqualTo(expectedId);
                        assertThat(((Point) row[geometry]).getX()).isEqualTo(expectedId % 360 - 180.0);
                        expectedId++;
                    }
                    consumed.addAndGet(batch.size());
                }
                assertThat(source.warnings().isEmpty()).isTrue();
            }

            assertThat(expectedId).isEqualTo(ROWS);
            assertThat(fake.rowsServed()).isEqualTo(ROWS);
            assertThat(mostAhead.get()).isLessThan(BATCH);
            assertThat(fake.requests("GET", ".*/data")).hasSize(ROWS / PAGE)
                    .allSatisfy(p -> assertThat(p.query()).containsEntry("maxResults", Integer.toString(PAGE)));
        }
    }
}
