package io.geoingest.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.geoingest.drives.DriveSource.DriveFile;
import io.geoingest.fetch.DownloadProperties;
import io.geoingest.fetch.Fetched;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.sources.SourceAddressPolicy;
import io.geoingest.sources.TestPolicies;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Each drive's client sends its requests only where the {@link SourceAddressPolicy} allows, as
 * URL downloads do: with the fake's own address taken as geoingest's database, nothing reaches
 * the fake and the import fails with 1101; with the standard policy the same file is read.
 */
class DriveAddressChecksTest {
    private static final String TOKEN = "Drv-Check-T0ken-9";
    private static final DownloadProperties DOWNLOADS = new DownloadProperties(Duration.ofSeconds(5),
            Duration.ofSeconds(30), 5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(10));

    @TempDir
    Path dir;

    private static DrivesProperties pointingAt(String dropbox, String gdrive, String box) {
        URI d = URI.create(dropbox != null ? dropbox : "https://api.dropboxapi.com");
        return new DrivesProperties(new DrivesProperties.Dropbox(d, d, Map.of()),
                new DrivesProperties.Gdrive(URI.create(gdrive != null ? gdrive : "https://www.googleapis.com/"), Map.of()),
                new DrivesProperties.Box(URI.create(box != null ? box : "https://api.box.com/"),
                        URI.create(box != null ? box : "https://upload.box.com/api/"), Map.of()));
    }

    private static SourceAddressPolicy refusing(String url) {
        URI u = URI.create(url);
        return TestPolicies.serviceDatabaseAt("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/geoingest");
    }

    private void check(String service, String url, String item, BiFunction<DrivesProperties, SourceAddressPolicy,
            BiFunction<DriveFile, Path, Fetched>> drive, Runnable noRequests) {
        DrivesProperties settings = pointingAt(service.equals("dropbox") ? url : null,
                service.equals("gdrive") ? url : null, service.equals("box") ? url : null);
        DriveFile file = new DriveFile(service, item, TOKEN, SourceVersion.UNKNOWN);
        ImportException refused = catchThrowableOfType(ImportException.class,
                () -> drive.apply(settings, refusing(url)).apply(file, dir.resolve("refused")));
        assertThat(refused).as(service).isNotNull();
        assertThat(refused.code()).as(service).isEqualTo(ErrorCode.DOWNLOAD_FORBIDDEN);
        noRequests.run();
        Fetched read = drive.apply(settings, TestPolicies.standard()).apply(file, dir.resolve("read"));
        assertThat(read.file().originalName()).as(service).isEqualTo("cities.csv");
    }

    @Test
    void dropboxRequestsPassTheAddressChecks() throws Exception {
        try (FakeDropbox fake = new FakeDropbox()) {
            fake.allow(TOKEN);
            fake.put("id:checked", "cities.csv", "name\nMadrid\n");
            check("dropbox", fake.url(), "id:checked",
                    (s, p) -> new DropboxDrive(s, DOWNLOADS, p)::fetch, () -> assertThat(fake.requests()).isEmpty());
        }
    }

    @Test
    void googleDriveRequestsPassTheAddressChecks() throws Exception {
        try (FakeGoogleDrive fake = new FakeGoogleDrive()) {
            fake.allow(TOKEN);
            fake.put("checked", "cities.csv", "name\nMadrid\n");
            check("gdrive", fake.url(), "checked",
                    (s, p) -> new GoogleDrive(s, DOWNLOADS, p)::fetch, () -> assertThat(fake.requests()).isEmpty());
        }
    }

    @Test
    void boxRequestsPassTheAddressChecks() throws Exception {
        try (FakeBox fake = new FakeBox()) {
            fake.allow(TOKEN);
            fake.put("12345", "cities.csv", "name\nMadrid\n");
            check("box", fake.url(), "12345",
                    (s, p) -> new BoxDrive(s, DOWNLOADS, p)::fetch, () -> assertThat(fake.requests()).isEmpty());
        }
    }
}
