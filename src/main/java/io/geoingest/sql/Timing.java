package io.geoingest.sql;

/** The {@code time} of CARTO's answers: seconds since a start, to the millisecond. */
public final class Timing {
    private Timing() {
    }

    public static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }
}
