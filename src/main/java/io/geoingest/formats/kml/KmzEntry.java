package io.geoingest.formats.kml;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The KML document of a KMZ archive: {@code doc.kml} at the root, else the first {@code .kml}
 * entry. It is read straight from the archive and never extracted, so an entry name such as
 * {@code ../../evil.kml} is only a name: nothing is written anywhere.
 */
final class KmzEntry {
    private final Path archive;
    private final String entryName;

    private KmzEntry(Path archive, String entryName) {
        this.archive = archive;
        this.entryName = entryName;
    }

    /** @throws ImportException DECOMPRESSION for a broken archive, EMPTY_FILE when it holds no KML */
    static KmzEntry find(Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String first = null;
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (e.isDirectory() || !name.toLowerCase(Locale.ROOT).endsWith(".kml")) {
                    continue;
                }
                if (name.equalsIgnoreCase("doc.kml")) {
                    return new KmzEntry(archive, name);
                }
                if (first == null) {
                    first = name;
                }
            }
            if (first == null) {
                throw new ImportException(ErrorCode.EMPTY_FILE, "the KMZ archive holds no .kml document");
            }
            return new KmzEntry(archive, first);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.DECOMPRESSION, "cannot read the KMZ archive: " + e.getMessage(), e);
        }
    }

    /** The entry's bytes; closing the stream closes the archive. */
    InputStream open() {
        try {
            ZipFile zip = new ZipFile(archive.toFile());
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                zip.close();
                throw new ImportException(ErrorCode.FILE_IO, "the KMZ entry " + entryName + " disappeared");
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        } catch (IOException e) {
            throw new ImportException(ErrorCode.DECOMPRESSION, "cannot read the KMZ archive: " + e.getMessage(), e);
        }
    }
}
