package io.geoingest.copy;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes read through it and fails once more than {@code limit} have passed. Its
 * failures, and the {@link UploadFailure}s of the stream beneath, are sticky: every later read
 * fails the same way, and {@link #failure()} keeps the first, since a reader may swallow one
 * (GZIPInputStream takes any I/O error while probing for a next member as the end of the data).
 */
class LimitedStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private final Supplier<UploadFailure> exceeded;
    private long count;
    private UploadFailure failure;

    LimitedStream(InputStream in, long limit, Supplier<UploadFailure> exceeded) {
        this.in = in;
        this.limit = limit;
        this.exceeded = exceeded;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (UploadFailure e) {
            failure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                failure = exceeded.get();
                throw failure;
            }
        }
        return n;
    }

    /** The bytes read through it so far. */
    long count() {
        return count;
    }

    /** The first failure a read met, even if whoever read it went on as if at the end; or null. */
    UploadFailure failure() {
        return failure;
    }
}
