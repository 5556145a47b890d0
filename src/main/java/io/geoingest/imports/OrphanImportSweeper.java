package io.geoingest.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** So that nothing stays "importing" forever, whatever happened to its job. */
@Component
public class OrphanImportSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanImportSweeper.class);

    private final ImportRepository imports;
    private final ImportProperties properties;

    public OrphanImportSweeper(ImportRepository imports, ImportProperties properties) {
        this.imports = imports;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${geoingest.imports.orphan-sweep-millis:60000}", initialDelay = 30000)
    public void sweep() {
        int n = imports.failOrphans(properties.orphanSeconds());
        if (n > 0) {
            LOG.warn("failed {} imports left unfinished without a job", n);
        }
    }
}
