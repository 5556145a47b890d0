package io.geoingest.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads a file written into {@code geoingest.routes.dir} while the service runs: the routes that
 * file made before are stopped and removed, then the file is loaded again. Camel's own route
 * reload (camel.main.routes-reload-*) is not used: in Camel 4.17 it does not load files of
 * templated routes again, and by default removes every other route.
 */
@Component
public class RoutesReload {
    private static final Logger LOG = LoggerFactory.getLogger(RoutesReload.class);
    private static final String SUFFIX = ".camel.yaml";

    private final CamelContext camel;

    RoutesReload(CamelContext camel, RoutesProperties properties) throws Exception {
        this.camel = camel;
        if (properties.reload() && Files.isDirectory(properties.dir())) {
            FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(properties.dir().toString());
            watcher.setFileFilter(f -> f.getName().endsWith(SUFFIX));
            watcher.setResourceReload((name, resource) -> reload(resource));
            camel.addService(watcher);
        }
    }

    /** Replaces the routes of this file with what it holds now; a file that fails to load leaves none. */
    public void reload(Resource resource) throws Exception {
        Path file = location(resource.getLocation());
        for (Route route : List.copyOf(camel.getRoutes())) {
            if (route.getSourceLocation() != null && file.equals(location(route.getSourceLocation()))) {
                camel.getRouteController().stopRoute(route.getRouteId());
                camel.removeRoute(route.getRouteId());
            }
        }
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            LOG.info("routes of {} loaded again", file);
        } catch (Exception e) {
            LOG.error("routes of {} refused: {}", file, e.getMessage());
            throw e;
        }
    }

    private static Path location(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Path.of(path).toAbsolutePath().normalize();
    }
}
