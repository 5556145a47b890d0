package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document the service serves at /openapi.yaml is valid OpenAPI 3 and describes
 * every route of the real controllers, with every method, and nothing they lack.
 */
class OpenApiDocumentTest extends ApiTestSupport {
    /** The {@code /user/{username}} forms are the document's second server, not paths of their own. */
    private static final String USER_PREFIX = "/user/{username}";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private ResponseEntity<String> document() {
        return http.getForEntity(url("/openapi.yaml"), String.class);
    }

    private OpenAPI parsed() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document().getBody(), null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        return result.getOpenAPI();
    }

    @Test
    void isServedWithoutAKeyAndIsValidOpenApi3() {
        ResponseEntity<String> r = document();
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        OpenAPI api = parsed();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getServers()).extracting(s -> s.getUrl()).containsExactly("/", USER_PREFIX);
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("apiKey", "basic");
        assertThat(api.getComponents().getSecuritySchemes().get("apiKey").getName()).isEqualTo("api_key");
    }

    @Test
    void onlyItsExactPathIsPublic() {
        assertThat(http.getForEntity(url("/openapi.yaml/../api/v1/imports"), String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.getForEntity(url("/api/v1/imports?x=/openapi.yaml"), String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.exchange(url("/openapi.yaml"), HttpMethod.POST, null, String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.getForEntity(url("/user/alice/openapi.yaml"), String.class).getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void everyControllerRouteIsDocumentedWithItsMethodsAndNoOtherIs() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("io.geoingest")) {
                return; // Spring Boot's /error
            }
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods(info)) {
                    served.add(m.name() + " " + documentedPath(pattern));
                }
            }
        });
        assertThat(served).as("the controllers' routes").contains("POST /api/v1/imports", "POST /api/v2/sql/copyfrom");

        Set<String> documented = new TreeSet<>();
        parsed().getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(m -> documented.add(m.name() + " " + path)));

        assertThat(documented).isEqualTo(served);
    }

    private static List<RequestMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
        // A mapping without methods answers all of them: it would have to be documented as such.
        return declared.isEmpty() ? List.of(RequestMethod.values()) : new ArrayList<>(declared);
    }

    /** A pattern as the document writes it: without the user prefix (its server) or a trailing slash. */
    private static String documentedPath(String pattern) {
        String path = pattern.startsWith(USER_PREFIX + "/") ? pattern.substring(USER_PREFIX.length()) : pattern;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
