package io.geoingest.connectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A validated {@code connector} request for a database provider, as {@link ConnectorRequestParser}
 * builds it. Values are kept as the user gave them (after defaults), so that {@link #toJson()}
 * gives back CARTO's own {@code connector} object.
 *
 * <p>The legacy form where {@code table} names the result of {@code sql_query} is normalised:
 * {@link #table()} is then null and {@link #importAs()} holds that name.
 *
 * <p>Jackson reads and writes it as that JSON object ({@link #toJsonNode()}, {@link #fromJson(JsonNode)}),
 * password included: it is what a sync needs to run again. Use {@link #withoutPassword()} for
 * anything shown to users or logged; {@link #toString()} never shows the password.
 *
 * @param provider   the database kind
 * @param connection where and as whom to connect; null for BigQuery, whose credentials come
 *                   from configuration, never from the request
 * @param schema     the remote schema as given, or null (see {@link #remoteSchema()})
 * @param table      the remote table to import, or null for a query
 * @param sqlQuery   the query to run remotely, or null for a table
 * @param importAs   the name of the result, or null (see {@link #name()})
 * @param encoding   MySQL, SQL Server and Hive: the PostgreSQL name of the character set the
 *                   remote text is stored in, as given, or null (see {@link #charset()})
 * @param bigquery   BigQuery only: the projects and dataset; null for the other providers
 */
public record ConnectorRequest(Provider provider, ConnectionSettings connection, String schema, String table,
                               String sqlQuery, String importAs, String encoding, BigQueryTarget bigquery) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConnectorRequest {
        Objects.requireNonNull(provider, "provider");
        boolean connects = provider.requests().connects();
        if ((connection == null) == connects || (bigquery != null) == connects) {
            throw new IllegalArgumentException("BigQuery takes projects and no connection; the others a connection");
        }
        if ((table == null) == (sqlQuery == null)) {
            throw new IllegalArgumentException("exactly one of table and sql_query is needed");
        }
        if (sqlQuery != null && importAs == null) {
            throw new IllegalArgumentException("a sql_query needs import_as");
        }
        if (encoding != null && Encodings.forPostgresName(encoding).isEmpty()) {
            throw new IllegalArgumentException("unknown encoding " + encoding);
        }
    }

    /**
     * The providers of seed 001, by the id a request names. Each reads, checks and defaults its
     * own part of a request ({@link #requests()}, in the provider's package).
     */
    public enum Provider {
        MYSQL("mysql"),
        POSTGRES("postgres"),
        SQLSERVER("sqlserver"),
        HIVE("hive"),
        BIGQUERY("bigquery"),
        REDSHIFT("redshift"),
        SNOWFLAKE("snowflake");

        private final String id;

        Provider(String id) {
            this.id = id;
        }

        /** The {@code provider} value of the request. */
        public String id() {
            return id;
        }

        /** How this provider reads its part of a request: its package's {@link ProviderRequests}. */
        public ProviderRequests requests() {
            return Registered.REQUESTS.get(this);
        }

        /** The provider with this id (case-insensitive), if it is one this service can read. */
        public static Optional<Provider> of(String id) {
            if (id == null) {
                return Optional.empty();
            }
            String wanted = id.trim().toLowerCase(Locale.ROOT);
            for (Provider p : values()) {
                if (p.id.equals(wanted)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        /** Each provider's {@link ProviderRequests}, as its package declares it (loaded at first use). */
        private static final class Registered {
            static final Map<Provider, ProviderRequests> REQUESTS = load();

            private static Map<Provider, ProviderRequests> load() {
                Map<Provider, ProviderRequests> found = new EnumMap<>(Provider.class);
                for (ProviderRequests r : ServiceLoader.load(ProviderRequests.class, ProviderRequests.class.getClassLoader())) {
                    if (found.put(r.provider(), r) != null) {
                        throw new IllegalStateException("two ProviderRequests for " + r.provider().id());
                    }
                }
                for (Provider p : values()) {
                    if (!found.containsKey(p)) {
                        throw new IllegalStateException("no ProviderRequests for " + p.id()
                                + " in META-INF/services/" + ProviderRequests.class.getName());
                    }
                }
                return found;
            }
        }
    }

    /**
     * The {@code connection} object.
     *
     * @param server   host name or IP address (validated: no URL syntax can get through)
     * @param port     TCP port (the provider's default when not given)
     * @param database the remote database; may be null for MySQL
     * @param username the remote user
     * @param password the remote password; null when not given (allowed for PostgreSQL) or removed
     * @param sslmode  PostgreSQL only: {@code require} (default), {@code prefer} or {@code disable}; null otherwise
     * @param warehouse Snowflake only, optional: the warehouse to run the query in
     */
    public record ConnectionSettings(String server, int port, String database, String username, String password,
                                     String sslmode, String warehouse) {

        public ConnectionSettings {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(username, "username");
        }

        public ConnectionSettings withoutPassword() {
            return new ConnectionSettings(server, port, database, username, null, sslmode, warehouse);
        }

        ObjectNode toJsonNode(Provider provider) {
            ObjectNode n = JSON.createObjectNode();
            // Redshift's documentation calls the server "cluster".
            n.put(provider.requests().serverKey(), server);
            n.put("port", port);
            putIfPresent(n, "database", database);
            n.put("username", username);
            putIfPresent(n, "password", password);
            putIfPresent(n, "sslmode", sslmode);
            putIfPresent(n, "warehouse", warehouse);
            return n;
        }

        @Override
        public String toString() {
            return "ConnectionSettings" + withoutPassword().toJsonNode(Provider.POSTGRES);
        }
    }

    /**
     * BigQuery's addressing: queries run (and are billed) in {@code billingProject}; a table is
     * {@code project.dataset.table}.
     *
     * @param billingProject the project that runs the queries
     * @param project        the project holding the table (defaults to the billing project)
     * @param dataset        the table's dataset; null for a query
     */
    public record BigQueryTarget(String billingProject, String project, String dataset) {
        public BigQueryTarget {
            Objects.requireNonNull(billingProject, "billing_project");
            Objects.requireNonNull(project, "project");
        }
    }

    /** The remote schema: the given one, else the provider's default (for MySQL the database; may be null). */
    public String remoteSchema() {
        if (schema != null) {
            return schema;
        }
        return provider.requests().defaultSchema(this);
    }

    /** The name the imported table should get (before normalisation): import_as, else the remote table. */
    public String name() {
        return importAs != null ? importAs : table;
    }

    public boolean isQuery() {
        return sqlQuery != null;
    }

    /** The Java character set of {@link #encoding()}, or null when none was given. */
    public Charset charset() {
        return encoding == null ? null : Encodings.forPostgresName(encoding).orElseThrow();
    }

    /** A copy for display: the same request with no password. */
    public ConnectorRequest withoutPassword() {
        return new ConnectorRequest(provider, connection == null ? null : connection.withoutPassword(), schema, table,
                sqlQuery, importAs, encoding, bigquery);
    }

    /** CARTO's {@code connector} object for this request, password included when present. */
    @JsonValue
    public ObjectNode toJsonNode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("provider", provider.id());
        if (connection != null) {
            n.set("connection", connection.toJsonNode(provider));
        }
        if (bigquery != null) {
            n.put("billing_project", bigquery.billingProject());
            n.put("project", bigquery.project());
            putIfPresent(n, "dataset", bigquery.dataset());
        }
        putIfPresent(n, "schema", schema);
        putIfPresent(n, "table", table);
        putIfPresent(n, "sql_query", sqlQuery);
        putIfPresent(n, "import_as", importAs);
        putIfPresent(n, "encoding", encoding);
        return n;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and validates a {@code connector} object; throws {@link io.geoingest.kernel.InvalidImportRequest}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ConnectorRequest fromJson(JsonNode connector) {
        return new ConnectorRequestParser().parse(connector);
    }

    public static ConnectorRequest fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public String toString() {
        return "ConnectorRequest" + withoutPassword().toJsonNode();
    }

    private static void putIfPresent(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }
}
