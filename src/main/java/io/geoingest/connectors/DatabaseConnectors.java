package io.geoingest.connectors;

import io.geoingest.rows.TableSource;
import org.springframework.stereotype.Component;

/** Opens a {@link ConnectorRequest} with the connector of its provider. */
@Component
public class DatabaseConnectors {
    private final MysqlConnector mysql;
    private final PostgresConnector postgres;

    public DatabaseConnectors(MysqlConnector mysql, PostgresConnector postgres) {
        this.mysql = mysql;
        this.postgres = postgres;
    }

    /** See {@link JdbcConnector#open(ConnectorRequest)}. */
    public TableSource open(ConnectorRequest request) {
        return switch (request.provider()) {
            case MYSQL -> mysql.open(request);
            case POSTGRES -> postgres.open(request);
        };
    }
}
