package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.Provider;
import java.time.Duration;
import java.util.Map;
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
 * @param maxRows        when set, rows read per connector import at most, for every provider
 *                       without its own {@code providers.<id>.max-rows}; else the seed's limit
 *                       (1,000,000; 5,000,000 for bigquery, snowflake, redshift). A longer result
 *                       is truncated to exactly this many rows with the warning
 *                       {@code max_rows_per_connection}
 * @param fetchSize      rows PostgreSQL and Redshift send per cursor round trip
 * @param providers      per provider id ({@code mysql}, {@code bigquery}, ...): {@code enabled}
 *                       (default true; a disabled provider answers 1501) and {@code max-rows}
 */
@ConfigurationProperties("geoingest.connectors")
public record ConnectorProperties(@DefaultValue("10s") Duration connectTimeout,
                                  @DefaultValue("30m") Duration socketTimeout,
                                  Integer maxRows,
                                  @DefaultValue("10000") int fetchSize,
                                  @DefaultValue Map<String, ProviderSettings> providers) {

    public ConnectorProperties {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("geoingest.connectors.connect-timeout must be positive");
        }
        if (socketTimeout == null || socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("geoingest.connectors.socket-timeout must be positive");
        }
        if (maxRows != null && maxRows < 1) {
            throw new IllegalArgumentException("geoingest.connectors.max-rows must be at least 1");
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("geoingest.connectors.fetch-size must be at least 1");
        }
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        for (Map.Entry<String, ProviderSettings> e : providers.entrySet()) {
            if (Provider.of(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("geoingest.connectors.providers: unknown provider " + e.getKey());
            }
            if (e.getValue().maxRows() != null && e.getValue().maxRows() < 1) {
                throw new IllegalArgumentException("geoingest.connectors.providers." + e.getKey()
                        + ".max-rows must be at least 1");
            }
        }
    }

    /** One provider's settings; unset values take the defaults. */
    public record ProviderSettings(Boolean enabled, Integer maxRows) {
    }

    /** The defaults, as Spring binds them without configuration. */
    public static ConnectorProperties defaults() {
        return new ConnectorProperties(Duration.ofSeconds(10), Duration.ofMinutes(30), null, 10_000, Map.of());
    }

    /** The most rows one import of this provider reads. */
    public int maxRows(Provider provider) {
        ProviderSettings own = providers.get(provider.id());
        if (own != null && own.maxRows() != null) {
            return own.maxRows();
        }
        return maxRows != null ? maxRows : provider.requests().defaultMaxRows();
    }

    public boolean enabled(Provider provider) {
        ProviderSettings own = providers.get(provider.id());
        return own == null || own.enabled() == null || own.enabled();
    }
}
