package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progress} in {@code GET /api/v1/imports/{id}}: written while the import runs, on its
 * own connection, so a poll sees the rows and bytes grow before the import commits.
 */
class ImportProgressTest extends ApiTestSupport {
    private static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void aRunningImportShowsItsRowsAndBytesGrowing() throws Exception {
        Path csv = dir.resolve(unique("progress") + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,name,lon,lat\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(i + ",place number " + i + "," + (i % 360 - 180) + "." + i % 1000 + "," + (i % 170 - 85) + ".5\n");
            }
        }
        long size = Files.size(csv);
        String id = queued(upload(ALICE_KEY, csv, null));

        List<JsonNode> running = new ArrayList<>();
        JsonNode last;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        do {
            last = get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody();
            if (last.get("state").asText().equals("importing") && last.get("progress").get("rows").asLong() > 0) {
                running.add(last.get("progress"));
            }
            Thread.sleep(50);
        } while (!last.has("success") && Instant.now().isBefore(deadline));
        assertComplete(last);

        assertThat(running).as("progress seen while the import ran").isNotEmpty();
        long previousRows = 0;
        long previousBytes = 0;
        for (JsonNode p : running) {
            long rows = p.get("rows").asLong();
            long read = p.get("bytes_read").asLong();
            assertThat(rows).isBetween(previousRows, (long) ROWS);
            assertThat(read).isBetween(previousBytes, size);
            assertThat(p.get("bytes_total").asLong()).isEqualTo(size);
            previousRows = rows;
            previousBytes = read;
        }
        assertThat(running.get(0).get("rows").asLong()).as("a partial count").isLessThan(ROWS);
        JsonNode done = last.get("progress");
        assertThat(done.get("rows").asLong()).isEqualTo(ROWS);
        assertThat(done.get("bytes_read").asLong()).isEqualTo(size);
        assertThat(done.get("bytes_total").asLong()).isEqualTo(size);
    }

    @Test
    void anArchiveCountsTheFilesInsideIt() throws Exception {
        Path csv = dir.resolve("inner.csv");
        Files.writeString(csv, "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\n");
        Path zip = dir.resolve(unique("packed") + ".zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("inner.csv"));
            out.write(Files.readAllBytes(csv));
            out.closeEntry();
        }
        JsonNode done = assertComplete(importFile(ALICE_KEY, zip, null)).get("progress");
        assertThat(done.get("rows").asLong()).isEqualTo(2);
        assertThat(done.get("bytes_total").asLong()).isEqualTo(Files.size(csv));
        assertThat(done.get("bytes_read").asLong()).isEqualTo(Files.size(csv));
    }

    @Test
    void aFailedImportShowsHowFarItGot() throws Exception {
        String good = "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\n";
        // A quote never closed: the second file fails its first pass, after the first was loaded.
        String bad = "a,b\n1,2\n3,\"never closed\n4,5\n";
        Path zip = dir.resolve(unique("half") + ".zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("a_good.csv"));
            out.write(good.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.zip.ZipEntry("b_bad.csv"));
            out.write(bad.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode p = assertFailure(importFile(ALICE_KEY, zip, null), 2003).get("progress");
        assertThat(p.get("rows").asLong()).isEqualTo(2);
        assertThat(p.get("bytes_read").asLong()).isEqualTo(good.length());
        assertThat(p.get("bytes_total").asLong()).isEqualTo(good.length() + bad.length());
    }

    @Test
    void anImportFailingBeforeItsFilesAreKnownHasNoBytes() throws Exception {
        Path pdf = dir.resolve(unique("doc") + ".pdf");
        Files.writeString(pdf, "%PDF-1.4 not data");
        JsonNode r = assertFailure(importFile(ALICE_KEY, pdf, null), 1002);
        assertThat(r.get("progress").get("rows").asLong()).isZero();
        assertThat(r.get("progress").get("bytes_read").isNull()).isTrue();
        assertThat(r.get("progress").get("bytes_total").isNull()).isTrue();
    }

    @Test
    void anUnknownImportIsStillNotFound() {
        assertThat(get("/api/v1/imports/" + UUID.randomUUID() + "?api_key=" + ALICE_KEY).getStatusCode().value())
                .isEqualTo(404);
        assertThat(get("/api/v1/imports/not-a-uuid?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(404);
    }
}
