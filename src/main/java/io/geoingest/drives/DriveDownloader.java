package io.geoingest.drives;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.drives.DriveSource.DriveFile;
import io.geoingest.fetch.Fetched;
import io.geoingest.kernel.SourceVersion;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The step of {@code routes/sources/drive.camel.yaml} that reads a cloud drive's file through
 * its vendor's client; also what turns a stored (opened) drive source into the file to read,
 * with the token the request gave or, failing that, the account's configured one.
 */
@Component("driveDownloader")
public class DriveDownloader {
    private final DropboxDrive dropbox;
    private final GoogleDrive gdrive;
    private final BoxDrive box;

    public DriveDownloader(DropboxDrive dropbox, GoogleDrive gdrive, BoxDrive box) {
        this.dropbox = dropbox;
        this.gdrive = gdrive;
        this.box = box;
    }

    /** The file an opened source names, for {@code username}, knowing the version a sync's table holds. */
    public DriveFile file(JsonNode opened, String username, SourceVersion known) {
        JsonNode drive = opened.path("drive");
        String service = drive.path("service").asText();
        String token = drive.hasNonNull("token") ? drive.get("token").asText() : configuredToken(service, username);
        return new DriveFile(service, drive.path("item").asText(), token, known);
    }

    private String configuredToken(String service, String username) {
        return switch (service) {
            case DriveSource.DROPBOX -> dropbox.configuredToken(username);
            case DriveSource.GDRIVE -> gdrive.configuredToken(username);
            case DriveSource.BOX -> box.configuredToken(username);
            default -> null;
        };
    }

    /** Downloads the file into {@code dir}, or gives no file when it is the version already held. */
    public Fetched download(DriveFile file, Path dir) {
        return switch (file.service()) {
            case DriveSource.DROPBOX -> dropbox.fetch(file, dir);
            case DriveSource.GDRIVE -> gdrive.fetch(file, dir);
            case DriveSource.BOX -> box.fetch(file, dir);
            default -> throw new IllegalStateException("Unknown drive " + file.service());
        };
    }
}
