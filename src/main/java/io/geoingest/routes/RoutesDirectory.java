package io.geoingest.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.spring.boot.CamelConfigurationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds {@code geoingest.routes.dir} to the routes Camel loads at start, when it is a directory:
 * Camel fails its start on a {@code file:} pattern whose directory is missing, and a service
 * with no integrator routes must start all the same. Camel reads the patterns once every bean
 * exists (on the context refresh), after this one.
 */
@Component
class RoutesDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RoutesDirectory.class);

    RoutesDirectory(CamelConfigurationProperties camel, RoutesProperties properties) {
        Path dir = properties.dir().toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            camel.getMain().setRoutesIncludePattern(camel.getMain().getRoutesIncludePattern()
                    + ",file:" + dir + "/*.camel.yaml");
            LOG.info("integrator routes: {}/*.camel.yaml", dir);
        } else {
            LOG.info("integrator routes: none ({} is not a directory)", dir);
        }
    }
}
