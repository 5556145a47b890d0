package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * geoingest's public templates are declared as Apache Camel's Kamelets declare theirs: each
 * parameter typed, titled and described, a secret marked {@code format: password}, and every
 * parameter handed to the route's bean (none declared and then ignored, none used undeclared).
 */
class TemplateDeclarationsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([a-z_]+)[^}]*}}");

    @Test
    @SuppressWarnings("unchecked")
    void everyParameterIsTypedTitledDescribedAndUsed() throws IOException {
        List<Path> files = kamelets();
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder(
                "geoingest-copy-sink.kamelet.yaml", "geoingest-import.kamelet.yaml", "geoingest-sync.kamelet.yaml",
                "geoingest-watch-directory.kamelet.yaml");
        for (Path file : files) {
            Map<String, Object> kamelet = load(file);
            String id = (String) ((Map<String, Object>) kamelet.get("metadata")).get("name");
            assertThat(kamelet.get("kind")).isEqualTo("Kamelet");
            assertThat(file.getFileName().toString()).isEqualTo(id + ".kamelet.yaml");
            Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
            Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
            assertThat(definition).containsKeys("title", "description");
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition.get("properties");
            assertThat(properties.keySet()).as(id).containsAll((List<String>) definition.get("required"));
            properties.forEach((name, p) -> {
                assertThat(p).as("%s of %s", name, id).containsKeys("title", "description", "type");
                assertThat(p.get("type")).as("%s of %s", name, id).isIn("string", "integer", "boolean");
                if (name.contains("password")) {
                    assertThat(p).as("%s of %s", name, id).containsEntry("format", "password");
                }
            });
            // What the template's steps and its bean take: the declared parameters, all of them.
            Map<String, Object> template = (Map<String, Object>) spec.get("template");
            Set<String> used = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(new Yaml().dump(template));
            while (m.find()) {
                used.add(m.group(1));
            }
            used.remove("parameters"); // the local bean's own name
            assertThat(used).as("parameters %s uses", id).isEqualTo(new TreeSet<>(properties.keySet()));
            Map<String, Object> bean = ((List<Map<String, Object>>) template.get("beans")).get(0);
            assertThat(bean).containsEntry("type", "#class:" + TemplateRoute.class.getName())
                    .containsEntry("initMethod", "check");
            assertThat((Map<String, Object>) bean.get("properties")).containsEntry("template", id);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConnectorsPasswordIsAParameterOfItsOwn() throws IOException {
        for (String id : List.of("geoingest-import", "geoingest-sync")) {
            Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) load(
                    Path.of("routes", "templates", id + ".kamelet.yaml")).get("spec")).get("definition");
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition.get("properties");
            assertThat(properties).containsKeys("connector", "password");
            assertThat(properties.get("password")).containsEntry("format", "password");
        }
    }

    private static List<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes", "templates"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }
}
