package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.rows.TableSource;

/**
 * Reads one provider's remote table or query as a streaming {@link TableSource}. Each provider's
 * route ({@code routes/connectors/<id>.camel.yaml}) calls its bean, named {@code <id>Connector}.
 */
public interface Connector {

    Provider provider();

    /**
     * Connects and starts the query; rows stream as the sink asks for them. Fails with
     * {@link io.geoingest.imports.ImportException}: 1012 when the server cannot be reached or
     * refuses the login (never showing the password), 1011 when the query fails.
     */
    TableSource open(ConnectorRequest request);
}
