package io.geoingest.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One transaction on a connection logged in as an account. Closing it rolls back whatever was not
 * committed and clears every trace of the session (settings, temporary tables, prepared
 * statements, advisory locks) with {@code DISCARD ALL}, so the next request of the account starts
 * clean; a connection that cannot be cleaned is thrown away. It does not commit a change to the
 * account's own role ({@link RoleSettings}).
 */
public final class AccountSession implements AutoCloseable {
    private final HikariDataSource pool;
    private final Connection connection;
    private final RoleSettings role;
    private boolean committed;

    private AccountSession(HikariDataSource pool, Connection connection, RoleSettings role) {
        this.pool = pool;
        this.connection = connection;
        this.role = role;
    }

    static AccountSession begin(HikariDataSource pool, Duration statementTimeout) throws SQLException {
        Connection c = pool.getConnection();
        try {
            c.setAutoCommit(false);
            // One round trip: the timeout, and the role as the transaction starts.
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_catalog.set_config('statement_timeout', '"
                         + statementTimeout.toMillis() + "', true), " + RoleSettings.SNAPSHOT)) {
                rs.next();
                return new AccountSession(pool, c, new RoleSettings(rs.getString(2)));
            }
        } catch (SQLException | RuntimeException e) {
            pool.evictConnection(c);
            throw e;
        }
    }

    public Connection connection() {
        return connection;
    }

    public void commit() throws SQLException {
        role.requireUnchanged(connection);
        connection.commit();
        committed = true;
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("DISCARD ALL");
            }
            connection.close();
        } catch (SQLException | RuntimeException e) {
            pool.evictConnection(connection);
        }
    }
}
