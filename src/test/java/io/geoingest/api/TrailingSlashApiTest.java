package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route answers the same with and without a trailing slash, with and without the
 * {@code /user/{username}} prefix, for every method it has: CARTO's documentation writes
 * {@code /api/v1/imports/?api_key=...} and the Python SDK calls {@code /api/v1/viz/}.
 */
class TrailingSlashApiTest extends ApiTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteAnswersTheSameWithATrailingSlash() throws Exception {
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("io.geoingest")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replace("{username}", "alice").replace("{provider}", "mysql")
                        .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                    String plain = status(m, path);
                    String slashed = status(m, path + "/");
                    assertThat(plain).as("%s %s", m, path).isNotEqualTo("no route");
                    assertThat(slashed).as("%s %s/ (without the slash: %s)", m, path, plain).isEqualTo(plain);
                    checked.add(m + " " + pattern);
                }
            }
        });
        assertThat(checked).contains("POST /api/v1/imports", "GET /user/{username}/api/v1/imports/{id}",
                "DELETE /api/v1/viz/{id}", "POST /api/v2/sql/copyfrom");
    }

    @Test
    void anUploadToTheSeedsSlashedPathBecomesATable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String table = unique("slashed");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve(table + ".csv"), "name,lat,lon\nA,40.4,-3.7\n");
        org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
        form.add("file", new org.springframework.core.io.FileSystemResource(file));
        var answer = http.postForEntity(url("/user/alice/api/v1/imports/?api_key=" + ALICE_KEY), form,
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        String id = answer.getBody().get("item_queue_id").asText();
        var done = http.getForEntity(url("/api/v1/imports/" + id + "/?api_key=" + ALICE_KEY),
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(done.getStatusCode().value()).isEqualTo(200);
        assertThat(done.getBody().get("id").asText()).isEqualTo(id);
    }

    /** The status, or "no route" for a 404 of Spring's own (a path nothing maps). */
    private String status(RequestMethod method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(path + "?api_key=" + ALICE_KEY)))
                    .method(method.name(), HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 404 && r.body().contains("\"path\":") ? "no route" : String.valueOf(r.statusCode());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }
}
