package io.geoingest.imports;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.logging.LogContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one import through the Camel route {@code direct:import}. A job recovered after its
 * replica died is re-run from scratch (its transaction was rolled back with the connection),
 * at most {@code geoingest.imports.max-attempts} times. Each run is a new attempt, and only the
 * last may write the import's record: one whose replica was taken for dead, yet lives on,
 * changes nothing.
 */
@Component
public class ImportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    public static final String IMPORT_ID_HEADER = "geoingestImportId";
    /** The number of this run among the import's attempts, on which its writes are fenced. */
    public static final String ATTEMPT_HEADER = "geoingestAttempt";

    private final ImportRepository imports;
    private final ProducerTemplate camel;
    private final ImportProperties properties;
    private final WorkDirs workDirs;

    public ImportRunner(ImportRepository imports, ProducerTemplate camel, ImportProperties properties,
                        WorkDirs workDirs) {
        this.imports = imports;
        this.camel = camel;
        this.properties = properties;
        this.workDirs = workDirs;
    }

    public void run(UUID importId, boolean recovering) {
        run(importId, recovering, Map.of());
    }

    /**
     * Runs an import whose data is in this process only ({@link ImportService#submitHere}) in the
     * caller's thread, with {@code properties} on the exchange of {@code direct:import}.
     */
    public void runHere(UUID importId, Map<String, Object> properties) {
        run(importId, false, properties);
    }

    private void run(UUID importId, boolean recovering, Map<String, Object> exchangeProperties) {
        try (LogContext log = LogContext.open().importId(importId)) {
            Optional<ImportRecord> record = imports.find(importId);
            record.ifPresent(r -> log.account(r.username()));
            if (record.map(r -> r.state().isFinal()).orElse(true)) {
                return;
            }
            int attempt = imports.startAttempt(importId);
            if (attempt > properties.maxAttempts()) {
                LOG.warn("import {} interrupted {} times; giving up", importId, attempt - 1);
                if (imports.fail(importId, attempt, ErrorCode.UNKNOWN, "The import was interrupted " + (attempt - 1)
                        + " times and was not retried", Map.of(), record.get().progress())) {
                    workDirs.delete(importId);
                }
                return;
            }
            if (recovering) {
                LOG.info("import {}: resuming after its replica stopped (attempt {})", importId, attempt);
            }
            Exchange done = camel.send("direct:import", exchange -> {
                exchange.getIn().setHeader(IMPORT_ID_HEADER, importId);
                exchange.getIn().setHeader(ATTEMPT_HEADER, attempt);
                exchangeProperties.forEach(exchange::setProperty);
            });
            if (done.getException() != null) {
                throw CamelExecutionException.wrapCamelExecutionException(done, done.getException());
            }
        }
    }
}
