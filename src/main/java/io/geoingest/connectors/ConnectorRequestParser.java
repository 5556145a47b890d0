package io.geoingest.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.imports.InvalidImportRequest;
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
 * as strings or numbers; an empty string counts as absent. Required: {@code provider};
 * {@code connection.server} and {@code connection.username}; {@code connection.database} for
 * PostgreSQL (for MySQL only when a table is imported and no {@code schema} names the
 * database); {@code connection.password} for MySQL (PostgreSQL servers may trust the user, as
 * in CARTO). Then {@code table} or {@code sql_query}: a table may be renamed by
 * {@code import_as}; a query needs {@code import_as} (or, deprecated, {@code table} as its
 * name); {@code table} together with {@code sql_query} and {@code import_as} is refused; a
 * PostgreSQL {@code sql_query} must be a single statement.
 * Providers other than {@code mysql} and {@code postgres} (CARTO also documented sqlserver,
 * hive, bigquery, redshift and snowflake) answer "Provider not supported: X".
 */
@Component
public class ConnectorRequestParser {

    private static final Set<String> SSL_MODES = Set.of("require", "prefer", "disable");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

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

        JsonNode connection = field(connector, "connection");
        if (connection == null || connection.isNull()) {
            throw missing(List.of("connection"));
        }
        if (!connection.isObject()) {
            throw invalid("connection");
        }
        String server = text(connection, "server", "server");
        String portText = text(connection, "port", "port");
        String database = text(connection, "database", "database");
        String username = text(connection, "username", "username");
        String password = rawText(connection, "password", "password");
        String schema = text(connector, "schema", "schema");
        String table = text(connector, "table", "table");
        String sqlQuery = text(connector, "sql_query", "sql_query");
        String importAs = text(connector, "import_as", "import_as");

        List<String> missing = new ArrayList<>();
        if (server == null) {
            missing.add("connection.server");
        }
        boolean databaseNeeded = provider == Provider.POSTGRES || (sqlQuery == null && schema == null);
        if (database == null && databaseNeeded) {
            missing.add("connection.database");
        }
        if (username == null) {
            missing.add("connection.username");
        }
        if (password == null && provider == Provider.MYSQL) {
            missing.add("connection.password");
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }

        String host = host(server);
        int port = port(portText, provider);
        String sslmode = null;
        String encoding = null;
        if (provider == Provider.POSTGRES) {
            String given = text(connection, "sslmode", "sslmode");
            sslmode = given == null ? "require" : given.trim().toLowerCase(Locale.ROOT);
            if (!SSL_MODES.contains(sslmode)) {
                throw invalid("sslmode");
            }
        } else {
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
        if (sqlQuery != null && provider == Provider.POSTGRES) {
            requireSingleStatement(sqlQuery);
        }

        ConnectionSettings settings = new ConnectionSettings(host, port, database, username, password, sslmode);
        return new ConnectorRequest(provider, settings, schema, table, sqlQuery, importAs, encoding);
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

    private static String host(String server) {
        String s = server.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            if (IPV6.matcher(s).matches() && s.chars().filter(c -> c == ':').count() >= 2) {
                return s;
            }
            throw invalid("server");
        }
        if (!HOSTNAME.matcher(s).matches()) {
            throw invalid("server");
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
