package io.geoingest.connectors.redshift;

import io.geoingest.connectors.PgJdbcConnector;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.connectors.redshift.*}.
 *
 * @param sslmode PgJDBC's sslmode for every Redshift import: {@code require} (default; clusters
 *                accept SSL), {@code prefer} or {@code disable}. Configuration only: the seed
 *                documents no {@code sslmode} for Redshift requests, and a request must not be
 *                able to turn encryption off
 */
@ConfigurationProperties("geoingest.connectors.redshift")
public record RedshiftProperties(@DefaultValue("require") String sslmode) {

    public RedshiftProperties {
        if (!PgJdbcConnector.SSL_MODES.contains(sslmode)) {
            throw new IllegalArgumentException("geoingest.connectors.redshift.sslmode must be one of "
                    + PgJdbcConnector.SSL_MODES + ": " + sslmode);
        }
    }
}
