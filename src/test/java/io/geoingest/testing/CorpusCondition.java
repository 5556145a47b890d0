package io.geoingest.testing;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables {@link NeedsCorpus} tests, with the reason, when the corpus directory is missing. */
final class CorpusCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isDirectory(TestDatabases.CORPUS)) {
            return ConditionEvaluationResult.enabled("corpus found: " + TestDatabases.CORPUS.toAbsolutePath());
        }
        return ConditionEvaluationResult.disabled(TestDatabases.corpusMissing());
    }
}
