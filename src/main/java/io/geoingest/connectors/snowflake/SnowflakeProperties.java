package io.geoingest.connectors.snowflake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code geoingest.connectors.snowflake.*}: how the Snowflake connector talks to Snowflake.
 *
 * @param ssl             HTTPS with certificate and revocation (OCSP, fail-open) checks, as the
 *                        driver does by default. {@code false} speaks plain HTTP, password
 *                        included: only for a local test endpoint, never for a real account
 * @param memoryLimit     memory for downloaded result chunks ({@code CLIENT_MEMORY_LIMIT}, whole
 *                        megabytes; the driver's default is 1536MB): the driver counts the chunks
 *                        of all Snowflake imports of this JVM against it before downloading more
 * @param prefetchThreads result chunks downloaded ahead of the rows being read, in parallel
 *                        ({@code CLIENT_PREFETCH_THREADS}; the driver's default is 4)
 */
@ConfigurationProperties("geoingest.connectors.snowflake")
public record SnowflakeProperties(@DefaultValue("true") boolean ssl,
                                  @DefaultValue("256MB") DataSize memoryLimit,
                                  @DefaultValue("2") int prefetchThreads) {

    public SnowflakeProperties {
        if (memoryLimit == null || memoryLimit.toMegabytes() < 1) {
            throw new IllegalArgumentException("geoingest.connectors.snowflake.memory-limit must be at least 1MB");
        }
        if (prefetchThreads < 1) {
            throw new IllegalArgumentException("geoingest.connectors.snowflake.prefetch-threads must be at least 1");
        }
    }
}
