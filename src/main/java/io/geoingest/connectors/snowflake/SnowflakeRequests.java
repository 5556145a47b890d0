package io.geoingest.connectors.snowflake;

import static io.geoingest.connectors.ConnectorFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectionFields;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ProviderRequests;
import java.util.regex.Pattern;

/**
 * Snowflake's part of a request: {@code connection} {@code server, database, username,
 * password}, and optionally the {@code warehouse} to run in (an identifier); port 443, schema
 * {@code PUBLIC}; at most 5,000,000 rows.
 */
public final class SnowflakeRequests implements ProviderRequests {
    static final int DEFAULT_PORT = 443;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,254}");

    @Override
    public Provider provider() {
        return Provider.SNOWFLAKE;
    }

    @Override
    public int defaultMaxRows() {
        return 5_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return "PUBLIC";
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        ConnectionFields c = ConnectionFields.read(connector, serverKey(), null).require(true, true);
        String warehouse = c.value("warehouse");
        if (warehouse != null && !IDENTIFIER.matcher(warehouse).matches()) {
            throw invalid("warehouse");
        }
        return new Parts(c.settings(DEFAULT_PORT, null, warehouse), null, null);
    }
}
