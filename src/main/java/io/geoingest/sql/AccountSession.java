package io.geoingest.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One transaction on a connection logged in as an account. Closing it rolls back whatever was not
 * committed and clears every trace of the session (settings, temporary tables, prepared
 * statements, advisory locks) with {@code DISCARD ALL}, so the next request of the account starts
 * clean; a connection that cannot be cleaned is thrown away. It does not commit a change to the
 * account's own role ({@link RoleChangeCheck}).
 */
public final class AccountSession implements AutoCloseable {
    private final HikariDataSource pool;
    private final Connection connection;
    private final RoleChangeCheck roleCheck;
    private final String role;
    private boolean committed;

    private AccountSession(HikariDataSource pool, Connection connection, RoleChangeCheck roleCheck, String role) {
        this.pool = pool;
        this.connection = connection;
        this.roleCheck = roleCheck;
        this.role = role;
    }

    /** A transaction on a connection of {@code pool}, logged in as {@code role}. */
    static AccountSession begin(HikariDataSource pool, Duration statementTimeout, RoleChangeCheck roleCheck,
                                String role) throws SQLException {
        Connection c = pool.getConnection();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
            }
            return new AccountSession(pool, c, roleCheck, role);
        } catch (SQLException | RuntimeException e) {
            pool.evictConnection(c);
            throw e;
        }
    }

    public Connection connection() {
        return connection;
    }

    public void commit() throws SQLException {
        roleCheck.requireUnchanged(connection, role);
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
