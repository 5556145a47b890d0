package io.geoingest.fetch;

import io.geoingest.kernel.SourceVersion;

/** A URL to download and, for a sync's later runs, the version of it already imported. */
public record RemoteFile(String url, SourceVersion known) {

    public static RemoteFile of(String url) {
        return new RemoteFile(url, SourceVersion.UNKNOWN);
    }
}
