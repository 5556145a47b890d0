package io.geoingest.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A file ready to be read: already downloaded, decompressed and extracted from its archive.
 *
 * @param path         where it is on local disk
 * @param originalName the name the user gave it (upload name, URL path, archive entry), used
 *                     for the table name and the format
 * @param meter        what opens it: readers use {@link #open()}, so that the import's progress
 *                     sees the bytes read
 */
public record DataFile(Path path, String originalName, ReadMeter meter) {

    public DataFile(Path path, String originalName) {
        this(path, originalName, ReadMeter.NONE);
    }

    /** The same file, opened through {@code meter}. */
    public DataFile metered(ReadMeter meter) {
        return new DataFile(path, originalName, meter);
    }

    /** The file's bytes, from the start. */
    public InputStream open() throws IOException {
        return meter.open(path);
    }

    /** The lower-case extension of {@link #originalName()}, without the dot, or "". */
    public String extension() {
        String n = originalName;
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** {@link #originalName()} without directories and extension: the table's suggested name. */
    public String baseName() {
        String n = originalName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? n : n.substring(0, dot);
    }
}
