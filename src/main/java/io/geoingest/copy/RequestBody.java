package io.geoingest.copy;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A COPY FROM body as read from the servlet's raw stream, nothing buffered: the client's own
 * failures (a disconnect) become {@link UploadFailure#interrupted}, and a gzip body
 * ({@code Content-Encoding: gzip}) is decompressed on the fly, its errors becoming
 * {@link UploadFailure#gunzip}.
 */
final class RequestBody {
    private static final int GZIP_BUFFER = 64 * 1024;

    private RequestBody() {
    }

    /** The raw body; an I/O failure here is the client's (it went away, or its chunks broke off). */
    static InputStream received(InputStream raw) {
        return new Received(raw);
    }

    /** Decompressed on the fly; failures of the stream beneath stay what they were. */
    static InputStream gunzipped(InputStream compressed) {
        return new Gunzipped(compressed);
    }

    private static final class Received extends InputStream {
        private final InputStream raw;

        Received(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            try {
                return raw.read();
            } catch (IOException e) {
                throw UploadFailure.interrupted(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return raw.read(b, off, len);
            } catch (IOException e) {
                throw UploadFailure.interrupted(e);
            }
        }
    }

    /** GZIPInputStream reads the header on construction, so it is made on the first read. */
    private static final class Gunzipped extends InputStream {
        private final InputStream compressed;
        private GZIPInputStream gzip;

        Gunzipped(InputStream compressed) {
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                if (gzip == null) {
                    gzip = new GZIPInputStream(compressed, GZIP_BUFFER);
                }
                return gzip.read(b, off, len);
            } catch (UploadFailure e) {
                throw e;
            } catch (IOException e) {
                throw UploadFailure.gunzip(e);
            }
        }
    }
}
