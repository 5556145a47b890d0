package io.geoingest.kernel;

/**
 * A request that can never work (nothing to import, bad connector parameters, unknown
 * provider): answered 400 {@code {"errors": {"imports": message}}} before anything is queued.
 */
public class InvalidImportRequest extends RuntimeException {
    public InvalidImportRequest(String message) {
        super(message);
    }
}
