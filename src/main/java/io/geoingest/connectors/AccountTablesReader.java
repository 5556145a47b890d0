package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.TableSource;
import io.geoingest.sources.SourceAddressPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a query over an account's own tables (the Import API's {@code sql} and
 * {@code table_copy}) exactly as the {@code postgres} connector reads a remote one: one
 * statement, described first, streamed through a cursor ({@code geoingest.connectors.fetch-size}
 * rows per round trip) in a read-only transaction, geometry chosen and transformed to 4326,
 * types mapped the same way. The session is the caller's, logged in as the account's role.
 *
 * <p>Unlike a remote query it has no row limit (the data is already the account's), and a
 * result with two columns of one name cannot become a table (8003, as CARTO's
 * {@code CREATE TABLE AS} refused it).
 */
public final class AccountTablesReader extends PgJdbcConnector {
    /** PostgreSQL's, for the request's settings only: the session is open, no server is contacted. */
    private static final int POSTGRES_PORT = 5432;

    public AccountTablesReader(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses) {
        super(Provider.POSTGRES, properties, imports, addresses);
    }

    @Override
    protected String sslmode(ConnectorRequest request) {
        return "disable";
    }

    /**
     * Streams {@code query}'s rows as a source named {@code name}, on {@code conn} (a session
     * of the account's role, which the source owns and closes).
     *
     * @throws ImportException 1011 when the query fails, 8003 with duplicate column names,
     *                         2004 with too many columns
     */
    public TableSource read(Connection conn, String name, String query, String role) {
        try {
            startSession(conn);
        } catch (SQLException e) {
            JdbcTableSource.closeAll(null, null, conn, true);
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION, "Could not start the query's session: "
                    + e.getMessage(), e);
        }
        // Only for the shared steps: no server is contacted, the session is already open.
        ConnectorRequest request = new ConnectorRequest(Provider.POSTGRES,
                new ConnectionSettings("localhost", POSTGRES_PORT, null, role, null, null, null),
                null, null, query, name, null, null);
        return open(request, conn);
    }

    @Override
    protected int maxRows() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected List<SourceColumn> describe(Connection conn, String query) throws SQLException {
        List<SourceColumn> columns = super.describe(conn, query);
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new LinkedHashSet<>();
        for (SourceColumn c : columns) {
            if (!seen.add(c.name())) {
                duplicated.add(c.name());
            }
        }
        if (!duplicated.isEmpty()) {
            throw new ImportException(ErrorCode.QUERY_TABLE, "The query's result has more than one column named "
                    + String.join(", ", duplicated) + "; name each column once");
        }
        return columns;
    }
}
