package io.geoingest.imports;

import java.util.UUID;

/**
 * Another run of the same import holds it (a recovered job while the first replica was only
 * paused) or has already finished it: this run stops without recording anything.
 */
public class ImportSuperseded extends RuntimeException {
    public ImportSuperseded(UUID id) {
        super("import " + id + " is run or was finished by another replica");
    }
}
