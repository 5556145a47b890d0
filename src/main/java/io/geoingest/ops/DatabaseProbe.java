package io.geoingest.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Asks the database for {@code SELECT 1} on a connection of its own, with short connect, login
 * and socket timeouts: the pool's connections may all be stuck on a dead server, and taking one
 * waits for the pool's 30 s connection timeout. Used from one thread at a time.
 */
@Component
public class DatabaseProbe implements AutoCloseable {
    private final DataSourceProperties dataSource;
    private final Properties connectionProperties = new Properties();
    private Connection connection;

    public DatabaseProbe(DataSourceProperties dataSource, HealthProperties health) {
        this.dataSource = dataSource;
        String seconds = String.valueOf(Math.max(1, (health.dbTimeout().toMillis() + 999) / 1000));
        connectionProperties.setProperty("user", dataSource.determineUsername());
        connectionProperties.setProperty("password", dataSource.determinePassword());
        connectionProperties.setProperty("connectTimeout", seconds);
        connectionProperties.setProperty("loginTimeout", seconds);
        connectionProperties.setProperty("socketTimeout", seconds);
        connectionProperties.setProperty("ApplicationName", "geoingest health probe");
    }

    /** Throws when the database does not answer; the connection is then dropped and made again next time. */
    public void check() throws SQLException {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(dataSource.determineUrl(), connectionProperties);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it was broken already
            }
            connection = null;
        }
    }
}
