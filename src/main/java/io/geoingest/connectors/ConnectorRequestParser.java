package io.geoingest.connectors;

import static io.geoingest.connectors.ConnectorFields.field;
import static io.geoingest.connectors.ConnectorFields.invalid;
import static io.geoingest.connectors.ConnectorFields.missing;
import static io.geoingest.connectors.ConnectorFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.InvalidImportRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns the request's {@code connector} object into a {@link ConnectorRequest}, validating it as
 * CARTO's database connectors documentation (seed 001) describes; a request that can never work
 * throws {@link InvalidImportRequest} with CARTO's wording. Keys and values are read as
 * {@link ConnectorFields} says.
 *
 * <p>This reads what every request has: {@code provider}, then {@code table} or
 * {@code sql_query}: a table may be renamed by {@code import_as}; a query needs
 * {@code import_as} (or, deprecated, {@code table} as its name); {@code table} together with
 * {@code sql_query} and {@code import_as} is refused. The rest is the provider's own
 * ({@link ProviderRequests}, in its package): what its {@code connection} requires (seed 001:
 * mysql {@code server, username, password}, and {@code database} when a table is imported and
 * no {@code schema} names it; postgres {@code server, database, username}; sqlserver, snowflake
 * {@code server, database, username, password}; redshift {@code cluster, database, username,
 * password}; hive {@code server, username}; bigquery no connection, {@code billing_project},
 * and {@code dataset} with a table), its options ({@code encoding} for mysql, sqlserver and hive,
 * {@code sslmode} for postgres, {@code warehouse} for snowflake), their defaults, and its checks
 * of a query (PostgreSQL's and Redshift's must be one statement).
 */
@Component
public class ConnectorRequestParser {

    public ConnectorRequest parse(JsonNode connector) {
        if (connector == null || connector.isNull() || connector.isMissingNode()) {
            throw missing(List.of("connector"));
        }
        if (!connector.isObject()) {
            throw invalid("connector");
        }
        String providerId = text(connector, "provider", "provider");
        if (providerId == null) {
            throw missing(List.of("provider"));
        }
        Provider provider = Provider.of(providerId)
                .orElseThrow(() -> new InvalidImportRequest("Provider not supported: " + providerId.trim()));

        String schema = text(connector, "schema", "schema");
        String table = text(connector, "table", "table");
        String sqlQuery = text(connector, "sql_query", "sql_query");
        String importAs = text(connector, "import_as", "import_as");

        ProviderRequests own = provider.requests();
        ProviderRequests.Parts parts = own.read(connector, new ProviderRequests.Given(schema, table, sqlQuery, importAs));

        if (sqlQuery == null) {
            if (table == null) {
                throw new InvalidImportRequest("The table parameter is required if no sql_query parameter is provided");
            }
        } else if (table != null) {
            if (importAs != null) {
                throw new InvalidImportRequest(
                        "The table and sql_query parameters cannot be used together: name the sql_query results with import_as");
            }
            // Deprecated legacy usage: table names the results of sql_query.
            importAs = table;
            table = null;
        } else if (importAs == null) {
            throw new InvalidImportRequest("The import_as parameter is required to name the sql_query results");
        }
        if (sqlQuery != null) {
            own.checkQuery(sqlQuery);
        }
        return new ConnectorRequest(provider, parts.connection(), schema, table, sqlQuery, importAs, parts.encoding(),
                parts.bigquery());
    }

    /**
     * A connector object that only says where to connect (to check the connection or list
     * tables): read with the same rules, {@code table} and {@code sql_query} not needed.
     */
    public ConnectorRequest parseConnection(JsonNode connector) {
        if (connector != null && connector.isObject() && field(connector, "table") == null
                && field(connector, "sql_query") == null) {
            ObjectNode withTable = ((ObjectNode) connector).deepCopy();
            withTable.put("table", "(any)");
            return parse(withTable);
        }
        return parse(connector);
    }
}
