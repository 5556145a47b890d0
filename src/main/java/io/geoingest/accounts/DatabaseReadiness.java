package io.geoingest.accounts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Before migrating, checks that the database answers and can provide PostGIS, so that the
 * service refuses to start with a clear message instead of a stack trace.
 */
@Component
public class DatabaseReadiness implements FlywayMigrationStrategy {
    private final DataSource dataSource;

    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void migrate(Flyway flyway) {
        check();
        flyway.migrate();
    }

    void check() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                throw new DatabaseNotReadyException("The database " + c.getMetaData().getURL()
                        + " lacks PostGIS: install it on the server (Debian: apt-get install postgresql-15-postgis-3)");
            }
        } catch (SQLException e) {
            throw new DatabaseNotReadyException("The database is unreachable: " + e.getMessage()
                    + " (check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD)");
        }
    }
}
