package io.geoingest.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An import job as persisted in {@code geoingest.imports}.
 *
 * @param source   what to read: {@code {"file": path, "name": original}}, {@code {"url": ...}}
 *                 or {@code {"connector": {...}}}
 * @param progress how far it got, as last written while it ran (final counts once it ended)
 */
public record ImportRecord(UUID id, String username, ImportState state, DataType dataType, JsonNode source,
                           ImportOptions options, String privacy, boolean createVisualization, String displayName, String tableName, UUID tableId,
                           int tablesCreatedCount, Integer errorCode, String errorMessage,
                           Map<String, Object> warnings, int attempts, UUID synchronizationId,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, Progress progress) {
}
