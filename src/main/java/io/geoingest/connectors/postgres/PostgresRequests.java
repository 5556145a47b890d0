package io.geoingest.connectors.postgres;

import static io.geoingest.connectors.ConnectorFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectionFields;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.PgJdbcConnector;
import io.geoingest.connectors.ProviderRequests;
import java.util.Locale;

/**
 * PostgreSQL's part of a request: {@code connection} {@code server, database, username} (the
 * password may be left out); port 5432, schema {@code public}; {@code sslmode} {@code require}
 * (default), {@code prefer} or {@code disable}; a {@code sql_query} of one statement; at most
 * 1,000,000 rows.
 */
public final class PostgresRequests implements ProviderRequests {
    static final int DEFAULT_PORT = 5432;

    @Override
    public Provider provider() {
        return Provider.POSTGRES;
    }

    @Override
    public int defaultMaxRows() {
        return 1_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return "public";
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        ConnectionFields c = ConnectionFields.read(connector, serverKey(), null).require(true, false);
        String chosen = c.value("sslmode");
        String sslmode = chosen == null ? "require" : chosen.trim().toLowerCase(Locale.ROOT);
        if (!PgJdbcConnector.SSL_MODES.contains(sslmode)) {
            throw invalid("sslmode");
        }
        return new Parts(c.settings(DEFAULT_PORT, sslmode, null), null, null);
    }

    @Override
    public void checkQuery(String sqlQuery) {
        PgJdbcConnector.requireSingleStatement(sqlQuery);
    }
}
