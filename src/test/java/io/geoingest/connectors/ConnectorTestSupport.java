package io.geoingest.connectors;

import io.geoingest.testing.TestImports;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.Column;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers for the connector tests: requests, limits, reading a source whole. */
public final class ConnectorTestSupport {
    public static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorTestSupport() {
    }

    public static ImportProperties imports(int batchSize, int maxColumns) {
        return TestImports.properties(batchSize, maxColumns);
    }

    public static ConnectorProperties limits(int maxRows) {
        return new ConnectorProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), maxRows, 1000, Map.of());
    }

    public static ObjectNode connector(String provider, String server, int port, String database, String user, String password) {
        ObjectNode n = JSON.createObjectNode();
        n.put("provider", provider);
        ObjectNode c = n.putObject("connection");
        c.put("server", server);
        c.put("port", port);
        if (database != null) {
            c.put("database", database);
        }
        c.put("username", user);
        if (password != null) {
            c.put("password", password);
        }
        return n;
    }

    public static ConnectorRequest parse(ObjectNode n) {
        return new ConnectorRequestParser().parse(n);
    }

    public record Result(String name, List<Column> columns, List<Object[]> rows, List<Integer> batchSizes,
                  Map<String, Object> warnings) {

        public int index(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new AssertionError("no column " + column + " in " + columns);
        }

        public Object value(int row, String column) {
            return rows.get(row)[index(column)];
        }

        public List<String> names() {
            return columns.stream().map(Column::name).toList();
        }
    }

    public static Result readAll(TableSource source) {
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

    public static ImportException importFailure(ThrowingCallable call, ErrorCode code) {
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
    public static String allMessages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
