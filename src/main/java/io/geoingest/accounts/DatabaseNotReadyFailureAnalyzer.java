package io.geoingest.accounts;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link DatabaseNotReadyException} at start into a short, clear message. */
public class DatabaseNotReadyFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseNotReadyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNotReadyException cause) {
        return new FailureAnalysis("geoingest cannot start: " + cause.getMessage(),
                "Start PostgreSQL with PostGIS (bin/run.sh does it locally) or point SPRING_DATASOURCE_URL at one.",
                cause);
    }
}
