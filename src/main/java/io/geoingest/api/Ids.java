package io.geoingest.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in paths: a malformed one is as unknown as a missing one (404), never a 500. */
final class Ids {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static UUID parse(String id) {
        if (!isUuid(id)) {
            throw new NotFound("Not found: " + id);
        }
        return UUID.fromString(id);
    }

    /** In the canonical 8-4-4-4-12 form: {@code UUID.fromString} also takes shorter groups. */
    static boolean isUuid(String id) {
        return CANONICAL.matcher(id).matches();
    }
}
