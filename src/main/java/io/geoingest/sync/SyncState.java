package io.geoingest.sync;

import java.util.Locale;

/** A sync's states as CARTO names them: {@code created → queued} (first run) {@code → success | failure}, later runs {@code syncing}. */
public enum SyncState {
    CREATED, QUEUED, SYNCING, SUCCESS, FAILURE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public boolean running() {
        return this == QUEUED || this == SYNCING;
    }
}
