package io.geoingest.kernel;

import java.util.UUID;

/**
 * This attempt of the import no longer owns it: a later attempt took it over (this one's
 * replica was declared dead: killed, paused, or cut off from the database), or the import has
 * ended. The attempt stops without recording anything, and removes only what it alone created.
 */
public class ImportSuperseded extends RuntimeException {
    public ImportSuperseded(UUID id, int attempt) {
        super("attempt " + attempt + " of import " + id + " no longer owns it: a later attempt took it over,"
                + " or it has ended");
    }
}
