package io.geoingest.connectors.postgres;

import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.PgJdbcConnector;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.sources.SourceAddressPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * The {@code postgres} connector (PgJDBC; what it shares with Redshift is in {@link PgJdbcConnector}).
 * The request's {@code connection.sslmode} chooses SSL ({@code require} by default), and the
 * session itself is made read-only besides each transaction.
 */
@Component
public class PostgresConnector extends PgJdbcConnector {

    public PostgresConnector(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses) {
        super(Provider.POSTGRES, properties, imports, addresses);
    }

    @Override
    protected String sslmode(ConnectorRequest request) {
        return request.connection().sslmode() == null ? "require" : request.connection().sslmode();
    }

    /**
     * Read-only for the session too, not only for the transactions PgJDBC begins: a
     * transaction that is somehow ended early cannot be followed by a writing one.
     */
    @Override
    protected void configure(Connection conn) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        }
        super.configure(conn);
    }
}
