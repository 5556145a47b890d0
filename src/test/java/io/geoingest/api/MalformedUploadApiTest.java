package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * A malformed upload answers 400 (413 past the size limit) in the CARTO error shape, with no
 * stack trace, on every path of the Import API, and leaves nothing in the work dir's spool.
 */
@TestPropertySource(properties = {"geoingest.imports.work-dir=${java.io.tmpdir}/geoingest-test-malformed-upload",
        "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=2MB"})
class MalformedUploadApiTest extends ApiTestSupport {
    private static final String CSV = "name,value\na,1\nb,2\n";

    private final HttpClient client = HttpClient.newHttpClient();

    private static String part(String boundary) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + CSV + "\r\n--" + boundary + "--\r\n";
    }

    private JsonNode post(String path, String contentType, byte[] body, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path + "?api_key=" + ALICE_KEY)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(answer.body()).doesNotContain("Exception", "\tat ", "trace");
        JsonNode json = this.json.readTree(answer.body());
        assertThat(json.path("errors").path("imports").isTextual()).as(answer.body()).isTrue();
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("errors").size()).isEqualTo(1);
        assertNothingSpooled();
        return json;
    }

    private static void assertNothingSpooled() throws IOException, InterruptedException {
        Path incoming = Path.of(System.getProperty("java.io.tmpdir"), "geoingest-test-malformed-upload", "incoming");
        for (int i = 0; ; i++) {
            List<Path> left;
            try (Stream<Path> files = Files.exists(incoming) ? Files.walk(incoming) : Stream.empty()) {
                left = files.filter(Files::isRegularFile).toList();
            }
            if (left.isEmpty()) {
                return;
            }
            if (i == 50) {
                assertThat(left).as("spool files left in %s", incoming).isEmpty();
            }
            Thread.sleep(100);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/api/v1/imports/", "/user/alice/api/v1/imports",
            "/user/alice/api/v1/imports/"})
    void aMultipartWithoutBoundaryIs400(String path) throws Exception {
        post(path, "multipart/form-data", part("xyz").getBytes(StandardCharsets.UTF_8), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/user/alice/api/v1/imports/"})
    void aBoundaryTheBodyDoesNotUseIs400(String path) throws Exception {
        post(path, "multipart/form-data; boundary=other", part("xyz").getBytes(StandardCharsets.UTF_8), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/user/alice/api/v1/imports/"})
    void anEmptyBoundaryIs400(String path) throws Exception {
        post(path, "multipart/form-data; boundary=", part("").getBytes(StandardCharsets.UTF_8), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/api/v1/imports/", "/user/alice/api/v1/imports"})
    void aBodyEndingMidPartIs400(String path) throws Exception {
        String whole = part("xyz");
        byte[] cut = whole.substring(0, whole.indexOf("b,2")).getBytes(StandardCharsets.UTF_8);
        post(path, "multipart/form-data; boundary=xyz", cut, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/user/alice/api/v1/imports/"})
    void aJsonBodyLabelledMultipartIs400(String path) throws Exception {
        post(path, "multipart/form-data; boundary=xyz",
                "{\"url\": \"http://example.com/a.csv\"}".getBytes(StandardCharsets.UTF_8), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/user/alice/api/v1/imports/"})
    void aMultipartLabelledJsonIs400(String path) throws Exception {
        post(path, "application/json", part("xyz").getBytes(StandardCharsets.UTF_8), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/imports", "/user/alice/api/v1/imports/"})
    void anUploadOverTheLimitIs413(String path) throws Exception {
        String head = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nname,value\n";
        StringBuilder body = new StringBuilder(head);
        while (body.length() < 3 * 1024 * 1024) {
            body.append("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,123456\n");
        }
        body.append("\r\n--xyz--\r\n");
        post(path, "multipart/form-data; boundary=xyz", body.toString().getBytes(StandardCharsets.UTF_8), 413);
    }
}
