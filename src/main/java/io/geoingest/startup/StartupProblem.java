package io.geoingest.startup;

/** A setting the service cannot start with; {@link StartupProblemFailureAnalyzer} reports it in one line. */
public class StartupProblem extends RuntimeException {
    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
