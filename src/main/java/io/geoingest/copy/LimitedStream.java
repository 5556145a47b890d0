package io.geoingest.copy;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Counts the bytes read through it and fails once more than {@code limit} have passed. */
class LimitedStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private final Supplier<UploadFailure> exceeded;
    private long count;

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
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw exceeded.get();
            }
        }
        return n;
    }
}
