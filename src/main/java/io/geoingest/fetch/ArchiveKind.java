package io.geoingest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The archive formats {@link ArchiveExpander} opens. */
enum ArchiveKind {
    ZIP, TAR, TAR_GZ, GZ, NONE;

    private static final int TAR_MAGIC_AT = 257;

    /**
     * By the name's extension; a name without one (a gunzipped {@code shapes.gz}, a URL such
     * as {@code /download}) by the file's first bytes. Other extensions are never archives
     * here, so that zip-based formats (xlsx, kmz, ods) reach their readers whole.
     */
    static ArchiveKind of(String name, Path file) throws IOException {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return TAR_GZ;
        }
        if (n.endsWith(".tar")) {
            return TAR;
        }
        if (n.endsWith(".zip")) {
            return ZIP;
        }
        if (n.endsWith(".gz")) {
            return GZ;
        }
        return FileNames.extension(name).isEmpty() ? sniff(file) : NONE;
    }

    private static ArchiveKind sniff(Path file) throws IOException {
        byte[] head = new byte[TAR_MAGIC_AT + 5];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return GZ;
        }
        if (n == head.length && new String(head, TAR_MAGIC_AT, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return TAR;
        }
        return NONE;
    }
}
