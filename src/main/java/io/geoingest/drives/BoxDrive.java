package io.geoingest.drives;

import com.box.sdk.BoxAPIConnection;
import com.box.sdk.BoxAPIException;
import com.box.sdk.BoxFile;
import com.box.sdk.BoxFileVersion;
import io.geoingest.drives.DriveSource.DriveFile;
import io.geoingest.fetch.DownloadProperties;
import io.geoingest.fetch.Fetched;
import io.geoingest.fetch.LocalFiles;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.sources.SourceAddressPolicy;
import java.net.SocketTimeoutException;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Reads a Box file through the Box Java SDK: its information first ({@code GET files/<id>}:
 * name, size, {@code file_version}, {@code content_modified_at}, {@code item_status}), then,
 * unless a sync's table already holds that version, its content ({@code files/<id>/content})
 * into the import's directory.
 *
 * <p>Errors: a token Box refuses (401) or access denied (403), or no token, 1021; a file that is
 * gone (404) or in the trash 1011; a download that broke off or came short 1001; a timeout 1020;
 * past {@code geoingest.download.max-bytes} 6666.
 */
@Component
public class BoxDrive {
    private static final String[] FIELDS = {"name", "size", "sha1", "modified_at", "content_modified_at",
        "item_status", "file_version", "etag"};

    private final DrivesProperties.Box settings;
    private final DriveTokens tokens;
    private final DownloadProperties download;
    private final SourceAddressPolicy addresses;

    public BoxDrive(DrivesProperties drives, DownloadProperties download, SourceAddressPolicy addresses) {
        this.settings = drives.box();
        this.tokens = new DriveTokens(settings.tokens(), ErrorCode.BOX_ACCESS_REVOKED, "Box", "geoingest.drives.box.tokens");
        this.download = download;
        this.addresses = addresses;
    }

    /** The token configured for {@code username}, or null. */
    String configuredToken(String username) {
        return tokens.of(username);
    }

    public Fetched fetch(DriveFile file, Path dir) {
        tokens.require(file);
        String what = "Box file " + file.item();
        BoxFile box = new BoxFile(connection(file.token()), file.item());
        try {
            BoxFile.Info info = box.getInfo(FIELDS);
            if (info.getItemStatus() != null && !"active".equals(info.getItemStatus())) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, what + " is " + info.getItemStatus()
                        + " (in the trash, or deleted)");
            }
            SourceVersion version = version(info);
            SourceVersion known = file.known();
            if (known.etag() != null && known.etag().equals(version.etag())
                    && Objects.equals(known.lastModified(), version.lastModified())) {
                return new Fetched(null, version);
            }
            DataFile saved = LocalFiles.save(box::download, dir, info.getName(), info.getSize(),
                    download.maxBytes().toBytes(), what);
            return new Fetched(saved, version);
        } catch (ImportException e) {
            throw e;
        } catch (BoxAPIException e) {
            throw switch (e.getResponseCode()) {
                case 401, 403 -> new ImportException(ErrorCode.BOX_ACCESS_REVOKED,
                        "Box refused access to " + what + ": HTTP " + e.getResponseCode(), e);
                case 404, 410 -> new ImportException(ErrorCode.DATASOURCE_QUERY,
                        what + " was not found: it was deleted, or never shared with this account", e);
                default -> timedOut(e) ? new ImportException(ErrorCode.DOWNLOAD_TIMEOUT,
                        "The download of " + what + " timed out", e)
                        : new ImportException(ErrorCode.DOWNLOAD, "Box could not give " + what + ": "
                                + (e.getResponseCode() > 0 ? "HTTP " + e.getResponseCode() : "a network error"), e);
            };
        } catch (RuntimeException e) {
            // The SDK wraps a read that fails while it writes the content out in a bare RuntimeException.
            if (!(e.getCause() instanceof java.io.IOException io)) {
                throw e;
            }
            throw timedOut(io) ? new ImportException(ErrorCode.DOWNLOAD_TIMEOUT, "The download of " + what + " timed out", e)
                    : new ImportException(ErrorCode.DOWNLOAD, "The download of " + what + " broke off: "
                            + (io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName()), e);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SDK's connection, its OkHttp client made to check every request, each redirect hop
     * included, against the address policy, and to speak plain http when a base URL is http
     * (a local fake; the SDK allows only TLS).
     */
    static final class Connection extends BoxAPIConnection {
        private SourceAddressPolicy addresses;
        private boolean cleartext;

        Connection(String token) {
            super(token);
        }

        void configure(SourceAddressPolicy addresses, boolean cleartext) {
            this.addresses = addresses;
            this.cleartext = cleartext;
        }

        @Override
        protected OkHttpClient.Builder modifyHttpClientBuilder(OkHttpClient.Builder builder) {
            // Also called from BoxAPIConnection's constructor, before configure: nothing to add yet.
            if (addresses == null) {
                return builder;
            }
            SourceAddressPolicy policy = addresses;
            builder.addNetworkInterceptor(chain -> {
                policy.checkUrl(chain.request().url().uri());
                return chain.proceed(chain.request());
            });
            if (cleartext) {
                builder.connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT));
            }
            return builder;
        }
    }

    private BoxAPIConnection connection(String token) {
        Connection api = new Connection(token);
        api.configure(addresses, "http".equalsIgnoreCase(settings.apiUrl().getScheme())
                || "http".equalsIgnoreCase(settings.uploadUrl().getScheme()));
        api.setBaseURL(base(settings.apiUrl().toString()));
        api.setBaseUploadURL(base(settings.uploadUrl().toString()));
        api.setAutoRefresh(false);
        api.setMaxRetryAttempts(0);
        // Rebuilds the OkHttp client, now with the checks of modifyHttpClientBuilder.
        api.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, download.connectTimeout().toMillis()));
        api.setReadTimeout((int) Math.min(Integer.MAX_VALUE, download.timeout().toMillis()));
        return api;
    }

    /** The SDK appends paths such as {@code files/<id>} to its base URLs: they end with a slash. */
    private static String base(String url) {
        return url.replaceAll("/+$", "") + "/";
    }

    private static SourceVersion version(BoxFile.Info info) {
        BoxFileVersion v = info.getVersion();
        Date modified = info.getContentModifiedAt() != null ? info.getContentModifiedAt() : info.getModifiedAt();
        String lastModified = modified == null ? null
                : DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.toInstant().atOffset(ZoneOffset.UTC));
        String etag = v != null && v.getVersionID() != null ? v.getVersionID() : info.getEtag();
        return new SourceVersion(etag, lastModified, info.getSha1());
    }
}
