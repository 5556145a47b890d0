package io.geoingest.api;

/** Answered 404: unknown, or another account's. */
class NotFound extends RuntimeException {
    NotFound(String message) {
        super(message);
    }
}
