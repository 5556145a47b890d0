package io.geoingest.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link StartupProblem} as its message and what to do, without a stack trace. */
public class StartupProblemFailureAnalyzer extends AbstractFailureAnalyzer<StartupProblem> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem cause) {
        return new FailureAnalysis("geoingest cannot start: " + cause.getMessage(),
                "Fix the setting named above (docs/configuration.md) and start again.", cause);
    }
}
