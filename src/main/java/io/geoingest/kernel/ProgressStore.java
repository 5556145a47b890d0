package io.geoingest.kernel;

import java.util.UUID;

/**
 * Where {@link ProgressRecorder} writes a running import's progress: the import's record
 * ({@code geoingest.imports}, kept by the import's repository).
 */
public interface ProgressStore {
    /**
     * Writes the progress of the run of attempt {@code attempt}, on a connection of its own.
     *
     * @return false if the attempt no longer owns the import
     */
    boolean saveProgress(UUID id, int attempt, Progress progress);
}
