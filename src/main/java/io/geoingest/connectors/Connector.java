package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.TableSource;
import java.util.List;

/**
 * Reads one provider's remote table or query as a streaming {@link TableSource}. Each provider's
 * route ({@code direct:source-<id>}, an instance of {@code routes/shapes/connector-source.camel.yaml} in
 * {@code routes/connectors.camel.yaml}) calls its bean, named {@code <id>Connector}.
 */
public interface Connector {

    Provider provider();

    /**
     * Connects and starts the query; rows stream as the sink asks for them. Fails with
     * {@link io.geoingest.kernel.ImportException}: 1012 when the server cannot be reached or
     * refuses the login (never showing the password), 1011 when the query fails.
     */
    TableSource open(ConnectorRequest request);

    /**
     * Connects as an import would (same checks, same errors) and names at most {@code limit}
     * tables and views of the request's remote schema, for integrators choosing what to import.
     */
    default List<String> tables(ConnectorRequest request, int limit) {
        throw new ImportException(ErrorCode.DATASOURCE_QUERY,
                "Listing tables is not available for " + provider().id());
    }
}
