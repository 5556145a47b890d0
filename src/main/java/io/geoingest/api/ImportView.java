package io.geoingest.api;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.Progress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An import record as {@code GET /api/v1/imports/{id}} shows it (fields per contract.md). */
@Component
public class ImportView {

    public Map<String, Object> render(ImportRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id().toString());
        out.put("user_id", userId(r.username()));
        out.put("table_id", r.tableId() == null ? null : r.tableId().toString());
        out.put("data_type", r.dataType().label());
        out.put("table_name", r.tableName());
        out.put("state", r.state().label());
        out.put("error_code", r.errorCode());
        out.put("queue_id", r.id().toString());
        // The seed: null when the import failed.
        out.put("tables_created_count", r.state() == ImportState.FAILURE ? null : r.tablesCreatedCount());
        out.put("synchronization_id", r.synchronizationId() == null ? null : r.synchronizationId().toString());
        out.put("type_guessing", r.options().typeGuessing());
        out.put("quoted_fields_guessing", r.options().quotedFieldsGuessing());
        out.put("content_guessing", r.options().contentGuessing());
        out.put("create_visualization", r.createVisualization());
        out.put("visualization_id", null);
        out.put("user_defined_limits", Map.of());
        out.put("get_error_text", errorText(r));
        out.put("display_name", r.displayName());
        out.put("warnings", r.warnings().isEmpty() ? null : r.warnings());
        out.put("is_raster", false);
        out.put("created_at", r.createdAt());
        out.put("updated_at", r.updatedAt());
        out.put("progress", progress(r.progress()));
        if (r.state().isFinal()) {
            out.put("success", r.state() == ImportState.COMPLETE);
        }
        return out;
    }

    /** A stable id per username: CARTO clients expect a user_id, geoingest has no user table. */
    static String userId(String username) {
        return UUID.nameUUIDFromBytes(("geoingest:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** geoingest's own field: how far a running import has got, or what a finished one read. */
    private static Map<String, Object> progress(Progress p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", p.rows());
        out.put("bytes_read", p.bytesRead());
        out.put("bytes_total", p.bytesTotal());
        return out;
    }

    private static Map<String, Object> errorText(ImportRecord r) {
        if (r.errorCode() == null) {
            return null;
        }
        ErrorCode code = ErrorCode.of(r.errorCode());
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("title", code.title());
        text.put("what_about", r.errorMessage() == null ? code.whatAbout() : r.errorMessage() + ". " + code.whatAbout());
        text.put("source", code.source().label());
        return text;
    }
}
