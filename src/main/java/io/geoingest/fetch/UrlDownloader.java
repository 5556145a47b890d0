package io.geoingest.fetch;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.logging.LogContext;
import io.geoingest.sources.SourceAddressPolicy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Component;

/**
 * Downloads the file behind an http(s) URL into a directory, streaming, within the limits of
 * {@link DownloadProperties}. A failed download leaves no file behind.
 *
 * <p>The file is named after the {@code Content-Disposition} filename, else the last path
 * segment of the final URL (after redirects), else "download"; a name without a known data
 * extension gets the one its {@code Content-Type} implies ({@code export.php} served as
 * text/csv becomes {@code export.php.csv}). Names are reduced to one safe segment; a taken
 * name gets a {@code _1} suffix on disk, while {@link DataFile#originalName()} keeps the name.
 *
 * <p>Every request, the first and each redirect, goes only where the {@link SourceAddressPolicy}
 * allows (not to geoingest's own database, cloud metadata services and the like).
 *
 * <p>Errors ({@link ImportException}): unknown host 1102; HTTP 404/410 1100; 401/403 1101, and
 * 1101 too for a host the address policy refuses; other HTTP errors, refused or broken
 * connections, truncated bodies, too many redirects 1001; timeouts 1020; over
 * {@code max-bytes} 6666.
 */
@Component
public class UrlDownloader implements AutoCloseable {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int NOT_MODIFIED = 304;
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("text/csv", "csv"), Map.entry("application/csv", "csv"),
            Map.entry("text/comma-separated-values", "csv"), Map.entry("text/tab-separated-values", "tsv"),
            Map.entry("text/plain", "txt"), Map.entry("application/zip", "zip"),
            Map.entry("application/x-zip-compressed", "zip"), Map.entry("application/gzip", "gz"),
            Map.entry("application/x-gzip", "gz"), Map.entry("application/x-tar", "tar"),
            Map.entry("application/json", "json"), Map.entry("application/geo+json", "geojson"),
            Map.entry("application/vnd.geo+json", "geojson"),
            Map.entry("application/vnd.google-earth.kml+xml", "kml"),
            Map.entry("application/vnd.google-earth.kmz", "kmz"), Map.entry("application/gpx+xml", "gpx"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", "ods"));
    /** Extensions that already say what a file is: never second-guessed by Content-Type. */
    private static final Set<String> DATA_EXTENSIONS = Set.of("csv", "tsv", "txt", "zip", "gz", "tgz", "tar", "json",
            "geojson", "kml", "kmz", "gpx", "osm", "xls", "xlsx", "ods", "shp", "tab");

    private final DownloadProperties properties;
    private final SourceAddressPolicy addresses;
    private final HttpClient client;
    /** Ends bodies that outlive the deadline; cancelled tasks leave its queue at once. */
    private final ScheduledThreadPoolExecutor watchdogs;

    public UrlDownloader(DownloadProperties properties, SourceAddressPolicy addresses) {
        this.properties = properties;
        this.addresses = addresses;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                // Followed here instead, to bound them and check where each one leads.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.watchdogs = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdogs.setRemoveOnCancelPolicy(true);
    }

    /** Stops the watchdog thread (Spring calls it when the context closes). */
    @Override
    public void close() {
        watchdogs.shutdownNow();
    }

    /**
     * Opens the body of a GET of {@code url} for the caller to read and close: for answers
     * read as they stream (an ArcGIS page) rather than saved. The checks, redirects and errors
     * are a download's; at the {@code timeout} deadline the body is closed, so a stalled server
     * makes the read fail instead of holding the import.
     */
    public InputStream open(String url) {
        URI uri;
        try {
            uri = validate(url);
        } catch (InvalidImportRequest e) {
            throw new ImportException(ErrorCode.DOWNLOAD, e.getMessage());
        }
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        InputStream body = fetch(uri, deadline, Map.of()).body();
        ScheduledFuture<?> watchdog = watchdogs.schedule(LogContext.carrying(() -> closeQuietly(body)), deadline - System.nanoTime(),
                TimeUnit.NANOSECONDS);
        return new FilterInputStream(body) {
            @Override
            public void close() throws IOException {
                watchdog.cancel(false);
                super.close();
            }
        };
    }

    /**
     * Checks that {@code url} is an absolute http or https URL with a host, so that a request
     * for {@code file:}, {@code ftp:}, {@code jar:} and the like is refused before it is queued.
     * Unencoded characters such as spaces are tolerated and encoded.
     *
     * @throws InvalidImportRequest when it is not
     */
    public URI validate(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidImportRequest("The URL is empty");
        }
        URI uri = parse(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidImportRequest("Only http and https URLs can be imported: " + url);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            String ambiguity = SourceAddressPolicy.ambiguity(uri);
            if (ambiguity != null) {
                throw new InvalidImportRequest("Refused to download " + url + ": " + ambiguity);
            }
            throw new InvalidImportRequest("The URL has no host name: " + url);
        }
        return uri;
    }

    /**
     * Downloads {@code remote} into a new file in {@code dir}, unless it has not changed since the
     * version it describes: the server answers 304 to its validators, or the body's checksum is
     * the same.
     */
    public Fetched download(RemoteFile remote, Path dir) {
        URI uri;
        try {
            uri = validate(remote.url());
            Files.createDirectories(dir);
        } catch (InvalidImportRequest e) {
            throw new ImportException(ErrorCode.DOWNLOAD, e.getMessage());
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not create the download directory", e);
        }
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        SourceVersion known = remote.known();
        HttpResponse<InputStream> response = fetch(uri, deadline, validators(known));
        try {
            if (response.statusCode() == NOT_MODIFIED) {
                return new Fetched(null, known);
            }
            MessageDigest digest = sha256();
            DataFile file = save(response, new DigestInputStream(response.body(), digest), dir, deadline);
            // The server's validators as it sent them, even when only the checksum shows nothing changed.
            SourceVersion read = new SourceVersion(response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null),
                    HexFormat.of().formatHex(digest.digest()));
            if (read.checksum().equals(known.checksum())) {
                Transfers.deleteQuietly(file.path());
                return new Fetched(null, read);
            }
            return new Fetched(file, read);
        } finally {
            closeQuietly(response.body());
        }
    }

    /** The conditional request headers that let the server answer 304 when {@code known} has not changed. */
    private static Map<String, String> validators(SourceVersion known) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (known.etag() != null) {
            headers.put("If-None-Match", known.etag());
        }
        if (known.lastModified() != null) {
            headers.put("If-Modified-Since", known.lastModified());
        }
        return headers;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends GETs, following redirects, until a 2xx answer (or a 304 to {@code validators}), whose
     * body is still unread.
     */
    private HttpResponse<InputStream> fetch(URI start, long deadline, Map<String, String> validators) {
        URI uri = start;
        for (int redirects = 0; ; redirects++) {
            addresses.checkUrl(uri);
            HttpResponse<InputStream> response = send(uri, deadline, validators);
            int status = response.statusCode();
            if (status >= 200 && status < 300 || status == NOT_MODIFIED && !validators.isEmpty()) {
                return response;
            }
            closeQuietly(response.body());
            if (!REDIRECTS.contains(status)) {
                throw statusError(status, uri);
            }
            if (redirects == properties.maxRedirects()) {
                throw new ImportException(ErrorCode.DOWNLOAD,
                        "Too many redirects (over " + properties.maxRedirects() + ") from " + start);
            }
            uri = redirectTarget(uri, response);
        }
    }

    private HttpResponse<InputStream> send(URI uri, long deadline, Map<String, String> headers) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(uri);
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofNanos(remaining))
                    .header("User-Agent", "geoingest")
                    .GET();
            headers.forEach(request::header);
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timeout(uri);
        } catch (IOException e) {
            if (isUnknownHost(e)) {
                throw new ImportException(ErrorCode.DOWNLOAD_UNKNOWN_SERVER, "Unknown server: " + uri.getHost(), e);
            }
            throw new ImportException(ErrorCode.DOWNLOAD, "Could not download " + uri + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new ImportException(ErrorCode.DOWNLOAD, "Cannot download " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(ErrorCode.DOWNLOAD, "The download of " + uri + " was interrupted", e);
        }
    }

    private URI redirectTarget(URI from, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new ImportException(ErrorCode.DOWNLOAD,
                        "HTTP " + response.statusCode() + " without a Location from " + from));
        try {
            URI target = from.resolve(parse(location.strip()));
            String ambiguity = SourceAddressPolicy.ambiguity(target);
            if (ambiguity != null) {
                throw new ImportException(ErrorCode.DOWNLOAD_FORBIDDEN,
                        "Refused to download " + target + " (redirected from " + from + "): " + ambiguity);
            }
            return validate(target.toString());
        } catch (InvalidImportRequest | IllegalArgumentException e) {
            throw new ImportException(ErrorCode.DOWNLOAD, "Redirected from " + from + " to an unusable URL: " + location);
        }
    }

    private DataFile save(HttpResponse<InputStream> response, InputStream body, Path dir, long deadline) {
        long max = properties.maxBytes().toBytes();
        long declared = contentLength(response);
        if (declared > max) {
            throw tooBig(response.uri(), max);
        }
        String name = fileName(response);
        Path target;
        try {
            target = FileNames.createUnique(dir, name);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not create the file for " + name, e);
        }
        // The request timeout only covers the wait for headers: closing the body at the
        // deadline makes a blocked read fail.
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = watchdogs.schedule(() -> {
            timedOut.set(true);
            closeQuietly(response.body());
        }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        boolean saved = false;
        try {
            long size = Transfers.copy(body, target, max);
            if (timedOut.get()) {
                throw timeout(response.uri());
            }
            if (size > max) {
                throw tooBig(response.uri(), max);
            }
            if (declared >= 0 && size != declared) {
                throw new ImportException(ErrorCode.DOWNLOAD,
                        "The download of " + response.uri() + " was cut short: " + size + " of " + declared + " bytes");
            }
            saved = true;
            return new DataFile(target, name);
        } catch (IOException e) {
            throw timedOut.get() ? timeout(response.uri())
                    : new ImportException(ErrorCode.DOWNLOAD,
                            "The download of " + response.uri() + " broke off: " + describe(e), e);
        } finally {
            watchdog.cancel(false);
            if (!saved) {
                Transfers.deleteQuietly(target);
            }
        }
    }

    private static String fileName(HttpResponse<?> response) {
        String name = response.headers().firstValue("Content-Disposition")
                .map(UrlDownloader::dispositionFileName)
                .map(FileNames::sanitize)
                .orElse("");
        if (name.isEmpty()) {
            String path = response.uri().getPath();
            name = path == null ? "" : FileNames.sanitize(path);
        }
        if (name.isEmpty()) {
            name = "download";
        }
        String implied = response.headers().firstValue("Content-Type")
                .map(t -> EXTENSIONS.get(t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)))
                .orElse(null);
        if (implied != null && !DATA_EXTENSIONS.contains(FileNames.extension(name))) {
            name = name + "." + implied;
        }
        return name;
    }

    private static String dispositionFileName(String header) {
        try {
            String name = ContentDisposition.parse(header).getFilename();
            return name == null ? "" : name;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static long contentLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Parses leniently: characters a browser would encode (spaces, |, ...) are encoded. */
    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            try {
                URL u = new URL(url);
                return new URI(u.getProtocol(), u.getUserInfo(), u.getHost(), u.getPort(), u.getPath(), u.getQuery(),
                        u.getRef());
            } catch (MalformedURLException | URISyntaxException e2) {
                throw new InvalidImportRequest("Not a valid URL: " + url);
            }
        }
    }

    private static boolean isUnknownHost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static ImportException statusError(int status, URI uri) {
        ErrorCode code = switch (status) {
            case 404, 410 -> ErrorCode.DOWNLOAD_NOT_FOUND;
            case 401, 403 -> ErrorCode.DOWNLOAD_FORBIDDEN;
            default -> ErrorCode.DOWNLOAD;
        };
        return new ImportException(code, "HTTP " + status + " from " + uri);
    }

    private static ImportException timeout(URI uri) {
        return new ImportException(ErrorCode.DOWNLOAD_TIMEOUT, "The download of " + uri + " timed out");
    }

    private static ImportException tooBig(URI uri, long max) {
        return new ImportException(ErrorCode.DATASET_TOO_BIG,
                "The file at " + uri + " is larger than the " + max + " bytes allowed");
    }

    /** The JDK client often throws with a null message (e.g. a refused connection). */
    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to save
        }
    }
}
