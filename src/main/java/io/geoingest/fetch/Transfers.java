package io.geoingest.fetch;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bounded stream-to-file copies, in fixed-size chunks. */
final class Transfers {
    private static final int CHUNK = 64 * 1024;

    private Transfers() {
    }

    /**
     * Copies {@code in} into {@code target}, stopping once more than {@code limit} bytes came:
     * a result over {@code limit} means the source was larger. Reading errors are thrown as
     * they are, for the caller to name; writing errors (a full disk) as {@code FILE_IO}.
     */
    static long copy(InputStream in, Path target, long limit) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                total += n;
                if (total > limit) {
                    return total;
                }
                try {
                    out.write(chunk, 0, n);
                } catch (IOException e) {
                    throw new ImportException(ErrorCode.FILE_IO, "Could not write " + target.getFileName(), e);
                }
            }
        }
        return total;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort: a leftover in the import's own work directory harms nothing.
        }
    }
}
