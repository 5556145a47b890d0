package io.geoingest.imports;

/** A sync's source has not changed since its last run: the run ends, keeping the table as it is. */
public class SourceUnchanged extends RuntimeException {
    public SourceUnchanged() {
        super("The source has not changed", null, false, false);
    }
}
