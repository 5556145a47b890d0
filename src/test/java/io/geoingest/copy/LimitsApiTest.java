package io.geoingest.copy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.geoingest.sql.SqlApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The SQL API's limits, configured small: COPY FROM's body size (counted as received), the
 * per-account database quota, and the query timeout apart from COPY's.
 */
@TestPropertySource(properties = {
    "geoingest.sql.copy-max-body-size=64KB",
    "geoingest.sql.query-timeout=1s",
    // A list is bound from one source only: all the accounts are listed here.
    "geoingest.accounts[0].username=alice",
    "geoingest.accounts[0].api-key=alice-secret-key",
    "geoingest.accounts[1].username=bob",
    "geoingest.accounts[1].api-key=bob-secret-key",
    "geoingest.accounts[2].username=carol",
    "geoingest.accounts[2].api-key=carol-secret-key",
    "geoingest.accounts[3].username=dave",
    "geoingest.accounts[3].api-key=dave-secret-key",
    "geoingest.sql.db-quota.carol=400KB",
    // Another quota account, for tests that need its schema under quota when they start (the
    // rolled-back rows of carol's test keep their disk space).
    "geoingest.sql.db-quota.dave=400KB",
    // With DispatcherServlet at DEBUG (set by the test that needs it), it logs every parameter,
    // so asks the request for its parameter map.
    "spring.mvc.log-request-details=true",
})
// A second service in the test JVM: closed after this class, giving its connections back.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LimitsApiTest extends SqlApiTestSupport {
    private static final String CAROL_KEY = "carol-secret-key";
    private static final String DAVE_KEY = "dave-secret-key";

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
    void theQuotaCannotBeFooledByTheAccountsOwnCatalogLookalikes() throws Exception {
        String table = table(DAVE_KEY, "fooled");
        // Exact type match: found before pg_catalog's pg_total_relation_size(regclass) on the search path.
        sqlOk(DAVE_KEY, "CREATE FUNCTION dave.pg_total_relation_size(oid) RETURNS bigint AS 'SELECT 0::bigint' LANGUAGE sql");
        sqlOk(DAVE_KEY, "CREATE FUNCTION dave.never(name, varchar) RETURNS boolean AS 'SELECT false' LANGUAGE sql");
        sqlOk(DAVE_KEY, "CREATE OPERATOR dave.= (LEFTARG = name, RIGHTARG = varchar, FUNCTION = dave.never)");
        try {
            assertThat(sqlOk(DAVE_KEY, "SELECT pg_total_relation_size(oid) AS size FROM pg_class LIMIT 1")
                    .get("rows").get(0).get("size").asLong()).isZero();
            // ~300 KB of CSV, under what the quota leaves for the stream, but well over it once a table.
            Answer copied = copyFrom(DAVE_KEY, copy(table), CopyFromApiTest.gzip(repeated(8000)), "Content-Encoding", "gzip");
            assertThat(copied.status()).as(copied.text()).isEqualTo(400);
            assertThat(copied.error()).isEqualTo("DB Quota exceeded");
            Answer inserted = sql(DAVE_KEY, "INSERT INTO " + table + " (name) SELECT repeat('x', 100) FROM generate_series(1, 20000)");
            assertThat(inserted.error()).isEqualTo("DB Quota exceeded");
            // COPY TO can write too.
            HttpResponse<byte[]> copyTo = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key="
                    + DAVE_KEY + "&q=" + enc("COPY (INSERT INTO " + table + " (name) SELECT repeat('x', 100)"
                    + " FROM generate_series(1, 20000) RETURNING 1) TO STDOUT")))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(copyTo.statusCode()).isNotEqualTo(200);
            assertThat(scalar("SELECT count(*) FROM dave." + table)).isEqualTo(0L);
        } finally {
            // Dropped first: the space of the rolled-back rows keeps the schema over its quota.
            sqlOk(DAVE_KEY, "DROP TABLE " + table);
            sqlOk(DAVE_KEY, "DROP OPERATOR dave.= (name, varchar)");
            sqlOk(DAVE_KEY, "DROP FUNCTION dave.never(name, varchar)");
            sqlOk(DAVE_KEY, "DROP FUNCTION dave.pg_total_relation_size(oid)");
        }
        awaitConnectionsReturned("dave");
    }

    @Test
    void aSecondGzipMemberPastTheSizeLimitKeepsNothing() throws Exception {
        String table = table(ALICE_KEY, "members");
        // A small first member, then the header of a second whose file name runs past the limit:
        // GZIPInputStream reads that header while probing for a next member and takes any I/O
        // error there for the end of the data.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(CopyFromApiTest.gzip(repeated(10)));
        body.write(new byte[] {0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, (byte) 0xff});
        body.write("a".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        Answer sized = copyFrom(ALICE_KEY, copy(table), body.toByteArray(), "Content-Encoding", "gzip");
        assertThat(sized.status()).as(sized.text()).isEqualTo(400);
        assertThat(sized.error()).isEqualTo("COPY FROM maximum POST size of 64 KB exceeded");
        Answer chunked = copyFromChunked(ALICE_KEY, copy(table), body.toByteArray(), "Content-Encoding", "gzip");
        assertThat(chunked.error()).isEqualTo("COPY FROM maximum POST size of 64 KB exceeded");
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(0L);
        awaitConnectionsReturned("alice");
    }

    @Test
    void aFormBodyStaysDataEvenWhenTheRequestIsLoggedWithItsParameters() throws Exception {
        // The request details hold the api_key: they are caught here, never reaching a log that the
        // secret scan (LogSecretsScan) reads, nor leaving DEBUG on for the test contexts that follow.
        try (RequestDetails details = new RequestDetails()) {
            loadsFormBodies();
            assertThat(details.lines()).anyMatch(line -> line.contains("/api/v2/sql/copyfrom")
                    && line.contains("api_key"));
        }
    }

    /** DispatcherServlet's request logging at DEBUG, kept in memory for the length of a test. */
    private static final class RequestDetails implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger(DispatcherServlet.class);
        private final ListAppender<ILoggingEvent> events = new ListAppender<>();
        private final Level level = logger.getLevel();
        private final boolean additive = logger.isAdditive();

        RequestDetails() {
            events.start();
            logger.addAppender(events);
            logger.setAdditive(false);
            logger.setLevel(Level.DEBUG);
        }

        List<String> lines() {
            return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.setLevel(level);
            logger.setAdditive(additive);
            logger.detachAppender(events);
        }
    }

    private void loadsFormBodies() throws Exception {
        String table = table(ALICE_KEY, "formlog");
        String sql = "COPY " + table + " (the_geom, name, age) FROM STDIN WITH (FORMAT csv, HEADER true)";
        byte[] csv = ("the_geom,name,age\n" + "SRID=4326;POINT(1 2),the same row,7\n".repeat(50))
                .getBytes(StandardCharsets.UTF_8);
        // curl --data-binary without -H Content-Type sends application/x-www-form-urlencoded.
        Answer sized = copyFrom(ALICE_KEY, sql, csv, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(sized.status()).as(sized.text()).isEqualTo(200);
        assertThat(sized.json().get("total_rows").asLong()).isEqualTo(50);
        Answer chunked = copyFromChunked(ALICE_KEY, sql, csv, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(200);
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(100L);

        // multipart/form-data would be parsed (and spooled) by the multipart resolver: refused.
        String boundary = "geoingestboundary";
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + new String(csv, StandardCharsets.UTF_8) + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Answer parts = copyFrom(ALICE_KEY, sql, multipart, "Content-Type", "multipart/form-data; boundary=" + boundary);
        assertThat(parts.status()).as(parts.text()).isEqualTo(400);
        assertThat(parts.error()).contains("multipart");
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(100L);
        awaitConnectionsReturned("alice");
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
