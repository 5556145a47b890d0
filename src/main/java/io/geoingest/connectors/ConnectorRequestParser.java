package io.geoingest.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorRequest.BigQueryTarget;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.InvalidImportRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns the request's {@code connector} object into a {@link ConnectorRequest}, validating it as
 * CARTO's database connectors documentation (seed 001) describes; a request that can never work
 * throws {@link InvalidImportRequest} with CARTO's wording.
 *
 * <p>Rules: keys are case-insensitive and unknown keys are ignored; scalar values may arrive
 * as strings or numbers; an empty string counts as absent. Required, as seed 001 lists them:
 * mysql {@code server, username, password} (and {@code database} when a table is imported and
 * no {@code schema} names it); postgres {@code server, database, username}; sqlserver, snowflake
 * {@code server, database, username, password}; redshift {@code cluster, database, username,
 * password}; hive {@code server, username}; bigquery no connection, {@code billing_project}, and
 * {@code dataset} with a table. Then {@code table} or {@code sql_query}: a table may be renamed
 * by {@code import_as}; a query needs {@code import_as} (or, deprecated, {@code table} as its
 * name); {@code table} together with {@code sql_query} and {@code import_as} is refused. A
 * PostgreSQL or Redshift {@code sql_query} must be a single statement. {@code encoding} is read
 * for mysql, sqlserver and hive, {@code sslmode} for postgres, {@code warehouse} for snowflake.
 */
@Component
public class ConnectorRequestParser {

    /** PgJDBC's sslmode values a request (postgres) or the configuration (redshift) may choose. */
    public static final Set<String> SSL_MODES = Set.of("require", "prefer", "disable");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** Google's project ids (also the older domain-scoped form {@code example.com:project}). */
    private static final Pattern BIGQUERY_PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern BIGQUERY_DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    private static final Pattern SNOWFLAKE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,254}");

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

        ConnectionSettings settings = null;
        BigQueryTarget bigquery = null;
        if (provider == Provider.BIGQUERY) {
            bigquery = bigQueryTarget(connector, table != null && sqlQuery == null);
        } else {
            settings = connection(connector, provider, sqlQuery == null && schema == null);
        }
        String encoding = null;
        if (provider.takesEncoding()) {
            encoding = text(connector, "encoding", "encoding");
            if (encoding != null) {
                encoding = encoding.trim();
                if (Encodings.forPostgresName(encoding).isEmpty()) {
                    throw invalid("encoding");
                }
            }
        }

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
        if (sqlQuery != null && (provider == Provider.POSTGRES || provider == Provider.REDSHIFT)) {
            requireSingleStatement(sqlQuery);
        }
        return new ConnectorRequest(provider, settings, schema, table, sqlQuery, importAs, encoding, bigquery);
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

    private static ConnectionSettings connection(JsonNode connector, Provider provider, boolean tableWithoutSchema) {
        JsonNode connection = field(connector, "connection");
        if (connection == null || connection.isNull()) {
            throw missing(List.of("connection"));
        }
        if (!connection.isObject()) {
            throw invalid("connection");
        }
        String serverKey = provider == Provider.REDSHIFT ? "cluster" : "server";
        String server = text(connection, serverKey, serverKey);
        if (server == null && provider == Provider.REDSHIFT) {
            server = text(connection, "server", "server");
        }
        String portText = text(connection, "port", "port");
        String database = text(connection, "database", "database");
        String username = text(connection, "username", "username");
        String password = rawText(connection, "password", "password");

        List<String> missing = new ArrayList<>();
        if (server == null) {
            missing.add("connection." + serverKey);
        }
        boolean databaseNeeded = switch (provider) {
            case MYSQL -> tableWithoutSchema;
            case HIVE -> false;
            default -> true;
        };
        if (database == null && databaseNeeded) {
            missing.add("connection.database");
        }
        if (username == null) {
            missing.add("connection.username");
        }
        boolean passwordNeeded = provider != Provider.POSTGRES && provider != Provider.HIVE;
        if (password == null && passwordNeeded) {
            missing.add("connection.password");
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }

        String sslmode = null;
        if (provider == Provider.POSTGRES) {
            String given = text(connection, "sslmode", "sslmode");
            sslmode = given == null ? "require" : given.trim().toLowerCase(Locale.ROOT);
            if (!SSL_MODES.contains(sslmode)) {
                throw invalid("sslmode");
            }
        }
        String warehouse = null;
        if (provider == Provider.SNOWFLAKE) {
            warehouse = text(connection, "warehouse", "warehouse");
            if (warehouse != null && !SNOWFLAKE_IDENTIFIER.matcher(warehouse).matches()) {
                throw invalid("warehouse");
            }
        }
        return new ConnectionSettings(host(server, serverKey), port(portText, provider), database, username, password,
                sslmode, warehouse);
    }

    /** BigQuery: no connection (credentials come from configuration); projects and dataset. */
    private static BigQueryTarget bigQueryTarget(JsonNode connector, boolean tableImport) {
        String billing = text(connector, "billing_project", "billing_project");
        String project = text(connector, "project", "project");
        String dataset = text(connector, "dataset", "dataset");
        List<String> missing = new ArrayList<>();
        if (billing == null) {
            missing.add("billing_project");
        }
        if (dataset == null && tableImport) {
            missing.add("dataset");
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
        for (String[] named : new String[][] {{"billing_project", billing}, {"project", project}}) {
            if (named[1] != null && !BIGQUERY_PROJECT.matcher(named[1]).matches()) {
                throw invalid(named[0]);
            }
        }
        if (dataset != null && !BIGQUERY_DATASET.matcher(dataset).matches()) {
            throw invalid("dataset");
        }
        return new BigQueryTarget(billing, project == null ? billing : project, dataset);
    }

    /**
     * PgJDBC would run every statement of several (see {@link PostgresStatements}). The server's
     * {@code standard_conforming_strings} is not known yet: the query must be one statement
     * under either setting.
     */
    private static void requireSingleStatement(String sqlQuery) {
        String q = JdbcConnector.stripTerminator(sqlQuery);
        if (PostgresStatements.single(q, true).isEmpty() || PostgresStatements.single(q, false).isEmpty()) {
            throw new InvalidImportRequest("The sql_query parameter must be a single statement: "
                    + "nothing but comments may follow a semicolon");
        }
    }

    private static String host(String server, String label) {
        String s = server.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            if (IPV6.matcher(s).matches() && s.chars().filter(c -> c == ':').count() >= 2) {
                return s;
            }
            throw invalid(label);
        }
        if (!HOSTNAME.matcher(s).matches()) {
            throw invalid(label);
        }
        return s;
    }

    private static int port(String text, Provider provider) {
        if (text == null) {
            return provider.defaultPort();
        }
        try {
            int port = new BigDecimal(text.trim()).intValueExact();
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through
        }
        throw invalid("port");
    }

    /** A scalar value as text, or null when absent, null or blank. */
    private static String text(JsonNode parent, String key, String label) {
        String s = rawText(parent, key, label);
        return s == null || s.isBlank() ? null : s;
    }

    /** A scalar value as text (possibly empty), or null when absent or null. */
    private static String rawText(JsonNode parent, String key, String label) {
        JsonNode v = field(parent, key);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw invalid(label);
        }
        return v.asText();
    }

    /** The value of a key, matched case-insensitively as CARTO did. */
    private static JsonNode field(JsonNode parent, String key) {
        JsonNode exact = parent.get(key);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static InvalidImportRequest missing(List<String> names) {
        return new InvalidImportRequest("Missing required parameters: " + String.join(", ", names));
    }

    private static InvalidImportRequest invalid(String name) {
        return new InvalidImportRequest("Invalid parameters: " + name);
    }
}
