package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.ImportContext;
import io.geoingest.rows.RowBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The sink's splitter, seen through Camel's NotifyBuilder on the unadvised routes: an N-row file
 * reaches the COPY in N / batch-size exchanges (rounded up), never one a row. (Same
 * configuration as the API tests, so it runs in their cached context.)
 */
class SplitterBatchingTest extends ApiTestSupport {
    @Autowired
    private CamelContext camel;
    @Value("${geoingest.imports.batch-size}")
    private int batchSize;

    @Test
    void anNRowFileReachesTheCopyInNOverBatchSizeExchanges(@TempDir Path dir) throws Exception {
        int rows = 12_345;
        String table = unique("split");
        int batches = (rows + batchSize - 1) / batchSize;
        // The splitter's exchanges, each done once the COPY has its batch; this import's only.
        NotifyBuilder copied = new NotifyBuilder(camel).fromCurrentRoute("copy-sink")
                .filter(e -> ours(e, table) && e.getIn().getBody() instanceof RowBatch)
                .whenExactlyDone(batches).create();
        NotifyBuilder anyMore = new NotifyBuilder(camel).fromCurrentRoute("copy-sink")
                .filter(e -> ours(e, table) && e.getIn().getBody() instanceof RowBatch)
                .whenDone(batches + 1).create();

        StringBuilder csv = new StringBuilder("name,lat,lon\n");
        for (int i = 0; i < rows; i++) {
            csv.append("place ").append(i).append(',').append(i % 90).append(',').append(i % 180).append('\n');
        }
        assertComplete(importFile(ALICE_KEY, Files.writeString(dir.resolve(table + ".csv"), csv), null));

        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo((long) rows);
        assertThat(copied.matches(10, TimeUnit.SECONDS)).as("%d batches of at most %d rows", batches, batchSize)
                .isTrue();
        assertThat(anyMore.matches()).as("more exchanges than batches").isFalse();
    }

    private static boolean ours(Exchange e, String table) {
        ImportContext ctx = e.getProperty(ImportContext.PROPERTY, ImportContext.class);
        return ctx != null && (table + ".csv").equals(ctx.record().displayName());
    }
}
