package io.geoingest.fetch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A URL to download and, for a sync's later runs, the version of it already imported: its
 * {@code ETag}, {@code Last-Modified} and SHA-256 checksum (each null when unknown).
 */
public record RemoteFile(String url, String etag, String lastModified, String checksum) {

    public static RemoteFile of(String url) {
        return new RemoteFile(url, null, null, null);
    }

    /** The conditional request headers that let the server answer 304 when nothing changed. */
    Map<String, String> validators() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        return headers;
    }
}
