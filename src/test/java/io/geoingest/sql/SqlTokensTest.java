package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.sql.SqlTokens.Kind;
import io.geoingest.sql.SqlTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token boundaries as PostgreSQL's lexer draws them, and one statement per request. */
class SqlTokensTest {

    private static List<String> texts(String sql) {
        return SqlTokens.of(sql).stream().map(Token::text).toList();
    }

    @Test
    void quotesCommentsAndDollarsHoldTheirSemicolons() {
        assertThat(texts("SELECT 'a;b', \"c;d\", $$e;f$$, $tag$g;$$;h$tag$, E'i\\';j' -- k;\n/* l; /* m; */ */ ;"))
                .containsExactly("SELECT", "'a;b'", ",", "\"c;d\"", ",", "$$e;f$$", ",", "$tag$g;$$;h$tag$", ",",
                        "E'i\\';j'", ";");
    }

    @Test
    void kinds() {
        assertThat(SqlTokens.of("a$b \"Q\" 'it''s' 1.5e-3 $1 ( . U&'x'").stream().map(Token::kind).toList())
                .containsExactly(Kind.WORD, Kind.QUOTED_IDENTIFIER, Kind.STRING, Kind.NUMBER, Kind.PARAMETER,
                        Kind.SYMBOL, Kind.SYMBOL, Kind.WORD, Kind.SYMBOL, Kind.STRING);
    }

    @Test
    void aBackslashEndsAStandardStringButNotAnEString() {
        assertThat(texts("'a\\' ;")).containsExactly("'a\\'", ";");
        assertThat(texts("e'a\\'' ;")).containsExactly("e'a\\''", ";");
    }

    @Test
    void singleKeepsOneStatementWithoutItsSemicolons() {
        assertThat(SqlTokens.single("SELECT 1;").text()).isEqualTo("SELECT 1");
        assertThat(SqlTokens.single("SELECT ';' AS x ; ;").text()).isEqualTo("SELECT ';' AS x ");
        assertThat(SqlTokens.single("SELECT 1 -- no newline").text()).isEqualTo("SELECT 1 -- no newline");
        assertThatThrownBy(() -> SqlTokens.single("SELECT 1; SELECT 2")).hasMessageContaining("Only one SQL statement");
        assertThatThrownBy(() -> SqlTokens.single(";")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SqlTokens.single("/* */")).hasMessageContaining("empty");
    }

    @Test
    void aStringsBodyIsItsValue() {
        assertThat(SqlTokens.of("'it''s' $$a 'b'$$ $f$x$$y$f$ E'c'").stream().map(Token::body).toList())
                .containsExactly("it's", "a 'b'", "x$$y", "c");
    }

    @Test
    void leadingKeepsTheTokensBeforeWhatIsNotSql() {
        assertThat(SqlTokens.leading("don't stop").stream().map(Token::text).toList()).containsExactly("don");
        assertThat(SqlTokens.leading("ALTER ROLE x /* open").stream().map(Token::text).toList())
                .containsExactly("ALTER", "ROLE", "x");
    }
}
