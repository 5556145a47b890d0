package io.geoingest.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which version of a URL's content an import read: the server's {@code ETag} and
 * {@code Last-Modified} (kept verbatim, to be sent back as they came) and the SHA-256 of the
 * body; each null when unknown. A sync's next run asks only for a newer version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceVersion(String etag, @JsonProperty("last_modified") String lastModified, String checksum) {
    public static final SourceVersion UNKNOWN = new SourceVersion(null, null, null);
}
