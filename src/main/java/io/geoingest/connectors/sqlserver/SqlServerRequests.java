package io.geoingest.connectors.sqlserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectionFields;
import io.geoingest.connectors.ConnectorFields;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ProviderRequests;

/**
 * SQL Server's part of a request: {@code connection} {@code server, database, username,
 * password}; port 1433, schema {@code dbo}; {@code encoding}; at most 1,000,000 rows.
 */
public final class SqlServerRequests implements ProviderRequests {
    static final int DEFAULT_PORT = 1433;

    @Override
    public Provider provider() {
        return Provider.SQLSERVER;
    }

    @Override
    public int defaultMaxRows() {
        return 1_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return "dbo";
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        ConnectionFields c = ConnectionFields.read(connector, serverKey(), null).require(true, true);
        return new Parts(c.settings(DEFAULT_PORT, null, null), ConnectorFields.encoding(connector), null);
    }
}
