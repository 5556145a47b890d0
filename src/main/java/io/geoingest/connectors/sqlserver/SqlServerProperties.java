package io.geoingest.connectors.sqlserver;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.connectors.sqlserver.*}: TLS for every SQL Server import (configuration only;
 * the seed documents no such request parameter).
 *
 * @param encrypt                {@code true} (default: TLS, the server's certificate validated
 *                               against the JVM's trust store and the server name),
 *                               {@code strict} (TDS 8, SQL Server 2022 and later) or
 *                               {@code false} (TLS for the login only, if the server allows it)
 * @param trustServerCertificate {@code false} (default); {@code true} accepts any certificate,
 *                               e.g. a self-signed one, leaving the connection open to
 *                               interception
 */
@ConfigurationProperties("geoingest.connectors.sqlserver")
public record SqlServerProperties(@DefaultValue("true") String encrypt,
                                  @DefaultValue("false") boolean trustServerCertificate) {
    private static final Set<String> ENCRYPT = Set.of("true", "false", "strict");

    public SqlServerProperties {
        if (!ENCRYPT.contains(encrypt)) {
            throw new IllegalArgumentException("geoingest.connectors.sqlserver.encrypt must be one of " + ENCRYPT
                    + ": " + encrypt);
        }
    }
}
