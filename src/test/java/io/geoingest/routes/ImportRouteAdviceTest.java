package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.RowBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The import and copy-sink routes seen from Camel: advised with taps on their steps (mocks
 * counting what passes) and a step that fails on demand, then driven through the Import API,
 * or through the copy-sink template with a route's rows.
 */
@UseAdviceWith
// @UseAdviceWith is no part of Spring's context cache key: without a property of its own this
// class would get the API tests' cached context, started already and never advised.
@TestPropertySource(properties = "test.context=import-route-advice")
class ImportRouteAdviceTest extends ApiTestSupport {
    /** Set by a test to make the sink fail once its staging table is loaded; null: it does not. */
    private static final AtomicReference<ImportException> SINK_FAILURE = new AtomicReference<>();

    @Autowired
    private CamelContext camel;
    @Value("${geoingest.imports.batch-size}")
    private int batchSize;
    @EndpointInject("mock:sink-batches")
    private MockEndpoint sinkBatches;
    @EndpointInject("mock:import-failures")
    private MockEndpoint importFailures;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private RoutesReload reload;

    @BeforeEach
    void adviseRoutesOnce() throws Exception {
        // The Spring context, and so its Camel context, is shared by this class's tests: the
        // routes are advised once, and Camel (then Quartz, which waits for it) started after.
        if (camel.isStarted()) {
            MockEndpoint.resetMocks(camel);
            return;
        }
        // The patterns start with "Bean[": the filter, split and doTry around a bean show it in
        // their own text too, and must not be woven.
        AdviceWith.adviceWith(camel, "copy-sink", a -> {
            a.weaveByToString("Bean\\[.*copySink.*write.*").before().to("mock:sink-batches");
            a.weaveByToString("Bean\\[.*copySink.*finish.*").before().process(exchange -> {
                ImportException failure = SINK_FAILURE.get();
                if (failure != null) {
                    throw failure;
                }
            });
        });
        AdviceWith.adviceWith(camel, "import",
                a -> a.weaveByToString("Bean\\[.*importLifecycle.*fail.*").before().to("mock:import-failures"));
        camel.start();
    }

    @AfterEach
    void sinkWorksAgain() {
        SINK_FAILURE.set(null);
    }

    @Test
    void aFailingSinkRollsBackAndRecordsItsCodeOnce(@TempDir Path dir) throws Exception {
        // It fails once its three batches are in the staging table, so there is a table to drop.
        String table = unique("sink_fails");
        SINK_FAILURE.set(new ImportException(ErrorCode.TOO_MANY_NODES, "the sink failed on purpose"));

        JsonNode r = importFile(ALICE_KEY, csv(dir, table, 2_500), null);

        assertFailure(r, ErrorCode.TOO_MANY_NODES.code());
        sinkBatches.expectedMessageCount(3);
        sinkBatches.assertIsSatisfied();
        importFailures.expectedMessageCount(1);
        importFailures.assertIsSatisfied();
        assertThat(scalar("SELECT attempts FROM geoingest.imports WHERE id = '" + r.get("id").asText() + "'"))
                .as("tried once, not retried").isEqualTo(1);
        assertThat(scalar("SELECT to_regclass('alice." + table + "')")).as("no table").isNull();
        assertNoStagingTables("alice");
    }

    @Test
    void rowsReachTheSinkInBatchesNotOneExchangeEach(@TempDir Path dir) throws Exception {
        int rows = 20_000;
        String table = unique("batched");

        assertComplete(importFile(ALICE_KEY, csv(dir, table, rows), null));

        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo((long) rows);
        assertThat(sinkBatches.getReceivedCounter()).as("exchanges through the sink's write step, of sizes %s", sinkBatches.getReceivedExchanges().stream()
                        .map(e -> e.getIn().getBody(RowBatch.class).size()).toList())
                .isEqualTo((rows + batchSize - 1) / batchSize);
        importFailures.expectedMessageCount(0);
        importFailures.assertIsSatisfied();
    }

    @Test
    void aRoutesIteratorOfRowsIsReadAtMostThreeBatchesAheadOfTheSink() throws Exception {
        String table = unique("streamed");
        reload.reload(ResourceHelper.fromString("file:" + table + ".camel.yaml", """
                - templatedRoute:
                    routeTemplateRef: geoingest-copy-sink
                    routeId: %1$s
                    parameters:
                      - {name: name, value: %1$s}
                      - {name: account, value: alice}
                      - {name: table, value: %1$s}
                """.formatted(table)));
        int rows = 20 * batchSize;
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Map<String, Object>> generated = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < rows;
            }

            @Override
            public Map<String, Object> next() {
                int i = pulled.incrementAndGet();
                return Map.of("id", i, "name", "row " + i);
            }
        };
        AtomicInteger written = new AtomicInteger();
        List<Integer> ahead = new CopyOnWriteArrayList<>();
        // Rows taken from the iterator but not yet written, as each batch reaches the COPY: the
        // next batch, which the streaming splitter has looked at, one queued in ReadAhead and one
        // being read; never the whole iterator.
        sinkBatches.whenAnyExchangeReceived(e -> ahead.add(pulled.get() - written.incrementAndGet() * batchSize));

        Exchange sent = producer.request("direct:" + table, e -> e.getIn().setBody(generated));

        assertThat(sent.getException()).isNull();
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo((long) rows);
        assertThat(written).hasValue(20);
        assertThat(ahead).as("rows read ahead of the sink at each batch").allMatch(n -> n <= 3 * batchSize);
    }

    private static Path csv(Path dir, String name, int rows) throws Exception {
        StringBuilder text = new StringBuilder("name,lat,lon\n");
        for (int i = 0; i < rows; i++) {
            text.append("place ").append(i).append(',').append(i % 90).append(',').append(i % 180).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".csv"), text);
    }
}
