package io.geoingest.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.sql.SqlApiTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The SQL API's limits, configured small: COPY FROM's body size (counted as received), the
 * per-account database quota, and the query timeout apart from COPY's.
 */
@TestPropertySource(properties = {
    "geoingest.sql.copy-max-body-size=64KB",
    "geoingest.sql.query-timeout=1s",
    // A list is bound from one source only: all three accounts are listed here.
    "geoingest.accounts[0].username=alice",
    "geoingest.accounts[0].api-key=alice-secret-key",
    "geoingest.accounts[1].username=bob",
    "geoingest.accounts[1].api-key=bob-secret-key",
    "geoingest.accounts[2].username=carol",
    "geoingest.accounts[2].api-key=carol-secret-key",
    "geoingest.sql.db-quota.carol=400KB",
})
// A second service in the test JVM: closed after this class, giving its connections back.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LimitsApiTest extends SqlApiTestSupport {
    private static final String CAROL_KEY = "carol-secret-key";

    private String table(String key, String prefix) throws Exception {
        String table = unique(prefix);
        sqlOk(key, "CREATE TABLE " + table + " (the_geom geometry, name text, age integer)");
        sqlOk(key, "SELECT CDB_CartodbfyTable('" + table + "')");
        return table;
    }

    private static String copy(String table) {
        return "COPY " + table + " (the_geom, name, age) FROM STDIN WITH (FORMAT csv)";
    }

    /** The same row n times: large once decompressed, tiny gzip-compressed. */
    private static byte[] repeated(int n) {
        return "SRID=4326;POINT(1 2),the same row,7\n".repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyOverTheSizeLimitKeepsNothing() throws Exception {
        String table = table(ALICE_KEY, "big");
        Answer sized = copyFrom(ALICE_KEY, copy(table), repeated(3000));
        assertThat(sized.status()).isEqualTo(400);
        assertThat(sized.error()).isEqualTo("COPY FROM maximum POST size of 64 KB exceeded");
        Answer chunked = copyFromChunked(ALICE_KEY, copy(table), repeated(3000));
        assertThat(chunked.error()).isEqualTo("COPY FROM maximum POST size of 64 KB exceeded");
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(0L);
        awaitConnectionsReturned("alice");
        // Its good twins: just under the limit; and a gzip body small as received though large once expanded.
        assertThat(copyFrom(ALICE_KEY, copy(table), repeated(1800)).status()).isEqualTo(200);
        Answer gz = copyFrom(ALICE_KEY, copy(table), CopyFromApiTest.gzip(repeated(30_000)), "Content-Encoding", "gzip");
        assertThat(gz.status()).as(gz.text()).isEqualTo(200);
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(31_800L);
    }

    @Test
    void theDatabaseQuotaRollsBackWhatWouldExceedIt() throws Exception {
        String table = table(CAROL_KEY, "quota");
        assertThat(copyFrom(CAROL_KEY, copy(table), repeated(100)).status()).isEqualTo(200);
        byte[] huge = CopyFromApiTest.gzip(repeated(60_000));
        Answer streamed = copyFrom(CAROL_KEY, copy(table), huge, "Content-Encoding", "gzip");
        assertThat(streamed.status()).isEqualTo(400);
        assertThat(streamed.error()).isEqualTo("DB Quota exceeded");
        Answer inserted = sql(CAROL_KEY, "INSERT INTO " + table + " (name) SELECT repeat('x', 100) FROM generate_series(1, 20000)");
        assertThat(inserted.status()).isEqualTo(400);
        assertThat(inserted.error()).isEqualTo("DB Quota exceeded");
        assertThat(scalar("SELECT count(*) FROM carol." + table)).isEqualTo(100L);
        // Accounts without a quota have none.
        String mine = table(ALICE_KEY, "noquota");
        assertThat(sqlOk(ALICE_KEY, "INSERT INTO " + mine + " (name) SELECT repeat('x', 100) FROM generate_series(1, 20000)")
                .get("total_rows").asLong()).isEqualTo(20_000);
        awaitConnectionsReturned("carol");
    }

    @Test
    void queriesTimeOutButCopiesHaveTheirOwnTimeout() throws Exception {
        Answer slow = sql(ALICE_KEY, "SELECT pg_sleep(3)");
        assertThat(slow.status()).isEqualTo(400);
        assertThat(slow.error()).isEqualTo("canceling statement due to statement timeout");
        HttpResponse<byte[]> copy = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key="
                + ALICE_KEY + "&q=" + enc("COPY (SELECT pg_sleep(1.5), 'done') TO STDOUT")))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(new String(copy.body(), StandardCharsets.UTF_8)).isEqualTo("\tdone\n");
        awaitConnectionsReturned("alice");
    }
}
