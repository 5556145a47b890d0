package io.geoingest.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spring.boot.CamelConfigurationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Tells Camel which route files to load at start: geoingest's own ({@code routes/} on the class
 * path), each by its exact name, and {@code geoingest.routes.dir}'s when it is a directory.
 * <p>
 * Exact names, because Camel resolves each {@code classpath:} wildcard by reading every entry of
 * every jar nested in the service's jar: five patterns took 13 s of a 23 s start, during which
 * the API already answered but no import could run. Spring lists the files without that.
 * Camel fails its start on a {@code file:} pattern whose directory is missing, and a service with
 * no integrator routes must start all the same. Camel reads the patterns once every bean exists
 * (on the context refresh), after this one. {@code camel.main.routes-include-pattern} is this
 * class's: integrators' routes go in {@code geoingest.routes.dir}.
 */
@Component
class RoutesDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RoutesDirectory.class);
    private static final String BUILT_IN = "classpath:routes/";
    /** Routes, and the public templates, declared as Kamelets. */
    private static final List<String> ROUTE_FILES = List.of("*.camel.yaml", "*.kamelet.yaml");

    RoutesDirectory(CamelConfigurationProperties camel, RoutesProperties properties, ResourcePatternResolver resources) {
        List<String> patterns = new ArrayList<>(builtIn(resources));
        Path dir = properties.dir().toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            patterns.add("file:" + dir + "/*.camel.yaml");
            LOG.info("integrator routes: {}/*.camel.yaml", dir);
        } else {
            LOG.info("integrator routes: none ({} is not a directory)", dir);
        }
        camel.getMain().setRoutesIncludePattern(String.join(",", patterns));
    }

    /** A resource's URL with its %-escapes decoded: a directory and its files may escape alike characters differently. */
    private static String decoded(Resource r) throws IOException {
        return UriUtils.decode(r.getURL().toString(), StandardCharsets.UTF_8);
    }

    /** {@code classpath:routes/<path>} of every {@code *.camel.yaml} and {@code *.kamelet.yaml} below {@code routes/}. */
    private static List<String> builtIn(ResourcePatternResolver resources) {
        try {
            String root = decoded(resources.getResource(BUILT_IN));
            List<String> names = new ArrayList<>();
            for (String kind : ROUTE_FILES) {
                for (Resource r : resources.getResources(BUILT_IN + "**/" + kind)) {
                    String url = decoded(r);
                    if (!url.startsWith(root)) {
                        throw new IllegalStateException("route file outside " + root + ": " + url);
                    }
                    names.add(BUILT_IN + url.substring(root.length()));
                }
            }
            if (names.isEmpty()) {
                throw new IllegalStateException("no route files under " + root);
            }
            return names.stream().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
