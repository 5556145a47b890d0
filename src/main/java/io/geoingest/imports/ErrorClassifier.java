package io.geoingest.imports;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportSuperseded;
import io.geoingest.kernel.InvalidImportRequest;
import java.sql.SQLException;
import org.springframework.stereotype.Component;

/** Gives any failure of an import the error code and message its record will show. */
@Component
public class ErrorClassifier {

    /** Whether the run stopped because another run of the same import holds or finished it. */
    public boolean superseded(Throwable failure) {
        return find(failure, ImportSuperseded.class) != null;
    }

    /** The first of {@code failure} and its causes that is a {@code type}, or null. */
    public <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public ImportException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ImportException ie) {
                return ie;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidImportRequest invalid) {
                // A request queued before a stricter check (e.g. one SQL statement) now refused.
                return new ImportException(ErrorCode.DATASOURCE_QUERY, invalid.getMessage(), invalid);
            }
            if (t instanceof SQLException sql) {
                // The data reached PostgreSQL and was refused (bad value, too long, ...).
                return new ImportException(ErrorCode.LOAD_FAILED, "PostgreSQL refused the data: " + sql.getMessage(), sql);
            }
        }
        String message = failure == null ? "unknown failure" : failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new ImportException(ErrorCode.UNKNOWN, message, failure);
    }
}
