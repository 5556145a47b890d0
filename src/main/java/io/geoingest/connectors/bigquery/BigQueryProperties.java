package io.geoingest.connectors.bigquery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.connectors.bigquery.*}: how the BigQuery connector reaches Google. Credentials
 * are the service's, never the request's.
 *
 * @param credentialsFile a service-account JSON key; unset: Application Default Credentials,
 *                        or none at all when {@code endpoint} is set
 * @param endpoint        root URL of the BigQuery REST API instead of Google's (an emulator or
 *                        a test fake), e.g. {@code http://127.0.0.1:9050}
 * @param pageSize        rows asked for per page; memory holds one page (BigQuery also caps a
 *                        page at about 10 MB)
 * @param timeout         the longest one step may take: a query job (BigQuery cancels it
 *                        after this), one HTTP answer, and the retries of a request that
 *                        failed for a transient reason
 * @param allowedProjects the projects requests may name as {@code billing_project} or
 *                        {@code project}; empty: any the credentials reach. Every account uses
 *                        the service's credentials, so this (and the service account's own
 *                        permissions, which also bound what a {@code sql_query} reads) is what
 *                        keeps accounts to the data meant for them
 */
@ConfigurationProperties("geoingest.connectors.bigquery")
public record BigQueryProperties(Path credentialsFile,
                                 URI endpoint,
                                 @DefaultValue("10000") int pageSize,
                                 @DefaultValue("10m") Duration timeout,
                                 @DefaultValue List<String> allowedProjects) {

    public BigQueryProperties {
        allowedProjects = allowedProjects == null ? List.of() : List.copyOf(allowedProjects);
        if (pageSize < 1) {
            throw new IllegalArgumentException("geoingest.connectors.bigquery.page-size must be at least 1");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("geoingest.connectors.bigquery.timeout must be positive");
        }
        if (endpoint != null && (!endpoint.isAbsolute() || endpoint.getHost() == null
                || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
            throw new IllegalArgumentException("geoingest.connectors.bigquery.endpoint must be an http(s) URL");
        }
    }
}
