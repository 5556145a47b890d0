package io.geoingest.fetch;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.FilterOutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves a download that is not a plain URL (a cloud drive's file, read through the vendor's
 * client) as {@link UrlDownloader} saves its own: a safe, unique name in the directory, the
 * size bound of {@code geoingest.download.max-bytes}, and no file left behind on failure.
 */
public final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * Streams {@code in} into a new file of {@code dir} named after {@code name}.
     *
     * @param expected the size the source announced, or -1: fewer bytes is a download cut short
     * @param what     names the source in error messages (never a credential)
     * @throws ImportException 1001 for a read that broke off or came short, 1020 for a timeout,
     *                         6666 past {@code max} bytes, 1000 when the file cannot be written
     */
    public static DataFile save(InputStream in, Path dir, String name, long expected, long max, String what) {
        DataFile created = create(dir, name, expected, max, what);
        Path target = created.path();
        boolean saved = false;
        try {
            long size = Transfers.copy(in, target, max);
            if (size > max) {
                throw tooBig(what, max);
            }
            if (expected >= 0 && size != expected) {
                throw cutShort(what, size, expected);
            }
            saved = true;
            return created;
        } catch (IOException e) {
            throw brokeOff(e, what);
        } finally {
            if (!saved) {
                Transfers.deleteQuietly(target);
            }
        }
    }

    /** Content a client writes out itself (Box's {@code download(OutputStream)}). */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * As {@link #save(InputStream, Path, String, long, long, String)}, for a client that writes
     * the content into a stream: writing past {@code max} bytes stops it with 6666. What the
     * client throws is thrown as it is, for the caller to name; the file is removed then too.
     */
    public static DataFile save(Body body, Path dir, String name, long expected, long max, String what) {
        DataFile created = create(dir, name, expected, max, what);
        Path target = created.path();
        boolean saved = false;
        long[] size = {0};
        try (OutputStream file = Files.newOutputStream(target); OutputStream out = new FilterOutputStream(file) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                size[0] += len;
                if (size[0] > max) {
                    throw tooBig(what, max);
                }
                file.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        }) {
            body.writeTo(out);
            out.flush();
            if (expected >= 0 && size[0] != expected) {
                throw cutShort(what, size[0], expected);
            }
            saved = true;
        } catch (IOException e) {
            throw brokeOff(e, what);
        } finally {
            if (!saved) {
                Transfers.deleteQuietly(target);
            }
        }
        return created;
    }

    /** The new, empty file the content goes to, named after {@code name} (sanitised, made unique). */
    private static DataFile create(Path dir, String name, long expected, long max, String what) {
        if (expected > max) {
            throw tooBig(what, max);
        }
        String safe = FileNames.sanitize(name == null ? "" : name);
        if (safe.isEmpty()) {
            safe = "download";
        }
        try {
            Files.createDirectories(dir);
            return new DataFile(FileNames.createUnique(dir, safe), safe);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not create the file for " + safe, e);
        }
    }

    private static ImportException brokeOff(IOException e, String what) {
        if (e instanceof SocketTimeoutException) {
            return new ImportException(ErrorCode.DOWNLOAD_TIMEOUT, "The download of " + what + " timed out", e);
        }
        return new ImportException(ErrorCode.DOWNLOAD, "The download of " + what + " broke off: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    }

    private static ImportException cutShort(String what, long size, long expected) {
        return new ImportException(ErrorCode.DOWNLOAD,
                "The download of " + what + " was cut short: " + size + " of " + expected + " bytes");
    }

    private static ImportException tooBig(String what, long max) {
        return new ImportException(ErrorCode.DATASET_TOO_BIG,
                "The file " + what + " is larger than the " + max + " bytes allowed");
    }
}
