package io.geoingest.connectors;

import static io.geoingest.connectors.ConnectorFields.field;
import static io.geoingest.connectors.ConnectorFields.invalid;
import static io.geoingest.connectors.ConnectorFields.missing;
import static io.geoingest.connectors.ConnectorFields.rawText;
import static io.geoingest.connectors.ConnectorFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The request's {@code connection} object as every provider that connects reads it: which of its
 * fields are required, the provider's extras ({@code sslmode}, {@code warehouse}) and its default
 * port are the provider's own ({@link ProviderRequests#read}).
 *
 * @param node      the connection object, for the provider's extras
 * @param serverKey the key of the host (Redshift's documentation calls it {@code cluster})
 * @param server    the host as given, not yet checked ({@link #settings})
 * @param port      the port as given, not yet checked
 * @param password  as given, possibly empty
 */
public record ConnectionFields(JsonNode node, String serverKey, String server, String port, String database,
                               String username, String password) {

    /**
     * Reads the {@code connection} of {@code connector}; its host is under {@code serverKey},
     * else (when not null) under {@code otherServerKey}.
     */
    public static ConnectionFields read(JsonNode connector, String serverKey, String otherServerKey) {
        JsonNode connection = field(connector, "connection");
        if (connection == null || connection.isNull()) {
            throw missing(List.of("connection"));
        }
        if (!connection.isObject()) {
            throw invalid("connection");
        }
        String server = text(connection, serverKey, serverKey);
        if (server == null && otherServerKey != null) {
            server = text(connection, otherServerKey, otherServerKey);
        }
        return new ConnectionFields(connection, serverKey, server, text(connection, "port", "port"),
                text(connection, "database", "database"), text(connection, "username", "username"),
                rawText(connection, "password", "password"));
    }

    /** Refuses the connection, naming every one missing, without its host, user, or these when needed. */
    public ConnectionFields require(boolean databaseNeeded, boolean passwordNeeded) {
        List<String> missing = new ArrayList<>();
        if (server == null) {
            missing.add("connection." + serverKey);
        }
        if (database == null && databaseNeeded) {
            missing.add("connection.database");
        }
        if (username == null) {
            missing.add("connection.username");
        }
        if (password == null && passwordNeeded) {
            missing.add("connection.password");
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
        return this;
    }

    /** Another scalar of the connection object, as text, or null. */
    public String value(String key) {
        return ConnectorFields.text(node, key, key);
    }

    /** The checked settings: host (no URL syntax), port (else {@code defaultPort}), and the provider's extras. */
    public ConnectionSettings settings(int defaultPort, String sslmode, String warehouse) {
        return new ConnectionSettings(ConnectorFields.host(server, serverKey), ConnectorFields.port(port, defaultPort),
                database, username, password, sslmode, warehouse);
    }
}
