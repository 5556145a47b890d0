package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.Account;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.sync.SyncRecord;
import io.geoingest.sync.SyncService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** CARTO's Synchronizations API: {@code /api/v1/synchronizations}, also under {@code /user/{username}}. */
@RestController
@RequestMapping({"/api/v1/synchronizations", "/user/{username}/api/v1/synchronizations"})
public class SynchronizationsController {
    /** Parameters a PUT may change; a PUT with none of them is the SDK's {@code force_sync()}. */
    private static final List<String> UPDATABLE = List.of("interval", "type_guessing", "quoted_fields_guessing", "quoted_field_guessing",
            "content_guessing");

    private final SyncService syncs;
    private final ImportRequests requests;
    private final SyncView view;

    public SynchronizationsController(SyncService syncs, ImportRequests requests, SyncView view) {
        this.syncs = syncs;
        this.requests = requests;
        this.view = view;
    }

    @PostMapping
    public Map<String, Object> create(HttpServletRequest request,
                                      @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account,
                                      @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body) {
        RequestParams params = new RequestParams(request, body);
        int interval = syncs.interval(params.text("interval"));
        ImportRequests.SyncSource source = requests.syncSource(params);
        SyncRecord s = syncs.create(account, source.first(), interval, source.serviceName(), source.serviceItemId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data_import", Map.of("endpoint", "/api/v1/imports", "item_queue_id", s.logId().toString()));
        out.putAll(view.render(s));
        return out;
    }

    @GetMapping
    public Map<String, Object> list(@RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        List<Map<String, Object>> all = syncs.list(account).stream().map(view::render).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("synchronizations", all);
        out.put("total_entries", all.size());
        return out;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable("id") String id, @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        return view.render(find(id, account));
    }

    /** Changes the interval or guessing flags; with none of them (the SDK's {@code force_sync()}), syncs now. */
    @PutMapping("/{id}")
    public Map<String, Object> update(@PathVariable("id") String id, HttpServletRequest request,
                                      @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account,
                                      @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body) {
        SyncRecord s = find(id, account);
        RequestParams params = new RequestParams(request, body);
        if (UPDATABLE.stream().allMatch(p -> params.text(p) == null)) {
            boolean enqueued = syncs.syncNow(s);
            Map<String, Object> out = view.render(syncs.find(s.id(), account).orElseThrow());
            out.put("enqueued", enqueued);
            return out;
        }
        int interval = params.text("interval") == null ? s.intervalSeconds() : syncs.interval(params.text("interval"));
        ImportOptions options = s.options();
        ImportOptions changed = new ImportOptions(params.flag("type_guessing", options.typeGuessing()),
                params.quotedFieldsGuessing(options.quotedFieldsGuessing()),
                params.flag("content_guessing", options.contentGuessing()), options.collisionStrategy());
        return view.render(syncs.update(s, interval, changed));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("id") String id, @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        syncs.delete(find(id, account));
    }

    @GetMapping("/{id}/sync_now")
    public Map<String, Object> state(@PathVariable("id") String id, @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        return Map.of("state", find(id, account).state().label());
    }

    @PutMapping("/{id}/sync_now")
    public Map<String, Object> syncNow(@PathVariable("id") String id,
                                       @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        SyncRecord s = find(id, account);
        return Map.of("enqueued", syncs.syncNow(s), "synchronization_id", s.id().toString());
    }

    private SyncRecord find(String id, Account account) {
        return syncs.find(Ids.parse(id), account).orElseThrow(() -> new NotFound("Synchronization " + id + " not found"));
    }
}
