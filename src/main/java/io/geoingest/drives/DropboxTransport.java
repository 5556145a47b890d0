package io.geoingest.drives;

import com.dropbox.core.http.HttpRequestor;
import io.geoingest.sources.SourceAddressPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The Dropbox client's HTTP, sent where {@code geoingest.drives.dropbox.*-url} say: the SDK
 * builds {@code https://<host>/...} URLs from its {@code DbxHost}; each is mapped back onto the
 * configured base URL (which may be plain http for a local fake), and its server must pass
 * the {@link SourceAddressPolicy} as a URL download's does.
 */
final class DropboxTransport extends HttpRequestor {
    private final HttpRequestor delegate;
    private final SourceAddressPolicy addresses;
    /** "https://<authority>" the SDK writes → the configured base URL without a trailing slash. */
    private final Map<String, String> bases;

    /**
     * @param hosts    the host names the SDK is given ({@code DbxHost}), each mapped onto the base
     *                 URL at the same position of {@code baseUrls}
     */
    DropboxTransport(HttpRequestor delegate, SourceAddressPolicy addresses, String[] hosts, URI[] baseUrls) {
        this.delegate = delegate;
        this.addresses = addresses;
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < hosts.length; i++) {
            map.put("https://" + hosts[i], baseUrls[i].toString().replaceAll("/+$", ""));
        }
        this.bases = Map.copyOf(map);
    }

    private String target(String url) {
        String mapped = url;
        for (Map.Entry<String, String> e : bases.entrySet()) {
            if (url.startsWith(e.getKey() + "/")) {
                mapped = e.getValue() + url.substring(e.getKey().length());
                break;
            }
        }
        addresses.checkUrl(URI.create(mapped));
        return mapped;
    }

    @Override
    public Response doGet(String url, Iterable<Header> headers) throws IOException {
        return delegate.doGet(target(url), headers);
    }

    @Override
    public Uploader startPost(String url, Iterable<Header> headers) throws IOException {
        return delegate.startPost(target(url), headers);
    }

    @Override
    public Uploader startPut(String url, Iterable<Header> headers) throws IOException {
        return delegate.startPut(target(url), headers);
    }
}
