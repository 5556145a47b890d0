package io.geoingest.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.health.*}.
 *
 * @param dbTimeout how long a health probe waits for the database check before answering DOWN;
 *                  the check's own connection (not the pool's) gives up connecting or waiting
 *                  for an answer after this long rounded up to whole seconds (PgJDBC counts in seconds)
 */
@ConfigurationProperties("geoingest.health")
public record HealthProperties(@DefaultValue("500ms") Duration dbTimeout) {
}
