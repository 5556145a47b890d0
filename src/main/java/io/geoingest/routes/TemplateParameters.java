package io.geoingest.routes;

import io.geoingest.api.RequestParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.apache.camel.support.ExchangeHelper;

/**
 * The parameters of a route made from one of geoingest's templates, read from the route's
 * definition, their property placeholders ({@code {{env:PASSWORD}}}) resolved. The templates'
 * beans read them here, so that each template stays one thin route.
 */
record TemplateParameters(String template, String routeId, Map<String, String> values) {
    /** The prefix of geoingest's template ids. */
    static final String PREFIX = "geoingest-";
    /** What Camel may add to a templated route's parameters besides the template's own. */
    private static final Set<String> CAMEL_OWN = Set.of(RouteTemplateParameterSource.TEMPLATE_ID, "routeId",
            RouteTemplateParameterSource.LOCATION);

    /**
     * The parameters of a route made from a geoingest template; empty for any other route. Camel
     * keeps no template id on the route, so each template's description is its id, which routes
     * made from it inherit (a templated route cannot set its own).
     */
    static Optional<TemplateParameters> of(CamelContext camel, String routeId, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || !route.isCreatedFromTemplate()
                || route.getRouteTemplateContext() == null || route.getDescription() == null
                || !route.getDescription().startsWith(PREFIX)) {
            return Optional.empty();
        }
        // The context's parameters are the ones given (and defaults), without the spellings
        // (camelCase, dashed) Camel adds to the route's own map.
        Map<String, String> values = new LinkedHashMap<>();
        route.getRouteTemplateContext().getParameters().forEach((name, value) -> {
            if (!CAMEL_OWN.contains(name) && value != null) {
                values.put(name, camel.resolvePropertyPlaceholders(value.toString()));
            }
        });
        return Optional.of(new TemplateParameters(route.getDescription(), routeId, values));
    }

    /**
     * The parameters of the templated route this exchange is at: not the one it came from, which
     * is the integrator's own route when that route sends to the template's {@code direct:}.
     */
    static TemplateParameters of(Exchange exchange) {
        CamelContext camel = exchange.getContext();
        String routeId = ExchangeHelper.getAtRouteId(exchange);
        RouteDefinition route = camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition(routeId);
        return of(camel, routeId, route).orElseThrow(() -> new IllegalStateException("route " + routeId
                + " was not made from a geoingest route template"));
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Route " + routeId + " (template " + template + "): the parameter "
                    + name + " is empty");
        }
        return value;
    }

    /** The parameters as the Import and Synchronizations APIs read theirs. */
    RequestParams params() {
        return RequestParams.of(values);
    }
}
