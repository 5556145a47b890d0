package io.geoingest.kernel;

import java.util.Locale;

/** The states the Import API reports, in the order an import goes through them. */
public enum ImportState {
    PENDING, UPLOADING, UNPACKING, IMPORTING, COMPLETE, FAILURE;

    public boolean isFinal() {
        return this == COMPLETE || this == FAILURE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
