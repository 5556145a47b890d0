package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.Account;
import io.geoingest.imports.WorkDirs;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.imports.ImportRepository;
import io.geoingest.imports.ImportService;
import io.geoingest.imports.SubmissionGate;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.kernel.InvalidImportRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/** CARTO's Import API: {@code /api/v1/imports}, also under {@code /user/{username}}. */
@RestController
@RequestMapping({"/api/v1/imports", "/user/{username}/api/v1/imports"})
public class ImportsController {
    /** All that the Python SDK's first POST of an import holds. */
    private static final Set<String> SDK_PROBE_FIELDS = Set.of("api_key", "client");

    private final ImportService service;
    private final ImportRepository imports;
    private final WorkDirs workDirs;
    private final ImportRequests requests;
    private final ImportView view;

    public ImportsController(ImportService service, ImportRepository imports, WorkDirs workDirs,
                             ImportRequests requests, ImportView view) {
        this.service = service;
        this.imports = imports;
        this.workDirs = workDirs;
        this.requests = requests;
        this.view = view;
    }

    /** Admitted before its body is read ({@link ImportService#admit}): a refused upload is never spooled. */
    @PostMapping
    public Map<String, Object> create(HttpServletRequest request,
                                      @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account,
                                      @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body)
            throws IOException {
        try (SubmissionGate.Pass admitted = service.admit(account)) {
            return accept(request, account, body);
        }
    }

    private Map<String, Object> accept(HttpServletRequest request, Account account, JsonNode body) throws IOException {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("file");
        RequestParams params = new RequestParams(request, body);
        UUID id = UUID.randomUUID();
        ImportSubmission submission;
        if (file != null) {
            if (requests.namesAccountData(params)) {
                throw new InvalidImportRequest("Invalid parameters: sql and table_copy cannot be combined with a file");
            }
            submission = fileSubmission(id, file, params);
        } else if (isSdkProbe(body) && !requests.namesRemoteSource(params)) {
            // The Python SDK's first POST: a JSON body of only api_key and client, then the real
            // request. pyrestcli raises on a 400, so it is answered as CARTO answered it: an import
            // that fails (1010), which the SDK's second POST replaces. Any other body without a
            // source (a typo such as "URL") is still refused with 400.
            service.recordWithoutSource(id, account, requests.withoutSource(params));
            return Map.of("item_queue_id", id.toString(), "success", true);
        } else {
            submission = requests.remote(params);
        }
        try {
            service.submit(id, account, submission);
        } catch (RuntimeException e) {
            workDirs.delete(id);
            throw e;
        }
        return Map.of("item_queue_id", id.toString(), "success", true);
    }

    private static boolean isSdkProbe(JsonNode body) {
        if (body == null || !body.isObject()) {
            return false;
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            if (!SDK_PROBE_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable("id") String id,
                                   @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        ImportRecord r = imports.find(Ids.parse(id), account.username())
                .orElseThrow(() -> new NotFound("Import " + id + " not found"));
        return view.render(r);
    }

    @GetMapping
    public Map<String, Object> inProgress(@RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imports", imports.inProgress(account.username()).stream().map(UUID::toString).toList());
        out.put("success", true);
        return out;
    }

    private ImportSubmission fileSubmission(UUID id, MultipartFile file, RequestParams params) throws IOException {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            throw new InvalidImportRequest("Not a file (1010): the file field carries no file");
        }
        Path target = requests.uploadTarget(id, name);
        // The File overload moves the part Tomcat already spooled; the Path one copies it.
        file.transferTo(target.toFile());
        return requests.file(params, target, name);
    }
}
