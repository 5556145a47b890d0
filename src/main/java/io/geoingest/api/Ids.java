package io.geoingest.api;

import java.util.UUID;

/** Ids in paths: a malformed one is as unknown as a missing one (404), never a 500. */
final class Ids {
    private Ids() {
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("Not found: " + id);
        }
    }
}
