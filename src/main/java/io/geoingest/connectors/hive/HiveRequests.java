package io.geoingest.connectors.hive;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectionFields;
import io.geoingest.connectors.ConnectorFields;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ProviderRequests;

/**
 * Hive's part of a request: {@code connection} {@code server, username} (database and password
 * may be left out); port 10000, schema {@code default}; {@code encoding}; at most 1,000,000 rows.
 */
public final class HiveRequests implements ProviderRequests {
    static final int DEFAULT_PORT = 10000;

    @Override
    public Provider provider() {
        return Provider.HIVE;
    }

    @Override
    public int defaultMaxRows() {
        return 1_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return "default";
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        ConnectionFields c = ConnectionFields.read(connector, serverKey(), null).require(false, false);
        return new Parts(c.settings(DEFAULT_PORT, null, null), ConnectorFields.encoding(connector), null);
    }
}
