package io.geoingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.TableSource;
import org.apache.camel.Exchange;

/**
 * The stored source of an import of a route's own rows ({@code DataType.DATASOURCE}):
 * {@code {"kind": "rows", "route": "<the sink's route id>", "replica": "<Quartz instance id>"}}. The rows themselves are
 * in the memory of the replica whose route holds them, which runs the import in the route's
 * thread, handing them to the import route as the exchange property {@value #PROPERTY}; they are
 * read through {@code direct:source-rows}. An import whose replica stopped cannot be resumed
 * elsewhere: once that replica no longer checks in to the Quartz cluster, the orphan sweep fails
 * it ({@code ImportRepository#failOrphans}).
 */
public final class RouteRows {
    /** The source route's suffix: {@code direct:source-rows}. */
    public static final String ROUTE = "rows";
    /** The exchange property of {@code direct:import} holding the rows, a {@link TableSource}. */
    public static final String PROPERTY = "geoingestRouteRows";
    private static final String KEY = "route";
    private static final String REPLICA = "replica";

    private RouteRows() {
    }

    public static ObjectNode json(String routeId, String replica) {
        return SourceKind.ROWS.tag(JsonNodeFactory.instance.objectNode()).put(KEY, routeId).put(REPLICA, replica);
    }

    /** The rows this replica hands to the import's route. */
    public static TableSource rows(JsonNode source, Exchange exchange) {
        TableSource rows = exchange.getProperty(PROPERTY, TableSource.class);
        if (rows == null) {
            throw new ImportException(ErrorCode.UNKNOWN, "The rows of route " + source.path(KEY).asText()
                    + " are held by the replica " + source.path(REPLICA).asText() + " only, which did not run them");
        }
        return rows;
    }
}
