package io.geoingest.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.metrics.*}.
 *
 * @param queryCache how long a gauge computed by a database query (sync lag, Quartz jobs waiting)
 *                   keeps its value, so that frequent scrapes cost one query per period
 */
@ConfigurationProperties("geoingest.metrics")
public record MetricsProperties(@DefaultValue("5s") Duration queryCache) {
}
