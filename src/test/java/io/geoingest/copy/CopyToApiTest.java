package io.geoingest.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.sql.SqlApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@code GET|POST /api/v2/sql/copyto}: streamed downloads, their headers, and their failures. */
class CopyToApiTest extends SqlApiTestSupport {

    private HttpResponse<byte[]> copyTo(String key, String q, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key=" + key + "&q=" + enc(q))));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return client.send(r.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void copiesTheResultOfAQuery() throws Exception {
        HttpResponse<byte[]> r = copyTo(ALICE_KEY,
                "COPY (SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 3) g) TO STDOUT WITH (FORMAT csv, HEADER true)");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("n,label\n1,row 1\n2,row 2\n3,row 3\n");
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=carto-sql-copyto.dmp");
        awaitConnectionsReturned("alice");
    }

    @Test
    void aTableAndItsColumnsTextAndBinaryFormats() throws Exception {
        String table = unique("out");
        sqlOk(ALICE_KEY, "CREATE TABLE " + table + " AS SELECT g AS id, 'n' || g AS name FROM generate_series(1, 2016) g");
        HttpResponse<byte[]> r = copyTo(ALICE_KEY, "COPY " + table + " (name) TO STDOUT");
        assertThat(text(r).split("\n")).hasSize(2016).startsWith("n1", "n2");
        HttpResponse<byte[]> binary = copyTo(ALICE_KEY, "COPY " + table + " TO STDOUT (FORMAT binary)");
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(new String(binary.body(), 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("PGCOPY");
    }

    @Test
    void gzipWhenAcceptedAndTheFilenameEncoded() throws Exception {
        String q = "COPY (SELECT repeat('x', 100) FROM generate_series(1, 1000)) TO STDOUT";
        HttpResponse<byte[]> gz = copyTo(ALICE_KEY, q, "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.body().length).isLessThan(10_000);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes()).hasSize(101_000);
        HttpResponse<byte[]> refused = copyTo(ALICE_KEY, q, "Accept-Encoding", "gzip;q=0, identity");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).hasSize(101_000);

        HttpResponse<byte[]> named = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key="
                + ALICE_KEY + "&q=" + enc(q) + "&filename=" + enc("my file\r\nSet-Cookie: x=1.csv")))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(named.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=my%20file%0D%0ASet-Cookie%3A%20x%3D1.csv");
        assertThat(named.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void postWithTheQueryInTheQueryStringOrTheForm() throws Exception {
        // The SDK switches to POST, q still in the query string, once q reaches 1024 characters.
        String q = "COPY (SELECT 1 AS one" + " ".repeat(1100) + ") TO STDOUT";
        HttpResponse<byte[]> inQuery = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key="
                + ALICE_KEY + "&q=" + enc(q)))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(text(inQuery)).isEqualTo("1\n");
        HttpResponse<byte[]> inForm = client.send(HttpRequest.newBuilder(URI.create(url("/user/alice/api/v2/sql/copyto")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api_key=" + ALICE_KEY + "&q=" + enc(q) + "&filename=one.csv"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(text(inForm)).isEqualTo("1\n");
        assertThat(inForm.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=one.csv");
    }

    @Test
    void errorsBeforeTheFirstByteAreJsonAnswers() throws Exception {
        HttpResponse<byte[]> noTable = copyTo(ALICE_KEY, "COPY no_such_table TO STDOUT", "Accept-Encoding", "gzip");
        assertThat(noTable.statusCode()).isEqualTo(400);
        assertThat(noTable.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(noTable.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(json.readTree(noTable.body()).get("error").get(0).asText())
                .isEqualTo("relation \"no_such_table\" does not exist");
        HttpResponse<byte[]> firstRow = copyTo(ALICE_KEY, "COPY (SELECT 1 / 0) TO STDOUT", "Accept-Encoding", "gzip");
        assertThat(firstRow.statusCode()).isEqualTo(400);
        assertThat(json.readTree(firstRow.body()).get("error").get(0).asText()).isEqualTo("division by zero");

        assertThat(copyTo(ALICE_KEY, "COPY t TO '/tmp/x'").statusCode()).isEqualTo(400);
        assertThat(text(copyTo(ALICE_KEY, "COPY t TO PROGRAM 'id'"))).contains("PROGRAM is not allowed");
        assertThat(text(copyTo(ALICE_KEY, "COPY t FROM STDIN"))).contains("COPY ... TO STDOUT");
        assertThat(text(copyTo(ALICE_KEY, "SELECT 1"))).contains("SQL must start with COPY");
        HttpResponse<byte[]> missing = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key="
                + ALICE_KEY))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(text(missing)).isEqualTo("{\"error\":[\"SQL is missing\"]}");
        awaitConnectionsReturned("alice");
    }

    @Test
    void aFailureAfterTheFirstBytesBreaksTheTransferOff() throws Exception {
        // Row 200,000 divides by zero, long after the first bytes went out.
        String q = "COPY (SELECT g, 1 / (g - 200000) FROM generate_series(1, 300000) g) TO STDOUT";
        assertThatThrownBy(() -> copyTo(ALICE_KEY, q)).isInstanceOf(IOException.class);
        awaitConnectionsReturned("alice");
    }

    @Test
    void aClientThatGoesAwayCancelsTheQueryAndReturnsTheConnection() throws Exception {
        String q = "COPY (SELECT g, repeat('x', 200) FROM generate_series(1, 200000000) g) TO STDOUT";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v2/sql/copyto?api_key=" + ALICE_KEY + "&q=" + enc(q) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(200_000)).hasSize(200_000);
        }
        awaitConnectionsReturned("alice");
    }
}
