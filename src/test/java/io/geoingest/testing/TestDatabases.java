package io.geoingest.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real databases the tests use, as bin/test.sh brings them up. Each can be pointed
 * elsewhere with an environment variable.
 */
public final class TestDatabases {
    public static final String PG_URL = env("GEOINGEST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/geoingest_test");
    public static final String PG_USER = env("GEOINGEST_TEST_PG_USER", "geoingest");
    public static final String PG_PASSWORD = env("GEOINGEST_TEST_PG_PASSWORD", "geoingest");
    public static final String MYSQL_HOST = env("GEOINGEST_TEST_MYSQL_HOST", "127.0.0.1");
    public static final int MYSQL_PORT = Integer.parseInt(env("GEOINGEST_TEST_MYSQL_PORT", "3306"));
    public static final String MYSQL_DATABASE = env("GEOINGEST_TEST_MYSQL_DATABASE", "geoingest_test");
    public static final String MYSQL_USER = env("GEOINGEST_TEST_MYSQL_USER", "geoingest");
    public static final String MYSQL_PASSWORD = env("GEOINGEST_TEST_MYSQL_PASSWORD", "geoingest");

    /**
     * The real-world files of ../shared/corpus/carto, beside the project: CI always has them, a
     * user's clone may not. Only {@link NeedsCorpus} tests may read them.
     */
    public static final Path CORPUS = Path.of("..", "shared", "corpus", "carto");

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static final Pattern SERVICE_STATE = Pattern.compile(
            "\\bgeoingest\\.|\\bpg_stat_activity\\b|\\bpg_roles\\b|\\bpg_authid\\b|\\bpg_auth_members\\b"
            + "|\\bpg_db_role_setting\\b");
    /** The test accounts (geoingest-test.properties, LimitsApiTest, ReplicaFailoverIT), by schema or as a quoted name. */
    private static final Pattern ACCOUNT_NAMED = Pattern.compile(
            "\\b(alice|bob|carol|dave|failover)\\.|'(alice|bob|carol|dave|failover)'");

    private TestDatabases() {
    }

    /** The test service's own database (geoingest's state). */
    public static Connection postgres() throws SQLException {
        return DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
    }

    /** An account's database of the test service ({@code <test database>__<username>}), as the service's role. */
    public static Connection account(String username) throws SQLException {
        return DriverManager.getConnection(accountUrl(username), PG_USER, PG_PASSWORD);
    }

    public static String accountUrl(String username) {
        Matcher m = url();
        return m.group(1) + accountDatabase(username) + (m.group(3) == null ? "" : m.group(3));
    }

    /** The name of an account's database of the test service. */
    public static String accountDatabase(String username) {
        return url().group(2) + "__" + username.replace('-', '_');
    }

    private static Matcher url() {
        Matcher m = URL.matcher(PG_URL);
        if (!m.matches()) {
            throw new IllegalStateException("GEOINGEST_TEST_PG_URL is not jdbc:postgresql://host:port/database: " + PG_URL);
        }
        return m;
    }

    /**
     * Where a test's own statement runs: in the service's database when it reads geoingest's
     * state ({@code geoingest.}) or the cluster's ({@code pg_stat_activity}, roles); otherwise in
     * the database of the one account whose schema it names ({@code alice.}, {@code 'bob'}),
     * alice's when it names none. A statement naming two accounts is refused: there is no
     * database where both are.
     */
    public static Connection forStatement(String sql) throws SQLException {
        if (SERVICE_STATE.matcher(sql).find()) {
            return postgres();
        }
        Set<String> named = new TreeSet<>();
        Matcher m = ACCOUNT_NAMED.matcher(sql);
        while (m.find()) {
            named.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (named.size() > 1) {
            throw new IllegalArgumentException("the statement names the schemas of " + named
                    + ", which live in different databases: " + sql);
        }
        return account(named.isEmpty() ? "alice" : named.iterator().next());
    }

    public static Connection mysql() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + MYSQL_HOST + ":" + MYSQL_PORT + "/" + MYSQL_DATABASE
                + "?allowPublicKeyRetrieval=true&useSSL=false", MYSQL_USER, MYSQL_PASSWORD);
    }

    /** A corpus file; the test reading it must be {@link NeedsCorpus}. */
    public static Path corpus(String name) {
        if (!Files.isDirectory(CORPUS)) {
            throw new IllegalStateException(corpusMissing() + "; a test reading it must be @NeedsCorpus");
        }
        Path p = CORPUS.resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("corpus file missing: " + p.toAbsolutePath().normalize());
        }
        return p;
    }

    /** Why {@link NeedsCorpus} tests are skipped; the no-corpus profile of pom.xml prints the same. */
    static String corpusMissing() {
        return "corpus tests skipped: ../shared/corpus/carto not found (" + CORPUS.toAbsolutePath().normalize() + ")";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
