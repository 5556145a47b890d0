package io.geoingest.sql;

/**
 * A failure after part of a streamed answer reached the client, where no error status is possible
 * any more: thrown on, so that the container closes the connection at once and the client sees
 * an incomplete transfer instead of a complete-looking one.
 */
public class BrokenResponse extends RuntimeException {
    public BrokenResponse(String message) {
        super(message);
    }
}
