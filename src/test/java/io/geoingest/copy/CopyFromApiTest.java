package io.geoingest.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.sql.SqlApiTestSupport;
import io.geoingest.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKBReader;

/**
 * {@code POST /api/v2/sql/copyfrom}: the seed's workflow as its curl examples send it, gzip,
 * chunked and sized bodies, and every way an upload can fail, each leaving the table as it was.
 */
class CopyFromApiTest extends SqlApiTestSupport {
    private static final String SEED_COPY = "COPY+upload_example+(the_geom,+name,+age)+FROM+STDIN+WITH+(FORMAT+csv,+HEADER+true)";

    static byte[] resource(String name) throws IOException {
        try (InputStream in = CopyFromApiTest.class.getResourceAsStream("/copy/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A table made and cartodbfied through the query endpoint, as the seed does. */
    String uploadTable(String key, String name) throws Exception {
        sqlOk(key, "DROP TABLE IF EXISTS " + name);
        sqlOk(key, "CREATE TABLE " + name + " (the_geom geometry, name text, age integer)");
        sqlOk(key, "SELECT CDB_CartodbfyTable('" + name + "')");
        return name;
    }

    String copySql(String table) {
        return "COPY " + table + " (the_geom, name, age) FROM STDIN WITH (FORMAT csv, HEADER true)";
    }

    /** n rows of the seed's shape, with its header line. */
    static byte[] csvRows(int n) {
        StringBuilder sb = new StringBuilder("the_geom,name,age\n");
        for (int i = 1; i <= n; i++) {
            sb.append("SRID=4326;POINT(").append(i % 360 - 180).append(' ').append(i % 170 - 85).append("),row ")
                    .append(i).append(',').append(i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    long count(String schema, String table) throws Exception {
        return (Long) scalar("SELECT count(*) FROM " + schema + "." + table);
    }

    @Test
    void seedWorkflowEndToEndAsItsCurlExamplesSendIt() throws Exception {
        uploadTable(ALICE_KEY, "upload_example");
        assertThat(columns("alice", "upload_example")).containsEntry("cartodb_id", "bigint")
                .containsEntry("the_geom", "geometry(Geometry,4326)")
                .containsEntry("the_geom_webmercator", "geometry(Geometry,3857)");

        // curl -X POST -H "Transfer-Encoding: chunked" -H "Content-Type: application/octet-stream" --data-binary @...
        byte[] csv = resource("upload_example.csv");
        Answer up = post("/api/v2/sql/copyfrom?api_key=" + ALICE_KEY + "&q=" + SEED_COPY,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(csv)),
                "Content-Type", "application/octet-stream");
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        assertThat(up.json().get("total_rows").asLong()).isEqualTo(3);
        assertThat(up.json().get("time").isNumber()).isTrue();

        // The same file gzip-compressed, with Content-Encoding: gzip.
        Answer gz = post("/api/v2/sql/copyfrom?api_key=" + ALICE_KEY + "&q=" + SEED_COPY,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(gzipUnchecked(csv))),
                "Content-Type", "application/octet-stream", "Content-Encoding", "gzip");
        assertThat(gz.status()).as(gz.text()).isEqualTo(200);
        assertThat(gz.json().get("total_rows").asLong()).isEqualTo(3);

        // The seed's file with swapped columns and its COPY (lower-case stdin, a trailing semicolon).
        Answer swapped = copyFrom(ALICE_KEY, "COPY upload_example (the_geom, age, name) FROM stdin WITH (FORMAT csv, HEADER true);",
                resource("upload_example_swapped.csv"));
        assertThat(swapped.status()).as(swapped.text()).isEqualTo(200);

        assertThat(rows("SELECT cartodb_id, name, age, ST_AsText(the_geom) AS g FROM alice.upload_example ORDER BY cartodb_id"))
                .extracting(r -> r.get("cartodb_id") + " " + r.get("name") + " " + r.get("age") + " " + r.get("g"))
                .containsExactly("1 North West 89 POINT(-126 54)", "2 South East 99 POINT(-96 34)",
                        "3 Souther Easter 124 POINT(-6 -25)", "4 North West 89 POINT(-126 54)",
                        "5 South East 99 POINT(-96 34)", "6 Souther Easter 124 POINT(-6 -25)",
                        "7 North West 89 POINT(-126 54)", "8 South East 99 POINT(-96 34)",
                        "9 Souther Easter 124 POINT(-6 -25)");
        // The trigger CDB_CartodbfyTable installed filled the web-mercator geometry.
        assertThat(scalar("SELECT count(*) FROM alice.upload_example"
                + " WHERE ST_DWithin(the_geom_webmercator, ST_Transform(the_geom, 3857), 1e-6)")).isEqualTo(9L);

        // curl --compressed "https://.../copyto?q=COPY+upload_example+(the_geom,name,age)+TO+stdout+WITH(FORMAT+csv,HEADER+true)&api_key=..."
        HttpResponse<byte[]> down = client.send(HttpRequest.newBuilder(URI.create(url(
                        "/api/v2/sql/copyto?q=COPY+upload_example+(the_geom,name,age)+TO+stdout+WITH(FORMAT+csv,HEADER+true)&api_key="
                                + ALICE_KEY))).header("Accept-Encoding", "deflate, gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(down.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=carto-sql-copyto.dmp");
        String[] lines = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(down.body()))
                .readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(10);
        assertThat(lines[0]).isEqualTo("the_geom,name,age");
        String[] first = lines[1].split(",");
        assertThat(new WKBReader().read(WKBReader.hexToBytes(first[0])).toText()).isEqualTo("POINT (-126 54)");
        assertThat(Arrays.copyOfRange(first, 1, 3)).containsExactly("North West", "89");
        awaitConnectionsReturned("alice");
    }

    private static byte[] gzipUnchecked(byte[] data) {
        try {
            return gzip(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a2016RowCsvChunkedAndSized() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("rows2016"));
        byte[] csv = csvRows(2016);
        Answer chunked = copyFromChunked(ALICE_KEY, copySql(table), csv);
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(200);
        assertThat(chunked.json().get("total_rows").asLong()).isEqualTo(2016);
        Answer sized = copyFrom(ALICE_KEY, copySql(table), csv);
        assertThat(sized.json().get("total_rows").asLong()).isEqualTo(2016);
        assertThat(count("alice", table)).isEqualTo(4032L);
        assertThat(scalar("SELECT count(*) FROM alice." + table + " WHERE the_geom_webmercator IS NULL")).isEqualTo(0L);
        assertThat(scalar("SELECT count(DISTINCT cartodb_id) FROM alice." + table)).isEqualTo(4032L);
    }

    @Test
    void aLargeChunkedGzipBodyStreams() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("large"));
        byte[] csv = csvRows(100_000);
        Answer a = copyFromChunked(ALICE_KEY, copySql(table), gzip(csv), "Content-Encoding", "gzip");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("total_rows").asLong()).isEqualTo(100_000);
        assertThat(count("alice", table)).isEqualTo(100_000L);
    }

    @Test
    void curlsDefaultFormContentTypeLeavesTheBodyToCopy() throws Exception {
        // curl --data-binary without -H Content-Type sends application/x-www-form-urlencoded.
        String table = uploadTable(ALICE_KEY, unique("form"));
        Answer a = copyFrom(ALICE_KEY, copySql(table), resource("upload_example.csv"),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("total_rows").asLong()).isEqualTo(3);
        Answer json = copyFrom(ALICE_KEY, copySql(table), resource("upload_example.csv"), "Content-Type", "application/json");
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(count("alice", table)).isEqualTo(6L);
    }

    @Test
    void theKeyComesFromTheQueryStringOrBasicAuthNeverFromTheBody() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("keys"));
        // Its bad twin: a key only in a form body is not read (the body is data), so 401.
        Answer inBody = post("/api/v2/sql/copyfrom?q=" + enc(copySql(table)),
                HttpRequest.BodyPublishers.ofString("api_key=" + ALICE_KEY), "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(inBody.status()).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + ALICE_KEY).getBytes(StandardCharsets.UTF_8));
        Answer viaBasic = post("/user/alice/api/v2/sql/copyfrom?q=" + enc(copySql(table)),
                HttpRequest.BodyPublishers.ofByteArray(resource("upload_example.csv")), "Authorization", basic);
        assertThat(viaBasic.status()).as(viaBasic.text()).isEqualTo(200);
        Answer otherUser = post("/user/bob/api/v2/sql/copyfrom?api_key=" + ALICE_KEY + "&q=" + enc(copySql(table)),
                HttpRequest.BodyPublishers.ofByteArray(resource("upload_example.csv")));
        assertThat(otherUser.status()).isEqualTo(401);
        assertThat(count("alice", table)).isEqualTo(3L);
    }

    @Test
    void wrongTableWrongColumnsAndBadRowsAreDatabaseErrorsAndKeepNothing() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("errors"));
        Answer noTable = copyFrom(ALICE_KEY, "COPY no_such_table (a) FROM STDIN", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noTable.status()).isEqualTo(400);
        assertThat(noTable.error()).isEqualTo("relation \"no_such_table\" does not exist");

        Answer noColumn = copyFrom(ALICE_KEY, "COPY " + table + " (nope) FROM STDIN WITH (FORMAT csv)",
                "1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.error()).contains("column \"nope\"");

        // 500 good rows, then one with a column too many: the good ones are not kept either.
        byte[] good = csvRows(500);
        byte[] bad = (new String(good, StandardCharsets.UTF_8) + "SRID=4326;POINT(1 1),x,1,extra\n").getBytes(StandardCharsets.UTF_8);
        Answer extra = copyFromChunked(ALICE_KEY, copySql(table), bad);
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.error()).isEqualTo("extra data after last expected column");

        Answer notANumber = copyFrom(ALICE_KEY, copySql(table),
                "the_geom,name,age\nSRID=4326;POINT(1 1),x,old\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notANumber.error()).contains("invalid input syntax for type integer");

        Answer badGeometry = copyFrom(ALICE_KEY, copySql(table),
                "the_geom,name,age\nPOINT(1,x,1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badGeometry.status()).isEqualTo(400);

        Answer empty = copyFrom(ALICE_KEY, copySql(table), new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("No rows copied");
        assertThat(count("alice", table)).isZero();
        awaitConnectionsReturned("alice");
    }

    @Test
    void missingOrNonCopyOrUnsafeStatementsAreRefusedBeforeTheDatabase() throws Exception {
        byte[] body = resource("upload_example.csv");
        assertThat(copyFrom(ALICE_KEY, null, body).error()).isEqualTo("SQL is missing");
        assertThat(copyFrom(ALICE_KEY, "  ", body).error()).isEqualTo("SQL is missing");
        Answer select = copyFrom(ALICE_KEY, "SELECT 1", body);
        assertThat(select.status()).isEqualTo(400);
        assertThat(select.error()).isEqualTo("SQL must start with COPY");
        assertThat(copyFrom(ALICE_KEY, "DROP TABLE upload_example", body).error()).isEqualTo("SQL must start with COPY");
        assertThat(copyFrom(ALICE_KEY, "COPY t FROM '/etc/passwd'", body).error()).contains("never a server file");
        assertThat(copyFrom(ALICE_KEY, "COPY t FROM PROGRAM 'id'", body).error()).contains("PROGRAM is not allowed");
        assertThat(copyFrom(ALICE_KEY, "COPY t TO STDOUT", body).error()).contains("COPY ... FROM STDIN");
        assertThat(copyFrom(ALICE_KEY, "COPY t FROM STDIN; DROP TABLE t", body).error()).contains("Only one SQL statement");
        assertThat(copyFrom(ALICE_KEY, "COPY (SELECT 1) FROM STDIN", body).error()).contains("not a (query)");
        assertThat(copyFrom(ALICE_KEY, "COPY t FROM STDIN WITH (FORMAT 'csv", body).error()).contains("Unterminated");
    }

    @Test
    void corruptTruncatedOrFakeGzipIsAGunzipErrorAndKeepsNothing() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("gz"));
        byte[] good = gzip(csvRows(5000));
        byte[] corrupt = good.clone();
        for (int i = 40; i < 80; i++) {
            corrupt[i] ^= 0x5a;
        }
        Answer a = copyFromChunked(ALICE_KEY, copySql(table), corrupt, "Content-Encoding", "gzip");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).startsWith("Error while gunzipping: ");

        Answer truncated = copyFrom(ALICE_KEY, copySql(table), Arrays.copyOf(good, good.length / 2),
                "Content-Encoding", "gzip");
        assertThat(truncated.error()).startsWith("Error while gunzipping: ");

        Answer notGzip = copyFrom(ALICE_KEY, copySql(table), resource("upload_example.csv"), "Content-Encoding", "gzip");
        assertThat(notGzip.error()).isEqualTo("Error while gunzipping: Not in GZIP format");

        // An empty gzip body: GZIPInputStream's EOFException has no message of its own.
        Answer empty = copyFrom(ALICE_KEY, copySql(table), new byte[0], "Content-Encoding", "gzip");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("Error while gunzipping: unexpected end of file");

        Answer brotli = copyFrom(ALICE_KEY, copySql(table), resource("upload_example.csv"), "Content-Encoding", "br");
        assertThat(brotli.status()).isEqualTo(400);
        assertThat(brotli.error()).contains("Unsupported Content-Encoding");
        assertThat(count("alice", table)).isZero();
        awaitConnectionsReturned("alice");
    }

    @Test
    void aClientDisconnectingMidUploadLeavesZeroRowsAndNoConnection() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("cut"));
        String q = copySql(table);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v2/sql/copyfrom?api_key=" + ALICE_KEY + "&q=" + enc(q) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] part = csvRows(3000);
            out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitRunningCopy("geoingest_alice");
            // Closing without the last chunk: the server sees the body end early.
        }
        awaitConnectionsReturned("alice");
        assertThat(count("alice", table)).isZero();
        // The account is still served.
        assertThat(copyFrom(ALICE_KEY, q, resource("upload_example.csv")).status()).isEqualTo(200);
    }

    /** Waits until the server runs a COPY for this role: the upload is under way. */
    private void awaitRunningCopy(String role) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Long.valueOf(1).equals(scalar("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role
                + "' AND datname = '" + TestDatabases.accountDatabase("alice") + "' AND state = 'active' AND query LIKE 'COPY%'"))) {
            assertThat(Instant.now()).as("a COPY running for %s", role).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void oneAccountCannotLoadIntoAnothersTable() throws Exception {
        String table = uploadTable(ALICE_KEY, unique("mine"));
        Answer a = copyFrom(BOB_KEY, "COPY alice." + table + " (the_geom, name, age) FROM STDIN WITH (FORMAT csv, HEADER true)",
                resource("upload_example.csv"));
        // Another account's tables are in another database: not even their names are in reach.
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("schema \"alice\" does not exist");
        assertThat(count("alice", table)).isZero();
    }
}
