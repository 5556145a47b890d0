package io.geoingest.datasets;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A table an import created, as the SDK sees it through /api/v1/tables and /api/v1/viz. */
public record Dataset(UUID tableId, UUID visualizationId, String username, String tableName, UUID importId,
                      String privacy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
