package io.geoingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ImportOptions;

/** A validated import request, ready to be persisted and queued. */
public record ImportSubmission(DataType dataType, JsonNode source, ImportOptions options, String privacy,
                               boolean createVisualization, String displayName) {
}
