package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Every failure of an import gets a code: its own, 2001 when PostgreSQL refused the data, else 99999. */
class ErrorClassifierTest {
    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void aFailureWithoutACodeOfItsOwnIsUnknown() {
        ImportException e = classifier.classify(new IllegalStateException("boom"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(e.code().code()).isEqualTo(99999);
        assertThat(e.getMessage()).isEqualTo("IllegalStateException: boom");
        assertThat(classifier.classify(null).code()).isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void aCodeFoundAmongTheCausesWins() {
        ImportException own = new ImportException(ErrorCode.MALFORMED_CSV, "bad row");
        assertThat(classifier.classify(new RuntimeException(new UncheckedIOException(new java.io.IOException(own)))))
                .isSameAs(own);
        assertThat(classifier.classify(new RuntimeException(new SQLException("value too long"))).code())
                .isEqualTo(ErrorCode.LOAD_FAILED);
    }
}
