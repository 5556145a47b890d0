package io.geoingest.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

    private TestDatabases() {
    }

    public static Connection postgres() throws SQLException {
        return DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
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
