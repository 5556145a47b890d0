package io.geoingest.fetch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which version of a URL's content an import read: the server's {@code ETag} and
 * {@code Last-Modified} (kept verbatim, to be sent back as they came) and the SHA-256 of the
 * body; each null when unknown. A sync's next run asks only for a newer version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceVersion(String etag, @JsonProperty("last_modified") String lastModified, String checksum) {
    public static final SourceVersion UNKNOWN = new SourceVersion(null, null, null);

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
