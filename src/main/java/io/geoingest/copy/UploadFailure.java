package io.geoingest.copy;

import java.io.IOException;

/**
 * Why a COPY FROM body could not be read to its end: each ends the COPY, rolled back, and is
 * told apart from the database's errors.
 */
class UploadFailure extends IOException {
    private final boolean clientGone;

    private UploadFailure(String message, Throwable cause, boolean clientGone) {
        super(message, cause);
        this.clientGone = clientGone;
    }

    /** The client went away or the connection broke mid-body: nobody is left to answer. */
    static UploadFailure interrupted(IOException cause) {
        return new UploadFailure("The upload was interrupted: " + cause, cause, true);
    }

    /** A gzip body that does not decompress (CARTO's wording). */
    static UploadFailure gunzip(IOException cause) {
        String why = cause.getMessage();
        if (why == null) {
            // GZIPInputStream's EOFException on an empty or cut-short header has no message.
            why = cause instanceof java.io.EOFException ? "unexpected end of file" : cause.getClass().getSimpleName();
        }
        return new UploadFailure("Error while gunzipping: " + why, cause, false);
    }

    /** More bytes than allowed: the size limit, or the account's remaining quota. */
    static UploadFailure limit(String message) {
        return new UploadFailure(message, null, false);
    }

    boolean clientGone() {
        return clientGone;
    }
}
