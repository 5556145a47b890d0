package io.geoingest.imports;

/** The account already has as many imports running as it may: answered 429. */
public class TooManyImports extends RuntimeException {
    public TooManyImports(int limit) {
        super("Too many concurrent imports: at most " + limit + " may be in progress (error 6669)");
    }
}
