package io.geoingest.api;

import io.geoingest.accounts.Account;
import io.geoingest.datasets.Dataset;
import io.geoingest.datasets.DatasetRepository;
import io.geoingest.datasets.DatasetService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dataset records the Python SDK reads after an import: {@code /api/v1/tables/{id}} and
 * {@code /api/v1/viz/{id}} (CARTO's "visualization" of type table), and their list
 * {@code /api/v1/viz} ({@code DatasetManager.all()}).
 */
@RestController
public class DatasetsController {
    private static final int DEFAULT_PER_PAGE = 20;
    private static final int MAX_PER_PAGE = 1000;

    private final DatasetRepository datasets;
    private final DatasetService service;

    public DatasetsController(DatasetRepository datasets, DatasetService service) {
        this.datasets = datasets;
        this.service = service;
    }

    @GetMapping({"/api/v1/tables/{id}", "/user/{username}/api/v1/tables/{id}"})
    public Map<String, Object> table(@PathVariable("id") String id,
                                     @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        Dataset d = datasets.byTableId(Ids.parse(id), account.username())
                .orElseThrow(() -> new NotFound("Table " + id + " not found"));
        Map<String, Object> out = tableSummary(d);
        out.put("table_visualization", Map.of("id", d.visualizationId().toString(), "name", d.tableName(),
                "type", "table", "privacy", d.privacy()));
        return out;
    }

    /**
     * The account's datasets, a page at a time, as {@code DatasetManager.all()} reads them:
     * {@code page} (from 1) and {@code per_page} (20), and {@code types} (the SDK sends
     * {@code type}): every visualization here is a table, so a list of types without
     * {@code table} gets none. Other parameters (exclude_shared, order, ...) are ignored.
     */
    @GetMapping({"/api/v1/viz", "/user/{username}/api/v1/viz"})
    public Map<String, Object> list(@RequestParam(name = "page", required = false) String page,
                                    @RequestParam(name = "per_page", required = false) String perPage,
                                    @RequestParam(name = "types", required = false) String types,
                                    @RequestParam(name = "type", required = false) String type,
                                    @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        int size = Math.min(number(perPage, DEFAULT_PER_PAGE), MAX_PER_PAGE);
        int number = number(page, 1);
        boolean tables = includesTables(types) && includesTables(type);
        int total = tables ? datasets.count(account.username()) : 0;
        long offset = (long) (number - 1) * size;
        List<Map<String, Object>> visualizations = !tables || offset >= total ? List.of()
                : datasets.page(account.username(), (int) offset, size).stream()
                        .map(DatasetsController::vizRecord).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("visualizations", visualizations);
        out.put("total_entries", total);
        out.put("total_user_entries", total);
        out.put("total_likes", 0);
        out.put("total_shared", 0);
        return out;
    }

    /** A positive number, else the default (CARTO ignored what it could not read). */
    private static int number(String value, int fallback) {
        if (value != null) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the default
            }
        }
        return fallback;
    }

    /** Whether a (comma-separated) list of visualization types, absent or blank meaning all, holds table. */
    private static boolean includesTables(String types) {
        if (types == null || types.isBlank()) {
            return true;
        }
        return Arrays.stream(types.split(",")).map(String::trim).anyMatch("table"::equalsIgnoreCase);
    }

    @GetMapping({"/api/v1/viz/{id}", "/user/{username}/api/v1/viz/{id}"})
    public Map<String, Object> viz(@PathVariable("id") String id,
                                   @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        return vizRecord(find(id, account));
    }

    @DeleteMapping({"/api/v1/viz/{id}", "/user/{username}/api/v1/viz/{id}"})
    public ResponseEntity<Void> delete(@PathVariable("id") String id,
                                       @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        service.delete(account, find(id, account));
        return ResponseEntity.noContent().build();
    }

    /** By id, or by table name as CARTO also looked them up (the SDK's {@code DatasetManager.get(name)}). */
    private Dataset find(String idOrName, Account account) {
        Optional<Dataset> found = Ids.isUuid(idOrName)
                ? datasets.byVisualizationId(UUID.fromString(idOrName), account.username())
                : datasets.byTableName(account.username(), idOrName);
        return found.orElseThrow(() -> new NotFound("Visualization " + idOrName + " not found"));
    }

    private static Map<String, Object> tableSummary(Dataset d) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", d.tableId().toString());
        t.put("name", d.tableName());
        t.put("privacy", d.privacy());
        t.put("created_at", d.createdAt());
        t.put("updated_at", d.updatedAt());
        return t;
    }

    private static Map<String, Object> vizRecord(Dataset d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.visualizationId().toString());
        v.put("name", d.tableName());
        v.put("display_name", d.tableName());
        v.put("type", "table");
        v.put("privacy", d.privacy());
        v.put("description", null);
        v.put("tags", List.of());
        v.put("created_at", d.createdAt());
        v.put("updated_at", d.updatedAt());
        v.put("user_id", ImportView.userId(d.username()));
        v.put("table", tableSummary(d));
        v.put("synchronization", null);
        v.put("stats", List.of());
        v.put("dependent_visualizations", List.of());
        v.put("dependent_visualizations_count", 0);
        v.put("related_tables", List.of());
        v.put("likes", 0);
        v.put("liked", false);
        v.put("locked", false);
        v.put("permission", Map.of("owner", Map.of("username", d.username())));
        return v;
    }
}
