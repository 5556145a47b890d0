package io.geoingest.sync;

/** A sync request that can never work; answered 400 with CARTO's {@code {"errors": "<message>"}}. */
public class InvalidSync extends RuntimeException {
    public InvalidSync(String message) {
        super(message);
    }
}
