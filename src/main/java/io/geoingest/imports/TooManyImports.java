package io.geoingest.imports;

import io.geoingest.kernel.ErrorCode;

/** The account already has as many imports running as it may: answered 429 with error 6669. */
public class TooManyImports extends RuntimeException {
    public TooManyImports(int limit) {
        super(ErrorCode.TOO_MANY_IMPORTS.title() + ": at most " + limit + " may be in progress (error "
                + ErrorCode.TOO_MANY_IMPORTS.code() + ")");
    }
}
