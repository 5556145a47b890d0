package io.geoingest.drives;

import com.dropbox.core.DbxDownloader;
import com.dropbox.core.DbxException;
import com.dropbox.core.DbxHost;
import com.dropbox.core.DbxRequestConfig;
import com.dropbox.core.InvalidAccessTokenException;
import com.dropbox.core.NetworkIOException;
import com.dropbox.core.v2.DbxClientV2;
import com.dropbox.core.v2.files.FileMetadata;
import com.dropbox.core.v2.files.Metadata;
import com.dropbox.core.http.StandardHttpRequestor;
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
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Reads a Dropbox file through the Dropbox Core SDK: its metadata first ({@code files/get_metadata}:
 * name, {@code rev}, {@code server_modified}), then, unless a sync's table already holds that
 * revision, its content ({@code files/download}) into the import's directory.
 *
 * <p>Errors: a token refused or lacking access 1016; a file that is gone or not a file 1011;
 * a download that broke off or came short 1001; a timeout 1020; past
 * {@code geoingest.download.max-bytes} 6666.
 */
@Component
public class DropboxDrive {
    private final DrivesProperties.Dropbox settings;
    private final DriveTokens tokens;
    private final DownloadProperties download;
    private final SourceAddressPolicy addresses;

    public DropboxDrive(DrivesProperties drives, DownloadProperties download, SourceAddressPolicy addresses) {
        this.settings = drives.dropbox();
        this.tokens = new DriveTokens(settings.tokens(), ErrorCode.DROPBOX_PERMISSION_REVOKED, "Dropbox", "geoingest.drives.dropbox.tokens");
        this.download = download;
        this.addresses = addresses;
    }

    /** The token configured for {@code username}, or null. */
    String configuredToken(String username) {
        return tokens.of(username);
    }

    public Fetched fetch(DriveFile file, Path dir) {
        tokens.require(file);
        String path = path(file.item());
        String what = "Dropbox file " + file.item();
        DbxClientV2 client = client(file.token());
        try {
            Metadata meta = client.files().getMetadata(path);
            if (!(meta instanceof FileMetadata found)) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, what + " is not a file");
            }
            SourceVersion version = version(found);
            SourceVersion known = file.known();
            if (known.etag() != null && known.etag().equals(version.etag())
                    && (known.lastModified() == null || Objects.equals(known.lastModified(), version.lastModified()))) {
                return new Fetched(null, version);
            }
            try (DbxDownloader<FileMetadata> body = client.files().download(path, found.getRev())) {
                FileMetadata got = body.getResult();
                DataFile saved = LocalFiles.save(body.getInputStream(), dir, got.getName(), got.getSize(),
                        download.maxBytes().toBytes(), what);
                return new Fetched(saved, version(got));
            }
        } catch (InvalidAccessTokenException | com.dropbox.core.AccessErrorException e) {
            throw new ImportException(ErrorCode.DROPBOX_PERMISSION_REVOKED,
                    "Dropbox refused the token for " + what + ": " + e.getClass().getSimpleName(), e);
        } catch (com.dropbox.core.v2.files.GetMetadataErrorException
                 | com.dropbox.core.v2.files.DownloadErrorException e) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, what + " cannot be read (it may have been deleted): " + e.getMessage(), e);
        } catch (NetworkIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new ImportException(ErrorCode.DOWNLOAD_TIMEOUT, "The download of " + what + " timed out", e);
            }
            throw new ImportException(ErrorCode.DOWNLOAD, "Could not reach Dropbox for " + what + ": "
                    + e.getCause(), e);
        } catch (DbxException e) {
            throw new ImportException(ErrorCode.DOWNLOAD, "Dropbox could not give " + what + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private DbxClientV2 client(String token) {
        long connect = download.connectTimeout().toMillis();
        long read = download.timeout().toMillis();
        StandardHttpRequestor http = new StandardHttpRequestor(StandardHttpRequestor.Config.builder()
                .withConnectTimeout(connect, TimeUnit.MILLISECONDS)
                .withReadTimeout(read, TimeUnit.MILLISECONDS).build());
        DbxHost host = DbxHost.DEFAULT;
        DbxRequestConfig config = DbxRequestConfig.newBuilder("geoingest")
                .withHttpRequestor(new DropboxTransport(http, addresses,
                        new String[] {host.getApi(), host.getContent()},
                        new java.net.URI[] {settings.apiUrl(), settings.contentUrl()}))
                .withAutoRetryDisabled()
                .build();
        return new DbxClientV2(config, token, host);
    }

    /** A file id ({@code id:...}), a path ({@code /dir/file.csv}), or a bare id, taken as {@code id:<it>}. */
    static String path(String item) {
        String s = item.strip();
        if (s.startsWith("/") || s.startsWith("id:") || s.startsWith("rev:") || s.startsWith("ns:")) {
            return s;
        }
        return "id:" + s;
    }

    private static SourceVersion version(FileMetadata m) {
        Date modified = m.getServerModified();
        String lastModified = modified == null ? null
                : DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.toInstant().atOffset(ZoneOffset.UTC));
        return new SourceVersion(m.getRev(), lastModified, m.getContentHash());
    }
}
