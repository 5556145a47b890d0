package io.geoingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds test archives with whatever entry names a hostile archive could carry. */
final class Archives {
    /** A tar entry that is a link, not a file. */
    record Link(boolean symbolic, String target) {
    }

    private Archives() {
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A zip of the entries in map order; a name ending in '/' is a directory. */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A tar (gzipped when the name says so) of byte[] and {@link Link} entries in map order. */
    static Path tar(Path file, Map<String, ?> entries) throws IOException {
        String name = file.getFileName().toString();
        OutputStream raw = Files.newOutputStream(file);
        OutputStream out = name.endsWith(".gz") || name.endsWith(".tgz") ? new GZIPOutputStream(raw) : raw;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                if (e.getValue() instanceof Link link) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey(),
                            link.symbolic() ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK);
                    entry.setLinkName(link.target());
                    tar.putArchiveEntry(entry);
                } else {
                    byte[] data = (byte[]) e.getValue();
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(data.length);
                    tar.putArchiveEntry(entry);
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    /** Sets the "encrypted" general purpose bit of every local and central header. */
    static void markEncrypted(Path zip) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        for (int i = 0; i + 10 < b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4) {
                b[i + 6] |= 1;
            } else if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                b[i + 8] |= 1;
            }
        }
        Files.write(zip, b);
    }
}
