package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.accounts.Account;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequestParser;
import io.geoingest.connectors.arcgis.ArcGisService;
import io.geoingest.connectors.arcgis.ArcGisSource;
import io.geoingest.fetch.UrlDownloader;
import io.geoingest.imports.DataType;
import io.geoingest.imports.ImportOptions;
import io.geoingest.imports.ImportOptions.CollisionStrategy;
import io.geoingest.imports.WorkDirs;
import io.geoingest.imports.ImportRecord;
import io.geoingest.imports.ImportRepository;
import io.geoingest.imports.ImportService;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.imports.InvalidImportRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CARTO's Import API: {@code /api/v1/imports}, also under {@code /user/{username}}. */
@RestController
@RequestMapping({"/api/v1/imports", "/user/{username}/api/v1/imports"})
public class ImportsController {
    private final ImportService service;
    private final ImportRepository imports;
    private final WorkDirs workDirs;
    private final ConnectorRequestParser connectors;
    private final ConnectorProperties connectorSettings;
    private final UrlDownloader downloader;
    private final ArcGisService arcgis;
    private final ImportView view;
    private final ObjectMapper json;

    public ImportsController(ImportService service, ImportRepository imports, WorkDirs workDirs,
                             ConnectorRequestParser connectors, ConnectorProperties connectorSettings,
                             UrlDownloader downloader, ArcGisService arcgis, ImportView view,
                             ObjectMapper json) {
        this.service = service;
        this.imports = imports;
        this.workDirs = workDirs;
        this.connectors = connectors;
        this.connectorSettings = connectorSettings;
        this.downloader = downloader;
        this.arcgis = arcgis;
        this.view = view;
        this.json = json;
    }

    @PostMapping
    public Map<String, Object> create(HttpServletRequest request,
                                      @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account,
                                      @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body,
                                      @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        RequestParams params = new RequestParams(request, body);
        ImportOptions options = new ImportOptions(params.flag("type_guessing", true),
                params.flag("quoted_fields_guessing", true), params.flag("content_guessing", false),
                collisionStrategy(params.text("collision_strategy")));
        String privacy = privacy(params.text("privacy"));
        boolean createVis = params.flag("create_vis", false);
        UUID id = UUID.randomUUID();
        ImportSubmission submission;
        if (file != null) {
            submission = fileSubmission(id, file, options, privacy, createVis);
        } else if (ArcGisSource.SERVICE_NAME.equalsIgnoreCase(params.text("service_name"))) {
            // service_item_id and value both carry the URL (the seed); interval is for syncs.
            String item = params.text("service_item_id");
            String url = arcgis.validate(item != null ? item : params.text("value"));
            submission = new ImportSubmission(DataType.DATASOURCE, ArcGisSource.json(url), options, privacy, createVis,
                    url);
        } else if (params.text("url") != null) {
            String url = params.text("url").trim();
            downloader.validate(url);
            ObjectNode source = json.createObjectNode().put("url", url);
            submission = new ImportSubmission(DataType.URL, source, options, privacy, createVis, shown(url));
        } else if (params.text("connector") != null) {
            JsonNode connector = params.json("connector");
            if (connector == null || connector.isTextual()) {
                connector = parseConnector(params.text("connector"));
            }
            ConnectorRequest remote = connectors.parse(connector);
            if (!connectorSettings.enabled(remote.provider())) {
                throw new InvalidImportRequest("Connector provider " + remote.provider().id()
                        + " is not enabled (error 1501)");
            }
            JsonNode normalized = remote.toJsonNode();
            ObjectNode source = json.createObjectNode().set("connector", normalized);
            submission = new ImportSubmission(DataType.DATASOURCE, source, options, privacy, createVis,
                    displayName(normalized));
        } else {
            throw new InvalidImportRequest("Not a file (1010): the request has no file, url or connector");
        }
        try {
            service.submit(id, account, submission);
        } catch (RuntimeException e) {
            workDirs.delete(id);
            throw e;
        }
        return Map.of("item_queue_id", id.toString(), "success", true);
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

    private ImportSubmission fileSubmission(UUID id, MultipartFile file, ImportOptions options, String privacy,
                                            boolean createVis) throws IOException {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            throw new InvalidImportRequest("Not a file (1010): the file field carries no file");
        }
        String safe = SafeFileName.of(name);
        Path dir = workDirs.of(id).resolve("upload");
        Files.createDirectories(dir);
        Path target = dir.resolve(safe);
        file.transferTo(target);
        ObjectNode source = json.createObjectNode().put("file", target.toString()).put("name", safe);
        return new ImportSubmission(DataType.FILE, source, options, privacy, createVis, name);
    }

    /** A URL as shown to users: without credentials or query (signed URLs carry tokens there). */
    private static String shown(String url) {
        try {
            URI u = URI.create(url);
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "url";
        }
    }

    private JsonNode parseConnector(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (!node.isObject()) {
                throw new InvalidImportRequest("Invalid parameters: connector must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidImportRequest("Invalid parameters: connector is not valid JSON");
        }
    }

    private static String displayName(JsonNode connector) {
        for (String field : new String[] {"import_as", "table"}) {
            if (connector.hasNonNull(field)) {
                return connector.get(field).asText();
            }
        }
        return connector.path("provider").asText() + " query";
    }

    private static CollisionStrategy collisionStrategy(String value) {
        if (value == null) {
            return CollisionStrategy.RENAME;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "skip" -> CollisionStrategy.SKIP;
            case "overwrite" -> CollisionStrategy.OVERWRITE;
            default -> CollisionStrategy.RENAME;
        };
    }

    private static String privacy(String value) {
        if (value == null) {
            return "PRIVATE";
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals("PUBLIC") || v.equals("LINK") ? v : "PRIVATE";
    }
}
