package io.geoingest.sql;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A SQL API request that failed: answered with this status and {@code {"error": [message]}},
 * as CARTO's SQL API does. PostgreSQL's own message is passed on; permission errors are 403, an
 * account using all its connections 429.
 */
public class SqlFailure extends RuntimeException {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final int status;

    public SqlFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    public static SqlFailure of(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            // The account's pool stayed full for Hikari's connection timeout.
            return new SqlFailure(429, "Too many SQL API requests of this account at once; try again later");
        }
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        return new SqlFailure(INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) ? 403 : 400, message);
    }

    public int status() {
        return status;
    }
}
