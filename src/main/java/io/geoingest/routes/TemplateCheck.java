package io.geoingest.routes;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Checks every route made from a geoingest template as Camel creates it: a misspelt parameter,
 * an unknown account, an interval below the minimum or a source the REST API would refuse fails
 * the route's creation with the reason, so the service does not start (or a reloaded file is
 * refused) and nothing is created. Camel itself refuses a missing required parameter.
 */
@Component
class TemplateCheck implements RoutePolicyFactory {
    private final TemplateRequests requests;

    TemplateCheck(TemplateRequests requests, CamelContext camel) {
        this.requests = requests;
        camel.addRoutePolicyFactory(this);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        TemplateParameters.of(camel, routeId, route).ifPresent(p -> {
            RouteTemplateDefinition template = camel.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteTemplateDefinition(p.template());
            Set<String> known = template.getTemplateParameters().stream().map(t -> t.getName())
                    .collect(Collectors.toSet());
            Set<String> unknown = new TreeSet<>(p.values().keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Route " + routeId + ": template " + p.template()
                        + " has no parameter " + String.join(", ", unknown) + " (it has " + new TreeSet<>(known) + ")");
            }
            requests.check(p);
        });
        return null;
    }
}
