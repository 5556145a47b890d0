package io.geoingest.formats.gdal;

import io.geoingest.logging.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a child's stderr on its own thread, keeping only the last bytes: GDAL may print a
 * message per feature, and a full pipe would block it. Also notes whether any line was an
 * {@code ERROR}, however early: ogr2ogr exits with 0 after errors on single features.
 */
final class StderrTail {
    static final int MAX_BYTES = 4096;
    private static final byte[] ERROR = "ERROR".getBytes(StandardCharsets.US_ASCII);

    private final byte[] ring = new byte[MAX_BYTES];
    private final Thread reader;
    private long total;
    /** Bytes of ERROR matched at the start of the current line; -1 once the line differs. */
    private int matched;
    private boolean sawError;

    StderrTail(InputStream in) {
        reader = new Thread(LogContext.carrying(() -> drain(in)), "ogr2ogr-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The process was killed: what was read so far is all there is.
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            ring[(int) (total++ % MAX_BYTES)] = b;
            if (b == '\n') {
                matched = 0;
            } else if (matched >= 0 && matched < ERROR.length) {
                matched = b == ERROR[matched] ? matched + 1 : -1;
                sawError |= matched == ERROR.length;
            }
        }
    }

    /** Whether a line started with ERROR; call after {@link #text()}. */
    synchronized boolean sawError() {
        return sawError;
    }

    /** The last {@link #MAX_BYTES} bytes, once the stream ended (or after a short wait). */
    String text() {
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            int size = (int) Math.min(total, MAX_BYTES);
            byte[] out = new byte[size];
            int start = (int) ((total - size) % MAX_BYTES);
            for (int i = 0; i < size; i++) {
                out[i] = ring[(start + i) % MAX_BYTES];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
