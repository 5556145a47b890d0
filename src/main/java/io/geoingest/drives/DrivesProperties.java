package io.geoingest.drives;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.drives.*}: the cloud drives files are imported from ({@code service_name}
 * {@code dropbox}), each with the base URLs of its API (changed only to reach a proxy or a
 * test's fake) and the OAuth access token of each account that has one in configuration. A
 * token given in a request ({@code service_token}) wins over the configured one.
 */
@ConfigurationProperties("geoingest.drives")
public record DrivesProperties(@DefaultValue Dropbox dropbox) {

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
            check(apiUrl, "api-url");
            check(contentUrl, "content-url");
        }
    }

    private static void check(URI url, String name) {
        if (url == null || url.getHost() == null
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("geoingest.drives.dropbox." + name + " must be an http(s) URL");
        }
    }
}
