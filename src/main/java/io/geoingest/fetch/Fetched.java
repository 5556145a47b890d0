package io.geoingest.fetch;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.SourceVersion;

/**
 * The outcome of downloading a {@link RemoteFile}: the file and the version it is, or, when the
 * source has not changed since the version asked about, no file.
 */
public record Fetched(DataFile file, SourceVersion version) {

    public boolean unchanged() {
        return file == null;
    }
}
