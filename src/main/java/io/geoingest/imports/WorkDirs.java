package io.geoingest.imports;

import io.geoingest.kernel.ImportProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Each import's directory under {@code geoingest.imports.work-dir}: uploads, downloads, unpacked files. */
@Component
public class WorkDirs {
    private final Path root;

    public WorkDirs(ImportProperties properties) {
        this.root = properties.workDir();
    }

    /** The import's directory: what every attempt reads (an upload), and theirs. */
    public Path of(UUID importId) {
        return root.resolve(importId.toString());
    }

    /**
     * Where one attempt of the import keeps what it makes (downloads, unpacked files): an attempt
     * taken over while it still runs removes only its own files, never those of the attempt that
     * took over.
     */
    public Path ofAttempt(UUID importId, int attempt) {
        return of(importId).resolve("attempt-" + attempt);
    }

    /**
     * Where uploads are spooled while their request is read: beside the imports' directories,
     * so that handing an upload to its import is a rename, not a copy.
     */
    public Path uploadSpool() {
        try {
            return createSpool();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the work directory and proves that files can be written there, so that a wrong
     * setting fails the start rather than the first upload.
     *
     * @throws IOException naming what could not be done
     */
    public void checkWritable() throws IOException {
        Path probe = Files.createTempFile(createSpool(), "write-check", ".tmp");
        Files.delete(probe);
    }

    /**
     * Removes the upload spool files nobody has written for {@code maxAge}: those of requests
     * cut off by a dying process, which no one else would ever delete. A live upload keeps its
     * file's modification time fresh, on whichever replica receives it.
     *
     * @return how many were removed
     */
    public int sweepSpool(Duration maxAge) {
        Path spool = root.resolve("incoming");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        Instant before = Instant.now().minus(maxAge);
        int removed = 0;
        try (Stream<Path> files = Files.list(spool)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(before)
                            && Files.deleteIfExists(f)) {
                        removed++;
                    }
                } catch (IOException goneOrBusy) {
                    // Moved to its import or deleted meanwhile: nothing left to sweep.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private Path createSpool() throws IOException {
        return Files.createDirectories(root.resolve("incoming"));
    }

    /** Removes an import's files once nothing will read them again. */
    public void delete(UUID importId) {
        deleteTree(of(importId));
    }

    /** Removes the files one attempt of the import made, once it has stopped. */
    public void deleteAttempt(UUID importId, int attempt) {
        deleteTree(ofAttempt(importId, attempt));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
