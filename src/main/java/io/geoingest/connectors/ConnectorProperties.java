package io.geoingest.connectors;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.connectors.*}: how the database connectors reach remote servers.
 *
 * @param connectTimeout longest wait for the TCP connection and for the login (SSL handshake,
 *                       authentication) to a remote server
 * @param socketTimeout  longest wait for the remote server once connected (a query that takes
 *                       longer to produce its next rows fails with error 1011); for MySQL it is
 *                       also how long the server waits for us while streaming
 * @param maxRows        rows read per connector import at most; a longer result is truncated
 *                       to exactly this many rows with the warning {@code max_rows_per_connection}
 * @param fetchSize      rows PostgreSQL sends per cursor round trip (MySQL streams row by row)
 */
@ConfigurationProperties("geoingest.connectors")
public record ConnectorProperties(@DefaultValue("10s") Duration connectTimeout,
                                  @DefaultValue("30m") Duration socketTimeout,
                                  @DefaultValue("1000000") int maxRows,
                                  @DefaultValue("10000") int fetchSize) {

    public ConnectorProperties {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("geoingest.connectors.connect-timeout must be positive");
        }
        if (socketTimeout == null || socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("geoingest.connectors.socket-timeout must be positive");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("geoingest.connectors.max-rows must be at least 1");
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("geoingest.connectors.fetch-size must be at least 1");
        }
    }

    /** The defaults, as Spring binds them without configuration. */
    public static ConnectorProperties defaults() {
        return new ConnectorProperties(Duration.ofSeconds(10), Duration.ofMinutes(30), 1_000_000, 10_000);
    }
}
