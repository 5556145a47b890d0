package io.geoingest.connectors.arcgis;

import io.geoingest.kernel.InvalidImportRequest;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST URL of an ArcGIS FeatureServer or MapServer service, or of one of its layers or
 * tables: {@code http(s)://<host>/<site>/rest/services/[<folder>/]<service>/<FeatureServer|MapServer>[/<id>]}
 * (the seed's structure; ArcGIS Online's {@code services.arcgis.com/<org>/arcgis/rest/services/...}
 * fits it too). A query string or fragment is dropped: only public services can be imported,
 * so there is no token to keep, and {@code ?f=pjson} pasted from a browser does no harm.
 *
 * @param service the service, e.g. {@code https://host/arcgis/rest/services/Parcels/FeatureServer}
 * @param layerId the layer or table number, or null for the whole service
 */
record ArcGisUrl(URI service, Integer layerId) {
    private static final Pattern PATH = Pattern.compile(
            "(.*/rest/services/.+/(?:featureserver|mapserver))(?:/(\\d{1,9}))?/*", Pattern.CASE_INSENSITIVE);
    private static final String SERVICES = "/rest/services/";

    /**
     * Checks that an absolute http(s) URL (see {@code UrlDownloader.validate}) names an ArcGIS
     * service or layer.
     *
     * @throws InvalidImportRequest when it does not
     */
    static ArcGisUrl of(URI url) {
        if (url.getRawUserInfo() != null) {
            throw new InvalidImportRequest("ArcGIS URLs cannot carry credentials: only public layers can be imported");
        }
        Matcher m = PATH.matcher(url.getRawPath() == null ? "" : url.getRawPath());
        if (!m.matches()) {
            throw new InvalidImportRequest("Not an ArcGIS layer or service URL (expected http(s)://<host>/<site>"
                    + "/rest/services/<folder>/<service>/<FeatureServer|MapServer>/<layer id>): " + url);
        }
        URI service = URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + m.group(1));
        return new ArcGisUrl(service, m.group(2) == null ? null : Integer.valueOf(m.group(2)));
    }

    boolean isLayer() {
        return layerId != null;
    }

    /** The URL asked for: the layer, or the service. */
    URI target() {
        return layerId == null ? service : layer(layerId);
    }

    URI layer(int id) {
        return URI.create(service + "/" + id);
    }

    /** The site's {@code rest/info}, which states the server's version. */
    URI info() {
        String s = service.toString();
        int at = s.toLowerCase(Locale.ROOT).indexOf(SERVICES);
        return URI.create(s.substring(0, at) + "/rest/info");
    }

    @Override
    public String toString() {
        return target().toString();
    }
}
