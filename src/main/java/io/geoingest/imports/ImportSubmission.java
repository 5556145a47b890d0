package io.geoingest.imports;

import com.fasterxml.jackson.databind.JsonNode;

/** A validated import request, ready to be persisted and queued. */
public record ImportSubmission(DataType dataType, JsonNode source, ImportOptions options, String privacy,
                               boolean createVisualization, String displayName) {
}
