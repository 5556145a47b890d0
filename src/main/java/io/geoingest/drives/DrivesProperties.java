package io.geoingest.drives;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.drives.*}: the cloud drives files are imported from ({@code service_name}
 * {@code dropbox}, {@code gdrive}, {@code box}), each with the base URLs of its API (changed only to reach a proxy or a
 * test's fake) and the OAuth access token of each account that has one in configuration. A
 * token given in a request ({@code service_token}) wins over the configured one.
 */
@ConfigurationProperties("geoingest.drives")
public record DrivesProperties(@DefaultValue Dropbox dropbox, @DefaultValue Gdrive gdrive, @DefaultValue Box box) {

    /**
     * @param apiUrl    the Box API ({@code BoxAPIConnection#setBaseURL}, which adds the version
     *                  {@code 2.0/}): {@code https://api.box.com/}
     * @param uploadUrl the Box upload API ({@code setBaseUploadURL}; unused for reading, set so that
     *                  no request ever leaves for a host not configured): {@code https://upload.box.com/api/}
     * @param tokens    account username → OAuth access token
     */
    public record Box(@DefaultValue("https://api.box.com/") URI apiUrl,
                      @DefaultValue("https://upload.box.com/api/") URI uploadUrl,
                      Map<String, String> tokens) {
        public Box {
            tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
            check(apiUrl, "box.api-url");
            check(uploadUrl, "box.upload-url");
        }
    }

    /**
     * @param rootUrl the Google APIs root the Drive client calls ({@code Drive.Builder#setRootUrl}):
     *                {@code https://www.googleapis.com/}
     * @param tokens  account username → OAuth access token (scope {@code drive.readonly})
     */
    public record Gdrive(@DefaultValue("https://www.googleapis.com/") URI rootUrl, Map<String, String> tokens) {
        public Gdrive {
            tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
            check(rootUrl, "gdrive.root-url");
        }
    }

    /**
     * @param apiUrl     the Dropbox API host (metadata): {@code https://api.dropboxapi.com}
     * @param contentUrl the Dropbox content host (downloads): {@code https://content.dropboxapi.com}
     * @param tokens     account username → OAuth access token
     */
    public record Dropbox(@DefaultValue("https://api.dropboxapi.com") URI apiUrl,
                          @DefaultValue("https://content.dropboxapi.com") URI contentUrl,
                          Map<String, String> tokens) {
        public Dropbox {
            tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
            check(apiUrl, "dropbox.api-url");
            check(contentUrl, "dropbox.content-url");
        }
    }

    private static void check(URI url, String name) {
        if (url == null || url.getHost() == null
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("geoingest.drives." + name + " must be an http(s) URL");
        }
    }
}
