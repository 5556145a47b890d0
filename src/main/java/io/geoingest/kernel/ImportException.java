package io.geoingest.kernel;

/** An import failure with the error code the import record will carry. */
public class ImportException extends RuntimeException {
    private final ErrorCode code;

    public ImportException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ImportException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
