package io.geoingest.routes;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.routes.*}: integrators' own routes.
 *
 * @param dir          the directory of their Camel YAML files ({@code *.camel.yaml}), loaded at
 *                     start (RoutesDirectory adds them to Camel's routes); missing or empty is fine
 * @param reload       whether a file written there while running replaces that file's routes
 * @param claimTimeout how long a replica's claim on a watched file holds: a replica that died
 *                     while handing a file over must not keep it from every other replica forever
 */
@ConfigurationProperties("geoingest.routes")
public record RoutesProperties(@DefaultValue("/etc/geoingest/routes") Path dir,
                               @DefaultValue("true") boolean reload,
                               @DefaultValue("1h") Duration claimTimeout) {
}
