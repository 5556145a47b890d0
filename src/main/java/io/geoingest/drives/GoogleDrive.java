package io.geoingest.drives;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import io.geoingest.drives.DriveSource.DriveFile;
import io.geoingest.fetch.DownloadProperties;
import io.geoingest.fetch.Fetched;
import io.geoingest.fetch.LocalFiles;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.sources.SourceAddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Reads a Google Drive file through the Google Drive API v3 client: its metadata first
 * ({@code files.get}: name, {@code version}, {@code modifiedTime}, size, trashed), then, unless a
 * sync's table already holds that version, its content ({@code alt=media}; a Google Sheets
 * spreadsheet is exported as CSV) into the import's directory.
 *
 * <p>Errors: a token Google refuses (401) or access denied (403: no permission, a Google
 * Workspace domain that forbids third-party Drive apps) 1008; a file that is gone (404) or in
 * the trash 1017; a download that broke off or came short 1001; a timeout 1020; past
 * {@code geoingest.download.max-bytes} 6666.
 */
@Component
public class GoogleDrive {
    static final String SPREADSHEET = "application/vnd.google-apps.spreadsheet";
    private static final String FIELDS = "id,name,mimeType,size,version,modifiedTime,md5Checksum,trashed";

    private final DrivesProperties.Gdrive settings;
    private final DriveTokens tokens;
    private final DownloadProperties download;
    private final SourceAddressPolicy addresses;

    public GoogleDrive(DrivesProperties drives, DownloadProperties download, SourceAddressPolicy addresses) {
        this.settings = drives.gdrive();
        this.tokens = new DriveTokens(settings.tokens(), ErrorCode.GDRIVE_ACCESS_FORBIDDEN, "Google Drive", "geoingest.drives.gdrive.tokens");
        this.download = download;
        this.addresses = addresses;
    }

    /** The token configured for {@code username}, or null. */
    String configuredToken(String username) {
        return tokens.of(username);
    }

    public Fetched fetch(DriveFile file, Path dir) {
        tokens.require(file);
        String what = "Google Drive file " + file.item();
        Drive drive = client(file.token());
        try {
            File found = drive.files().get(file.item()).setFields(FIELDS).setSupportsAllDrives(true).execute();
            if (Boolean.TRUE.equals(found.getTrashed())) {
                throw new ImportException(ErrorCode.GDRIVE_FILE_DELETED, what + " is in the trash");
            }
            SourceVersion version = version(found);
            SourceVersion known = file.known();
            if (known.etag() != null && known.etag().equals(version.etag())
                    && Objects.equals(known.lastModified(), version.lastModified())) {
                return new Fetched(null, version);
            }
            boolean sheet = SPREADSHEET.equals(found.getMimeType());
            String name = sheet ? found.getName() + ".csv" : found.getName();
            long size = sheet || found.getSize() == null ? -1 : found.getSize();
            // executeMedia streams the body (executeMediaAsInputStream would buffer it all in memory).
            try (InputStream body = (sheet
                    ? drive.files().export(file.item(), "text/csv").executeMedia()
                    : drive.files().get(file.item()).setSupportsAllDrives(true).executeMedia()).getContent()) {
                DataFile saved = LocalFiles.save(body, dir, name, size, download.maxBytes().toBytes(), what);
                return new Fetched(saved, version);
            }
        } catch (HttpResponseException e) {
            throw switch (e.getStatusCode()) {
                case 401, 403 -> new ImportException(ErrorCode.GDRIVE_ACCESS_FORBIDDEN,
                        "Google refused access to " + what + ": HTTP " + e.getStatusCode() + reason(e), e);
                case 404, 410 -> new ImportException(ErrorCode.GDRIVE_FILE_DELETED,
                        what + " was not found: it was deleted, or never shared with this account", e);
                default -> new ImportException(ErrorCode.DOWNLOAD,
                        "Google Drive could not give " + what + ": HTTP " + e.getStatusCode(), e);
            };
        } catch (SocketTimeoutException e) {
            throw new ImportException(ErrorCode.DOWNLOAD_TIMEOUT, "The download of " + what + " timed out", e);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.DOWNLOAD, "Could not reach Google Drive for " + what + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    private static String reason(HttpResponseException e) {
        if (e instanceof GoogleJsonResponseException g && g.getDetails() != null && g.getDetails().getMessage() != null) {
            return " (" + g.getDetails().getMessage() + ")";
        }
        return "";
    }

    private Drive client(String token) {
        int connect = (int) Math.min(Integer.MAX_VALUE, download.connectTimeout().toMillis());
        int read = (int) Math.min(Integer.MAX_VALUE, download.timeout().toMillis());
        // Every connection, to the API and to its downloads, passes the address checks of URL downloads.
        NetHttpTransport transport = new NetHttpTransport.Builder().setConnectionFactory(url -> {
            try {
                addresses.checkUrl(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Not a valid URL: " + url, e);
            }
            return (HttpURLConnection) url.openConnection();
        }).build();
        HttpRequestInitializer auth = request -> {
            request.getHeaders().setAuthorization("Bearer " + token);
            request.setConnectTimeout(connect);
            request.setReadTimeout(read);
            request.setNumberOfRetries(0);
        };
        return new Drive.Builder(transport, GsonFactory.getDefaultInstance(), auth)
                .setRootUrl(settings.rootUrl().toString().replaceAll("/+$", "") + "/")
                .setApplicationName("geoingest")
                .build();
    }

    private static SourceVersion version(File f) {
        String modified = f.getModifiedTime() == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(f.getModifiedTime().getValue()).atOffset(ZoneOffset.UTC));
        return new SourceVersion(f.getVersion() == null ? null : String.valueOf(f.getVersion()), modified,
                f.getMd5Checksum());
    }
}
