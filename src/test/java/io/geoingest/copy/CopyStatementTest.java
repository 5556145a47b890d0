package io.geoingest.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.copy.CopyStatement.Direction;
import io.geoingest.sql.SqlFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only one COPY ... FROM STDIN or COPY ... TO STDOUT passes, however it is spelled. */
class CopyStatementTest {

    private static String from(String q) {
        return CopyStatement.check(q, Direction.FROM);
    }

    private static String to(String q) {
        return CopyStatement.check(q, Direction.TO);
    }

    private static void refused(String q, Direction d, String message) {
        assertThatThrownBy(() -> CopyStatement.check(q, d)).isInstanceOf(SqlFailure.class)
                .hasMessageContaining(message).extracting(e -> ((SqlFailure) e).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COPY upload_example (the_geom, name, age) FROM STDIN WITH (FORMAT csv, HEADER true)",
        "copy upload_example (the_geom, age, name) from stdin with (format csv, header true)",
        "COPY alice.t FROM STDIN",
        "COPY \"My \"\"odd\"\" table\".\"x;y\" (\"a)b\") FROM STDIN (FORMAT csv, DELIMITER ';', NULL '')",
        "COPY db.s.t FROM STDIN WITH CSV HEADER DELIMITER ','",
        "COPY BINARY t FROM STDIN",
        "COPY t FROM STDIN (FORMAT csv, QUOTE E'\\'') WHERE a > 0",
        "/* a comment /* nested */ still */ COPY t FROM STDIN -- trailing comment",
        "COPY t FROM STDIN (FORMAT text, DELIMITER $$;$$)",
    })
    void acceptedFrom(String q) {
        assertThat(from(q)).isEqualTo(q);
    }

    @Test
    void trailingSemicolonsAreDroppedNotSent() {
        assertThat(from("COPY t FROM STDIN;")).isEqualTo("COPY t FROM STDIN");
        assertThat(from("COPY t FROM STDIN ; ; -- done")).isEqualTo("COPY t FROM STDIN ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COPY upload_example (the_geom, name, age) TO stdout WITH (FORMAT csv, HEADER true)",
        "COPY (SELECT * FROM t WHERE name = 'a) TO PROGRAM ''x''') TO STDOUT",
        "COPY (SELECT $q$ ) TO '/etc/passwd' $q$) TO STDOUT WITH (FORMAT csv)",
        "COPY (WITH x AS (SELECT 1) SELECT * FROM x) TO STDOUT",
    })
    void acceptedTo(String q) {
        assertThat(to(q)).isEqualTo(q);
    }

    @Test
    void missingOrNotCopy() {
        refused(null, Direction.FROM, "SQL is missing");
        refused(" \n", Direction.FROM, "SQL is missing");
        refused("-- only a comment", Direction.FROM, "empty");
        refused("SELECT 1", Direction.FROM, "SQL must start with COPY");
        refused("\"COPY\" t FROM STDIN", Direction.FROM, "SQL must start with COPY");
        refused("COPYt FROM STDIN", Direction.FROM, "SQL must start with COPY");
    }

    @Test
    void serverFilesAndProgramsAreRefused() {
        refused("COPY t FROM '/etc/passwd'", Direction.FROM, "never a server file");
        refused("COPY t FROM E'/etc/passwd'", Direction.FROM, "never a server file");
        refused("COPY t FROM $$/etc/passwd$$", Direction.FROM, "never a server file");
        refused("COPY t FROM PROGRAM 'curl evil'", Direction.FROM, "PROGRAM is not allowed");
        refused("COPY t TO '/tmp/out'", Direction.TO, "never a server file");
        refused("COPY (SELECT 1) TO PROGRAM 'id'", Direction.TO, "PROGRAM is not allowed");
        refused("COPY t (a) FROM \"STDIN\"", Direction.FROM, "never a server file");
        // A string that looks like it closes the query does not: the real target is a file.
        refused("COPY (SELECT ') TO STDOUT') TO '/tmp/x'", Direction.TO, "never a server file");
    }

    @Test
    void wrongDirectionOrShape() {
        refused("COPY t TO STDOUT", Direction.FROM, "takes COPY ... FROM STDIN");
        refused("COPY t FROM STDIN", Direction.TO, "takes COPY ... TO STDOUT");
        refused("COPY (SELECT 1) FROM STDIN", Direction.FROM, "not a (query)");
        refused("COPY", Direction.FROM, "ends too early");
        refused("COPY t", Direction.FROM, "ends too early");
        refused("COPY t (a, b FROM STDIN", Direction.FROM, "ends too early");
        refused("COPY 'file' FROM STDIN", Direction.FROM, "needs a table name");
        refused("COPY a.b.c.d FROM STDIN", Direction.FROM, "takes COPY ... FROM STDIN");
        refused("COPY t FROM STDIN WITH (FORMAT csv))", Direction.FROM, "unbalanced");
        refused("COPY (SELECT (1) TO STDOUT", Direction.TO, "ends too early");
    }

    @Test
    void aSecondStatementIsRefusedWhereverItHides() {
        refused("COPY t FROM STDIN; DROP TABLE t", Direction.FROM, "Only one SQL statement");
        refused("COPY t FROM STDIN;;SELECT 1", Direction.FROM, "Only one SQL statement");
        refused("COPY (SELECT 1) TO STDOUT; COPY t TO '/tmp/x'", Direction.TO, "Only one SQL statement");
        // Quotes that standard_conforming_strings would end earlier than E'' strings do.
        refused("COPY t FROM STDIN (DELIMITER '\\'); DROP TABLE t; --')", Direction.FROM, "Only one SQL statement");
    }

    @Test
    void unterminatedTextIsRefused() {
        refused("COPY t FROM STDIN (NULL 'x)", Direction.FROM, "Unterminated string literal");
        refused("COPY \"t FROM STDIN", Direction.FROM, "Unterminated quoted identifier");
        refused("COPY t FROM STDIN /* open", Direction.FROM, "Unterminated comment");
        refused("COPY t FROM STDIN /* /* */", Direction.FROM, "Unterminated comment");
        refused("COPY t FROM STDIN (NULL $a$x$b$)", Direction.FROM, "Unterminated dollar-quoted string");
        refused("COPY t FROM STDIN (NULL E'x\\')", Direction.FROM, "Unterminated string literal");
        refused("COPY t FROM STDIN\0", Direction.FROM, "NUL");
    }
}
