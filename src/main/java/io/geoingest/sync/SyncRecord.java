package io.geoingest.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ImportOptions;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A sync table as persisted in {@code geoingest.synchronizations}.
 *
 * @param source        what each run reads, as an import's source (connector password sealed)
 * @param serviceName   null for a URL, {@code connector}, or {@code arcgis}
 * @param serviceItemId what users see of the source; never a password
 * @param name          the sync's table, once its first run created it
 * @param logId         the import of the latest run
 * @param modifiedAt    the source's Last-Modified as a time, for display
 * @param version       the version of a URL source the table holds
 */
public record SyncRecord(UUID id, String username, DataType dataType, JsonNode source, ImportOptions options,
                         String privacy, String serviceName, String serviceItemId, String shownUrl, String name,
                         int intervalSeconds, SyncState state, OffsetDateTime runAt, OffsetDateTime ranAt,
                         OffsetDateTime modifiedAt, SourceVersion version, UUID logId, Integer errorCode,
                         String errorMessage, int retriedTimes, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Whether no run has succeeded yet: the next run is the first, an ordinary import. */
    public boolean firstRun() {
        return name == null;
    }
}
