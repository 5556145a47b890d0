package io.geoingest.connectors.bigquery;

import static io.geoingest.connectors.bigquery.BigQueryTestSupport.BILLING;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.DATASET;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.PROJECT;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.allMessages;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.importFailure;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.query;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.readAll;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.connectors.bigquery.BigQueryTestSupport.Result;
import io.geoingest.connectors.bigquery.BigQueryTestSupport.Setup;
import io.geoingest.connectors.bigquery.FakeBigQuery.Data;
import io.geoingest.connectors.bigquery.FakeBigQuery.Field;
import io.geoingest.connectors.bigquery.FakeBigQuery.Rows;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures as the import record shows them: 1012 when BigQuery cannot be reached, refuses the
 * credentials or the billing project; 1011 for everything about the data (a table-level access
 * denial included). Messages never hold credentials.
 */
class BigQueryErrorsTest {
    private static final String SQL = "SELECT id FROM `data-proj.ds.t`";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FakeBigQuery fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeBigQuery();
        Data ids = new Data(List.of(Field.of("id", "INTEGER")),
                Rows.of(List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"))));
        fake.table(PROJECT, DATASET, "t", ids);
        fake.query(SQL, ids);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void listsTheDatasetsTablesAndAnUnknownDatasetIs1011() {
        fake.table(PROJECT, DATASET, "u", new Data(List.of(Field.of("id", "INTEGER")), Rows.of(List.of())));
        assertThat(Setup.of(fake).connector().tables(table("t"), 500)).containsExactly("t", "u");
        assertThat(Setup.of(fake).connector().tables(table("t"), 1)).containsExactly("t");
        fake.fail(r -> r.path().contains("/datasets/"), 404, "notFound", "Not found: Dataset data-proj:ds");
        importFailure(() -> Setup.of(fake).connector().tables(table("t"), 500), ErrorCode.DATASOURCE_QUERY);
    }

    @Test
    void projectsOutsideTheAllowListAre1012() {
        Setup limited = Setup.of(fake).allowedProjects(List.of(BILLING));
        ImportException e = importFailure(() -> limited.connector().open(table("t")), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains(PROJECT).contains("not allowed");
        importFailure(() -> limited.connector().tables(table("t"), 10), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(Setup.of(fake).allowedProjects(List.of(BILLING, PROJECT)).connector().tables(table("t"), 10))
                .contains("t");
    }

    @Test
    void anUnknownTableIs1011() {
        ImportException e = importFailure(() -> Setup.of(fake).connector().open(table("missing")),
                ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).isEqualTo("BigQuery: Not found: Table data-proj:ds.missing");
    }

    @Test
    void aQueryErrorIs1011WithBigQuerysMessage() {
        ImportException e = importFailure(() -> Setup.of(fake).connector().open(query("SELEC 1", "x")),
                ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).startsWith("BigQuery: Syntax error: Unexpected identifier");
    }

    @Test
    void aJobFailingWhileItRunsIs1011() {
        fake.jobError(SQL, "Resources exceeded during query execution: too many partitions");

        ImportException e = importFailure(() -> Setup.of(fake).connector().open(query(SQL, "x")),
                ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).contains("Resources exceeded during query execution");
    }

    @Test
    void refusedCredentialsAre1012() {
        fake.fail("GET", ".*", 401, "unauthorized", "Request had invalid authentication credentials.");

        ImportException e = importFailure(() -> Setup.of(fake).connector().open(table("t")),
                ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).isEqualTo(
                "Google refused the service's credentials: Request had invalid authentication credentials.");
    }

    @Test
    void accessDeniedOnTheTableIs1011() {
        String denied = "Access Denied: Table data-proj:ds.t: User does not have permission to access table data-proj:ds.t.";
        fake.fail("GET", PROJECT + "/datasets/ds/tables/t", 403, "accessDenied", denied);

        ImportException e = importFailure(() -> Setup.of(fake).connector().open(table("t")),
                ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).isEqualTo("BigQuery: " + denied);
    }

    @Test
    void accessDeniedOnAQueriedTableIs1011() {
        fake.fail("POST", BILLING + "/jobs", 403, "accessDenied",
                "Access Denied: Table data-proj:ds.t: User does not have permission to query table data-proj:ds.t.");

        importFailure(() -> Setup.of(fake).connector().open(query(SQL, "x")), ErrorCode.DATASOURCE_QUERY);
    }

    @Test
    void aBillingProjectThatRefusesJobsIs1012() {
        fake.fail("POST", BILLING + "/jobs", 403, "accessDenied", "Access Denied: Project billing-proj: "
                + "User does not have bigquery.jobs.create permission in project billing-proj.");

        ImportException e = importFailure(() -> Setup.of(fake).connector().open(query(SQL, "x")),
                ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).startsWith("BigQuery refused to run a query in the billing project billing-proj: "
                + "Access Denied: Project billing-proj");
    }

    @Test
    void anUnknownBillingProjectIs1012() {
        fake.fail("POST", BILLING + "/jobs", 404, "notFound", "Not found: Project billing-proj");

        importFailure(() -> Setup.of(fake).connector().open(query(SQL, "x")), ErrorCode.DATASOURCE_CONNECTION);
    }

    @Test
    void aBillingProjectWithoutBillingIs1012() {
        fake.fail("POST", BILLING + "/jobs", 403, "billingNotEnabled",
                "Billing has not been enabled for this project. Enable billing and try again.");

        importFailure(() -> Setup.of(fake).connector().open(query(SQL, "x")), ErrorCode.DATASOURCE_CONNECTION);
    }

    @Test
    void aFailureWhileRowsStreamIs1011() {
        fake.fail(r -> r.path().endsWith("/data") && r.query().containsKey("pageToken"), 404, "notFound",
                "Not found: Table data-proj:ds.t");
        TableSource source = Setup.of(fake).pageSize(2).batchSize(2).connector().open(table("t"));
        Iterator<RowBatch> batches = source.batches();

        assertThat(batches.next().rows()).hasSize(2);
        ImportException e = importFailure(batches::hasNext, ErrorCode.DATASOURCE_QUERY);

        assertThat(e.getMessage()).isEqualTo("BigQuery: Not found: Table data-proj:ds.t");
        assertThat(batches.hasNext()).isFalse();
    }

    @Test
    void anUnreachableEndpointIs1012() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // A short timeout: the client retries a refused connection until then.
        BigQueryConnector connector = new Setup(URI.create("http://127.0.0.1:" + closed), null, 10, 10, 100, 256,
                Duration.ofSeconds(2), List.of()).connector();

        ImportException e = importFailure(() -> connector.open(table("t")), ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).startsWith("Could not reach BigQuery: ");
    }

    @Test
    void noCredentialsAre1012() {
        Setup setup = new Setup(null, null, 10, 10, 100, 256, Duration.ofSeconds(5), List.of());

        ImportException e = importFailure(() -> setup.connector(() -> {
            throw new IOException("details of this machine");
        }).open(table("t")), ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).contains("no Google credentials");
        assertThat(allMessages(e)).doesNotContain("details of this machine");
    }

    @Test
    void aCredentialsFileThatIsNotAKeyIs1012AndNotQuoted() throws IOException {
        Path file = dir.resolve("key.json");
        Files.writeString(file, "{\"type\":\"service_account\",\"private_key\":\"SECRET-MATERIAL\"}");

        ImportException e = importFailure(() -> Setup.of(fake).credentialsFile(file).connector().open(table("t")),
                ErrorCode.DATASOURCE_CONNECTION);

        assertThat(allMessages(e)).doesNotContain("SECRET-MATERIAL").doesNotContain(file.toString());
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aServiceAccountKeyGetsATokenThatEveryCallCarries() throws Exception {
        fake.requireToken("token-123");

        Result r = readAll(Setup.of(fake).pageSize(2).credentialsFile(key()).connector().open(table("t")));

        assertThat(r.rows()).hasSize(4);
        assertThat(fake.requests("POST", "/token")).singleElement()
                .satisfies(t -> assertThat(t.body()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"));
        assertThat(fake.requests()).filteredOn(q -> !q.path().equals("/token")).hasSize(3)
                .allSatisfy(q -> assertThat(q.authorization()).isEqualTo("Bearer token-123"));
    }

    @Test
    void aRevokedKeyIs1012AndNotQuoted() throws Exception {
        fake.requireToken("token-123");
        fake.refuseTokens();
        Path key = key();

        ImportException e = importFailure(() -> Setup.of(fake).credentialsFile(key).connector().open(table("t")),
                ErrorCode.DATASOURCE_CONNECTION);

        assertThat(e.getMessage()).startsWith("Google refused the service's credentials: ").contains("invalid_grant");
        assertThat(allMessages(e)).doesNotContain("PRIVATE KEY").doesNotContain(privateKey(key));
        assertThat(fake.requests()).noneMatch(q -> q.authorization() != null);
    }

    /** A service-account key whose token endpoint is the fake's. */
    private Path key() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate()
                .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, JSON.writeValueAsString(JSON.createObjectNode()
                .put("type", "service_account").put("project_id", BILLING).put("private_key_id", "key-1")
                .put("private_key", pem).put("client_email", "importer@billing-proj.iam.gserviceaccount.com")
                .put("client_id", "1234").put("token_uri", fake.endpoint() + "/token")));
        return file;
    }

    private static String privateKey(Path key) throws IOException {
        String pem = JSON.readTree(key.toFile()).get("private_key").asText();
        return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    }
}
