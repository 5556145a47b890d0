package io.geoingest.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT ';'", "SELECT $$;$$", "SELECT $t$ ; $x$ ; $t$", "SELECT \"a;b\" FROM t",
            "SELECT 1 -- ;", "SELECT 1 /* ; /* nested ; */ ; */", "SELECT E'\\'; x'", "SELECT a$b FROM t",
            "SELECT 1 AS x) s, (SELECT (1"})
    void semicolonsInLiteralsAndCommentsDoNotSplit(String sql) {
        assertThat(PostgresStatements.single(sql, true)).contains(sql);
        assertThat(PostgresStatements.single(sql, false)).contains(sql);
    }

    @Test
    void whatFollowsTheFirstSemicolonMustBeBlank() {
        assertThat(PostgresStatements.single("SELECT 1; ; -- x\n/* y */ ;", true)).contains("SELECT 1");
        assertThat(PostgresStatements.single("SELECT 1;\nSELECT 2", true)).isEmpty();
        assertThat(PostgresStatements.single("SELECT 1; 'x'", true)).isEmpty();
        assertThat(PostgresStatements.single("SELECT 1; \"x\"", true)).isEmpty();
        assertThat(PostgresStatements.single("SELECT 1; $$x$$", true)).isEmpty();
        assertThat(PostgresStatements.single("SELECT 1; - 1", true)).isEmpty();
        assertThat(PostgresStatements.single("; SELECT 1", true)).isEmpty();
    }

    @Test
    void backslashesDependOnStandardConformingStrings() {
        String sql = "SELECT 'a\\'; DROP TABLE t; --'";
        assertThat(PostgresStatements.single(sql, true)).isEmpty();
        assertThat(PostgresStatements.single(sql, false)).contains(sql);
    }

    @Test
    void countIsHowPgJdbcSplits() throws Exception {
        assertThat(PostgresStatements.count("SELECT 1", true)).isEqualTo(1);
        assertThat(PostgresStatements.count("SELECT 1; SELECT 2", true)).isEqualTo(2);
        // The review's query: one piece alone, several once wrapped.
        String q = "1) s; COMMIT; COPY (SELECT 1) TO PROGRAM 'x'; SELECT (1";
        assertThat(PostgresStatements.count(q, true)).isEqualTo(1);
        assertThat(PostgresStatements.count("SELECT * FROM (\n" + q + "\n) AS src LIMIT 0", true)).isEqualTo(4);
        assertThat(PostgresStatements.single(q, true)).isEmpty();
    }
}
