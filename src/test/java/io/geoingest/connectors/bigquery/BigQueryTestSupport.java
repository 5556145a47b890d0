package io.geoingest.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorProperties.ProviderSettings;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequestParser;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.testing.TestImports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Connectors wired to a fake, requests, and reading a source whole. */
final class BigQueryTestSupport {
    static final String BILLING = "billing-proj";
    static final String PROJECT = "data-proj";
    static final String DATASET = "ds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BigQueryTestSupport() {
    }

    /** What one test varies; the rest is fixed. */
    record Setup(URI endpoint, Path credentialsFile, int pageSize, int batchSize, int maxRows, int maxColumns,
                 Duration timeout, List<String> allowedProjects) {
        static Setup of(FakeBigQuery fake) {
            return new Setup(fake.endpoint(), null, 3, 2, 1_000_000, 256, Duration.ofSeconds(60), List.of());
        }

        Setup allowedProjects(List<String> projects) {
            return new Setup(endpoint, credentialsFile, pageSize, batchSize, maxRows, maxColumns, timeout, projects);
        }

        Setup pageSize(int n) {
            return new Setup(endpoint, credentialsFile, n, batchSize, maxRows, maxColumns, timeout, allowedProjects);
        }

        Setup batchSize(int n) {
            return new Setup(endpoint, credentialsFile, pageSize, n, maxRows, maxColumns, timeout, allowedProjects);
        }

        Setup maxRows(int n) {
            return new Setup(endpoint, credentialsFile, pageSize, batchSize, n, maxColumns, timeout, allowedProjects);
        }

        Setup maxColumns(int n) {
            return new Setup(endpoint, credentialsFile, pageSize, batchSize, maxRows, n, timeout, allowedProjects);
        }

        Setup timeout(Duration d) {
            return new Setup(endpoint, credentialsFile, pageSize, batchSize, maxRows, maxColumns, d, allowedProjects);
        }

        Setup credentialsFile(Path p) {
            return new Setup(endpoint, p, pageSize, batchSize, maxRows, maxColumns, timeout, allowedProjects);
        }

        BigQueryProperties properties() {
            return new BigQueryProperties(credentialsFile, endpoint, pageSize, timeout, allowedProjects);
        }

        ConnectorProperties limits() {
            return new ConnectorProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), null, 1000,
                    Map.of("bigquery", new ProviderSettings(null, maxRows)));
        }

        /** As Spring builds it. */
        BigQueryConnector connector() {
            return new BigQueryConnector(properties(), limits(), TestImports.properties(batchSize, maxColumns));
        }

        /** With another source of Application Default Credentials. */
        BigQueryConnector connector(BigQueryClients.ApplicationDefault applicationDefault) {
            return new BigQueryConnector(
                    new BigQueryClients(properties(), limits().connectTimeout(), applicationDefault),
                    properties(), limits(), TestImports.properties(batchSize, maxColumns));
        }
    }

    static ConnectorRequest table(String table) {
        ObjectNode n = base();
        n.put("project", PROJECT).put("dataset", DATASET).put("table", table);
        return new ConnectorRequestParser().parse(n);
    }

    static ConnectorRequest query(String sql, String importAs) {
        ObjectNode n = base();
        // Ignored for a query: the results must not come from there.
        n.put("project", "other-proj").put("dataset", "ignored");
        n.put("sql_query", sql).put("import_as", importAs);
        return new ConnectorRequestParser().parse(n);
    }

    private static ObjectNode base() {
        return JSON.createObjectNode().put("provider", "bigquery").put("billing_project", BILLING);
    }

    record Result(String name, List<Column> columns, List<Object[]> rows, List<Integer> batchSizes,
                  Map<String, Object> warnings) {

        int index(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new AssertionError("no column " + column + " in " + columns);
        }

        Object value(int row, String column) {
            return rows.get(row)[index(column)];
        }
    }

    static Result readAll(TableSource source) {
        try (source) {
            List<Object[]> rows = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (Iterator<RowBatch> it = source.batches(); it.hasNext(); ) {
                RowBatch b = it.next();
                sizes.add(b.size());
                for (Object[] row : b.rows()) {
                    assertThat(row).hasSize(source.columns().size());
                    rows.add(row);
                }
            }
            return new Result(source.name(), source.columns(), rows, sizes, source.warnings().asMap());
        }
    }

    static ImportException importFailure(ThrowingCallable call, ErrorCode code) {
        try {
            call.call();
        } catch (ImportException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected ImportException " + code + " but got " + t, t);
        }
        throw new AssertionError("expected ImportException " + code);
    }

    /** The exception's messages, whole cause chain included. */
    static String allMessages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    /** A TIMESTAMP as the REST API writes it with useInt64Timestamp: microseconds since the epoch. */
    static String micros(String instant) {
        Instant i = Instant.parse(instant);
        return Long.toString(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000));
    }
}
