package io.geoingest.connectors.mysql;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectionFields;
import io.geoingest.connectors.ConnectorFields;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ProviderRequests;

/**
 * MySQL's part of a request: {@code connection} {@code server, username, password}, and
 * {@code database} when a table is imported and no {@code schema} names it (the schema is the
 * database); port 3306; {@code encoding}; at most 1,000,000 rows.
 */
public final class MysqlRequests implements ProviderRequests {
    static final int DEFAULT_PORT = 3306;

    @Override
    public Provider provider() {
        return Provider.MYSQL;
    }

    @Override
    public int defaultMaxRows() {
        return 1_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return request.connection().database();
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        ConnectionFields c = ConnectionFields.read(connector, serverKey(), null).require(given.tableWithoutSchema(), true);
        return new Parts(c.settings(DEFAULT_PORT, null, null), ConnectorFields.encoding(connector), null);
    }
}
