package io.geoingest.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a data file for a reader; an import's progress counts what its loading pass reads. */
@FunctionalInterface
public interface ReadMeter {
    /** Counts nothing. */
    ReadMeter NONE = Files::newInputStream;

    InputStream open(Path path) throws IOException;
}
