package io.geoingest.connectors.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectionFields;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.PgJdbcConnector;
import io.geoingest.connectors.ProviderRequests;

/**
 * Redshift's part of a request: {@code connection} {@code cluster} (as its documentation calls
 * the server; {@code server} is read too), {@code database, username, password}; port 5439,
 * schema {@code public}; a {@code sql_query} of one statement; at most 5,000,000 rows. Its
 * sslmode is configuration only ({@link RedshiftProperties}).
 */
public final class RedshiftRequests implements ProviderRequests {
    static final int DEFAULT_PORT = 5439;

    @Override
    public Provider provider() {
        return Provider.REDSHIFT;
    }

    @Override
    public int defaultMaxRows() {
        return 5_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return "public";
    }

    @Override
    public String serverKey() {
        return "cluster";
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        ConnectionFields c = ConnectionFields.read(connector, serverKey(), "server").require(true, true);
        return new Parts(c.settings(DEFAULT_PORT, null, null), null, null);
    }

    @Override
    public void checkQuery(String sqlQuery) {
        PgJdbcConnector.requireSingleStatement(sqlQuery);
    }
}
