package io.geoingest.formats.gdal;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs ogr2ogr as a child process, from the directory of its files: paths on its command
 * line are relative ({@code ./name}, so a name starting with {@code -} is not an option) and
 * its messages name no server directory.
 */
final class Ogr2ogr {
    /** Absolute paths left in a message after the working directory is stripped. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.])/(?:[\\w.@+-]+/)+[\\w.@+-]*");

    /**
     * Drivers that follow references inside a file to other files, URLs or services; never
     * needed here (GDAL_SKIP, read when ogr2ogr registers its drivers).
     */
    static final String SKIPPED_DRIVERS = "OGR_VRT VRT WFS OAPIF WMS WMTS WCS CSW ESRIC STACIT STACTA PLSCENES "
            + "NGW ELASTIC CARTO AmigoCloud EEDA DAAS HTTP";

    private final String executable;
    private final Duration timeout;

    Ogr2ogr(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * Runs {@code ogr2ogr args} in {@code dir}.
     *
     * @return GDAL's stderr (its last 4 KB, paths masked) when ogr2ogr succeeded
     * @throws ImportException 1002 when ogr2ogr cannot be started, 6667 on timeout, or
     *                         {@link Failure} when it exits with an error or reports one
     */
    String run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().put("GDAL_SKIP", SKIPPED_DRIVERS);
            process = builder
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new ImportException(ErrorCode.UNSUPPORTED_FILE,
                    "This file type needs GDAL's ogr2ogr, which could not be started: "
                            + "install gdal-bin (apt-get install gdal-bin)", e);
        }
        StderrTail stderr = new StderrTail(process.getErrorStream());
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ImportException(ErrorCode.IMPORT_TIMED_OUT,
                        "GDAL took longer than " + timeout + " to read the file");
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new ImportException(ErrorCode.FILE_IO, "Could not talk to ogr2ogr: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            // The import is being cancelled (job interrupted, shutdown): GDAL must not outlive it.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImportException(ErrorCode.UNKNOWN, "The import was cancelled while GDAL read the file", e);
        }
        String messages = mask(stderr.text(), dir);
        // Errors on single features leave ogr2ogr's exit status 0 but lose data: fail too.
        if (process.exitValue() != 0 || stderr.sawError()) {
            throw new Failure(errors(messages));
        }
        return messages;
    }

    /** GDAL's error lines, or all it said when none is marked as an error. */
    private static String errors(String messages) {
        List<String> errors = messages.lines()
                .filter(l -> l.startsWith("ERROR") || l.startsWith("FAILURE"))
                .toList();
        String text = errors.isEmpty() ? messages.strip() : String.join("; ", errors);
        return text.isEmpty() ? "ogr2ogr failed without a message" : text;
    }

    static String mask(String text, Path dir) {
        String absolute = dir.toAbsolutePath().normalize().toString();
        String relative = text.replace(absolute + "/", "./").replace(absolute, ".");
        return ABSOLUTE_PATH.matcher(relative).replaceAll("<path>");
    }

    /** ogr2ogr ran and failed; the message is GDAL's, masked. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
