package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.api.ApiTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route templates instantiated through Camel's own API: an instance missing a required
 * parameter is refused, naming it, and leaves no route behind. (Same configuration as the API
 * tests, so it runs in their cached context.)
 */
class RouteTemplateParametersTest extends ApiTestSupport {
    @Autowired
    private CamelContext camel;

    // The route ids name no parameter, so the message can only match through the refusal's reason.
    @Test
    void anImportWithoutAnAccountIsRefusedNamingIt() {
        String id = unique("refused").replace('_', '-');
        assertThatThrownBy(() -> TemplatedRouteBuilder.builder(camel, "geoingest-import").routeId(id)
                .parameter("name", id).parameter("url", "http://127.0.0.1:9/never.csv").add())
                .hasStackTraceContaining("mandatory parameters must be provided: account");
        assertThat(camel.getRoute(id)).isNull();
    }

    @Test
    void aCopySinkWithoutATableIsRefusedNamingIt() {
        String id = unique("refused").replace('_', '-');
        assertThatThrownBy(() -> TemplatedRouteBuilder.builder(camel, "geoingest-copy-sink").routeId(id)
                .parameter("name", id).parameter("account", "alice").add())
                .hasStackTraceContaining("mandatory parameters must be provided: table");
        assertThat(camel.getRoute(id)).isNull();
    }
}
