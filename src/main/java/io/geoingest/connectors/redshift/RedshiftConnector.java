package io.geoingest.connectors.redshift;

import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.PgJdbcConnector;
import io.geoingest.connectors.SourceColumn;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.sources.SourceAddressPolicy;
import org.springframework.stereotype.Component;

/**
 * The {@code redshift} connector. Redshift speaks PostgreSQL's protocol: PgJDBC reads it as it
 * reads PostgreSQL ({@link PgJdbcConnector}: URL {@code jdbc:postgresql://<cluster>:<port>/<db>},
 * cursor fetch in a {@code BEGIN READ ONLY} transaction, one-statement {@code sql_query},
 * {@code GEOMETRY}/{@code GEOGRAPHY} columns through {@code ST_AsEWKB}/{@code ST_Transform}).
 * Differences: SSL comes from {@code geoingest.connectors.redshift.sslmode}, not the request;
 * no {@code SET SESSION CHARACTERISTICS} (deprecated in Redshift), only the read-only
 * transaction; {@code VARBYTE} columns are skipped like {@code bytea}. PgJDBC talks to Redshift
 * as to a PostgreSQL 8.0 server (its reported version), which keeps it to startup parameters
 * Redshift accepts.
 */
@Component
public class RedshiftConnector extends PgJdbcConnector {
    private final RedshiftProperties redshift;

    public RedshiftConnector(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses,
                             RedshiftProperties redshift) {
        super(Provider.REDSHIFT, properties, imports, addresses);
        this.redshift = redshift;
    }

    @Override
    protected String sslmode(ConnectorRequest request) {
        return redshift.sslmode();
    }

    @Override
    protected boolean unsupported(SourceColumn column) {
        return super.unsupported(column) || column.baseTypeName().equals("varbyte");
    }
}
