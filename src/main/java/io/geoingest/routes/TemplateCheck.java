package io.geoingest.routes;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.springframework.stereotype.Component;

/**
 * Refuses a route made from a geoingest template with a parameter the template does not declare
 * (a misspelt {@code urll}), naming it, before anything is made: Camel itself refuses only a
 * missing required one, and the template's bean ({@link TemplateRoute#check}) the rest. A
 * configurer of each geoingest template, set as the template is added.
 */
@Component
class TemplateCheck implements ModelLifecycleStrategy {
    /** The prefix of geoingest's public templates' ids. */
    static final String PREFIX = "geoingest-";
    /** What Camel may add to a route's parameters besides those given. */
    private static final Set<String> CAMEL_OWN = Set.of(RouteTemplateParameterSource.TEMPLATE_ID, "routeId",
            RouteTemplateParameterSource.LOCATION);

    TemplateCheck(CamelContext camel) {
        camel.getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(this);
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
        if (template.getId() == null || !template.getId().startsWith(PREFIX)) {
            return;
        }
        Set<String> known = template.getTemplateParameters().stream().map(p -> p.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Consumer<RouteTemplateContext> before = template.getConfigurer();
        template.configure(route -> {
            Set<String> unknown = new TreeSet<>(route.getParameters().keySet());
            unknown.removeAll(known);
            unknown.removeAll(CAMEL_OWN);
            if (!unknown.isEmpty()) {
                Object name = route.getParameters().get("name");
                throw new IllegalArgumentException((name == null ? "A route" : "Route " + name) + ": template "
                        + template.getId() + " has no parameter " + String.join(", ", unknown) + " (it has " + known
                        + ")");
            }
            if (before != null) {
                before.accept(route);
            }
        });
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
    }
}
