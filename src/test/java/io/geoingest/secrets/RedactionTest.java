package io.geoingest.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void urlsLoseCredentialsQueryAndFragment() {
        assertThat(Redaction.url("https://user:pw@example.org:8443/data/file.csv?token=abc#x"))
                .isEqualTo("https://example.org:8443/data/file.csv");
        assertThat(Redaction.url("not a url at all")).isEqualTo("url");
    }

    @Test
    void urlsInsideTextAreMaskedWhereverTheyAre() {
        assertThat(Redaction.text("HTTP 404 from http://u:Pa55@host/f.csv?sig=XYZ&exp=1: gone"))
                .isEqualTo("HTTP 404 from http://[redacted]@host/f.csv?[redacted]: gone")
                .doesNotContain("Pa55").doesNotContain("XYZ");
        assertThat(Redaction.text("see https://host/a/b and ftp://h/x")).isEqualTo("see https://host/a/b and ftp://h/x");
        assertThat(Redaction.text("jdbc:mysql://reader:S3cret@db:3306/shop?useSSL=true"))
                .isEqualTo("jdbc:mysql://[redacted]@db:3306/shop?[redacted]");
        assertThat(Redaction.text("jdbc:postgresql://db/x?user=a&password=S3cret refused"))
                .isEqualTo("jdbc:postgresql://db/x?[redacted] refused");
    }

    @Test
    void secretPairsAreMasked() {
        assertThat(Redaction.text("jdbc:sqlserver://db:1433;databaseName=shop;password=S3cret;pw;user=reader"))
                .doesNotContain("S3cret").contains("databaseName=shop").contains("password=[redacted]");
        assertThat(Redaction.text("jdbc:sqlserver://db;password={S3cret;pw};user=reader"))
                .isEqualTo("jdbc:sqlserver://db;password=[redacted];user=reader");
        assertThat(Redaction.text("{\"password\": \"S3cret\", \"user\": \"u\"}")).doesNotContain("S3cret").contains("\"user\"");
        assertThat(Redaction.text("api_key=alice-secret-key&q=1 PWD=x Token: t0k client_secret=cs"))
                .isEqualTo("api_key=[redacted]&q=1 PWD=[redacted] Token: [redacted] client_secret=[redacted]");
        assertThat(Redaction.text("Incorrect username or password was specified.")).isEqualTo(
                "Incorrect username or password was specified.");
    }

    @Test
    void nothingToHideLeavesTheTextAsItWas() {
        assertThat(Redaction.text(null)).isNull();
        assertThat(Redaction.text("")).isEmpty();
        assertThat(Redaction.text("Column \"a$b\" \\ at line 3")).isEqualTo("Column \"a$b\" \\ at line 3");
    }
}
