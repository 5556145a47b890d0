package io.geoingest.kernel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live progress of one run of an import, kept by the thread running it but for the bytes
 * read, which the thread reading the source ahead of the COPY counts (and opens files on, when
 * a GeoJSON load starts over; the read-ahead queue orders that with the import's thread).
 * Bytes are counted only for streams opened while a table is loading, so a format's typing
 * pass before it (CSV's whole file, GeoJSON's sample) is not counted; and each file counts as
 * far as any of its loading passes got, so a file read once per layer (KML, GPX), or again by
 * a GeoJSON load that starts over, is not counted twice.
 */
public final class ImportProgress implements ReadMeter {
    private final Map<Path, long[]> reached = new HashMap<>();
    private long rows;
    /** Advanced by the thread reading the source ahead of the COPY (the sink's), read by the import's. */
    private volatile long bytesRead;
    private Long bytesTotal;
    private boolean loading;
    private long savedAt;
    private boolean saved;

    /** Sets the total to the size of the files the import is about to read, and meters them. */
    public List<DataFile> reading(List<DataFile> files) {
        long total = 0;
        for (DataFile f : files) {
            try {
                total += Files.size(f.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        bytesTotal = total;
        return files.stream().map(f -> f.metered(this)).toList();
    }

    /** A table's loading pass begins: the streams opened from now on are counted. */
    public void tableStarted() {
        loading = true;
    }

    public void tableLoaded() {
        loading = false;
    }

    /** Negative when a source starts over with other columns: its rows so far were discarded. */
    public void rowsLoaded(long n) {
        rows += n;
    }

    public long rows() {
        return rows;
    }

    /** Whether the last save is at least {@code intervalNanos} old; if so, counts this as a save. */
    boolean saveDue(long nowNanos, long intervalNanos) {
        if (saved && nowNanos - savedAt < intervalNanos) {
            return false;
        }
        saved = true;
        savedAt = nowNanos;
        return true;
    }

    public Progress snapshot() {
        return new Progress(rows, bytesTotal == null ? null : bytesRead, bytesTotal);
    }

    @Override
    public InputStream open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (!loading) {
            return in;
        }
        return new Counting(in, reached.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new long[1]));
    }

    /** Advances its file's furthest position, adding what lies beyond it to the bytes read. */
    private final class Counting extends FilterInputStream {
        private final long[] furthest;
        private long position;

        Counting(InputStream in, long[] furthest) {
            super(in);
            this.furthest = furthest;
        }

        private void advanced(long n) {
            if (n <= 0) {
                return;
            }
            position += n;
            if (position > furthest[0]) {
                bytesRead += position - furthest[0];
                furthest[0] = position;
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advanced(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            advanced(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            advanced(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
