package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequestParser;
import io.geoingest.connectors.arcgis.ArcGisService;
import io.geoingest.connectors.arcgis.ArcGisSource;
import io.geoingest.drives.DriveSource;
import io.geoingest.fetch.UrlDownloader;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportOptions.CollisionStrategy;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.imports.SourceKind;
import io.geoingest.imports.WorkDirs;
import io.geoingest.secrets.Redaction;
import io.geoingest.sync.InvalidSync;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns the parameters CARTO clients send (for an import or a sync) into a validated
 * {@link ImportSubmission} for a file, a URL, a connector or an ArcGIS layer; one reading for
 * both APIs and for the route templates of declared routes. It decides the source's
 * {@link SourceKind}, once: the stored source carries it, and the import route dispatches on it.
 */
@Component
public class ImportRequests {
    private final ConnectorRequestParser connectors;
    private final ConnectorProperties connectorSettings;
    private final UrlDownloader downloader;
    private final ArcGisService arcgis;
    private final WorkDirs workDirs;
    private final ObjectMapper json;

    ImportRequests(ConnectorRequestParser connectors, ConnectorProperties connectorSettings,
                   UrlDownloader downloader, ArcGisService arcgis, WorkDirs workDirs, ObjectMapper json) {
        this.connectors = connectors;
        this.connectorSettings = connectorSettings;
        this.downloader = downloader;
        this.arcgis = arcgis;
        this.workDirs = workDirs;
        this.json = json;
    }

    /** A sync's source: its first run, and what the Synchronizations API shows of it. */
    public record SyncSource(ImportSubmission first, String serviceName, String serviceItemId) {
    }

    /** Whether the parameters name something {@link #remote} would import. */
    public boolean namesRemoteSource(RequestParams params) {
        return isArcGis(params) || isDrive(params) || params.text("url") != null || params.text("connector") != null
                || namesAccountData(params);
    }

    /** Whether the parameters ask for a new table from the account's own data: {@code sql} or {@code table_copy}. */
    public boolean namesAccountData(RequestParams params) {
        return params.text("sql") != null || params.text("table_copy") != null;
    }

    /** What is recorded of a request naming nothing to import (the SDK's first POST): no source. */
    public ImportSubmission withoutSource(RequestParams params) {
        return new ImportSubmission(DataType.FILE, json.createObjectNode(), options(params), privacy(params),
                params.flag("create_vis", false), null);
    }

    /** An import of an ArcGIS layer, a URL or a connector, whichever the parameters name. */
    public ImportSubmission remote(RequestParams params) {
        if (namesAccountData(params)) {
            return accountData(params);
        }
        if (isDrive(params)) {
            return drive(params);
        } else if (isArcGis(params)) {
            return arcgis(params);
        } else if (params.text("url") != null) {
            return url(params, params.text("url"));
        } else if (params.text("connector") != null) {
            return connector(params);
        }
        throw new InvalidImportRequest("Not a file (1010): the request has no file, url or connector");
    }

    /** The source of a sync; what the Import API refuses is refused here as {@link InvalidSync}. */
    public SyncSource syncSource(RequestParams params) {
        try {
            if (isDrive(params)) {
                ImportSubmission first = drive(params);
                return new SyncSource(first, DriveSource.service(params.text("service_name")), first.displayName());
            } else if (isArcGis(params)) {
                ImportSubmission first = arcgis(params);
                return new SyncSource(first, ArcGisSource.SERVICE_NAME, first.displayName());
            } else if (params.text("connector") != null) {
                ImportSubmission first = connector(params);
                return new SyncSource(first, "connector",
                        ConnectorRequest.fromJson(first.source().get("connector")).withoutPassword().toJson());
            } else if (params.text("url") != null) {
                ImportSubmission first = url(params, params.text("url"));
                return new SyncSource(first, null, Redaction.url(first.source().path("url").asText()));
            }
        } catch (InvalidImportRequest e) {
            throw new InvalidSync(e.getMessage());
        }
        throw new InvalidSync("A sync needs a url, a connector or a service_name with a service_item_id");
    }

    /** Where a file given to import {@code id} is stored: the import's directory, under a safe name. */
    public Path uploadTarget(UUID id, String name) throws IOException {
        Path dir = workDirs.of(id).resolve("upload");
        Files.createDirectories(dir);
        return dir.resolve(SafeFileName.of(name));
    }

    /** An import of a file stored at {@link #uploadTarget}; {@code name} is the name its owner gave it. */
    public ImportSubmission file(RequestParams params, Path stored, String name) {
        ObjectNode source = SourceKind.FILE.tag(json.createObjectNode()).put("file", stored.toString())
                .put("name", stored.getFileName().toString());
        return new ImportSubmission(DataType.FILE, source, options(params), privacy(params),
                params.flag("create_vis", false), name);
    }

    /** An import of rows a route holds ({@code io.geoingest.imports.RouteRows}), into the table {@code name}. */
    public ImportSubmission routeRows(RequestParams params, JsonNode source, String name) {
        return new ImportSubmission(DataType.DATASOURCE, source, options(params), privacy(params),
                params.flag("create_vis", false), name);
    }

    public ImportOptions options(RequestParams params) {
        return new ImportOptions(params.flag("type_guessing", true), params.quotedFieldsGuessing(true),
                params.flag("content_guessing", false), collisionStrategy(params.text("collision_strategy")));
    }

    public String privacy(RequestParams params) {
        String value = params.text("privacy");
        if (value == null) {
            return "PRIVATE";
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals("PUBLIC") || v.equals("LINK") ? v : "PRIVATE";
    }

    ImportSubmission url(RequestParams params, String url) {
        String trimmed = url.trim();
        downloader.validate(trimmed);
        ObjectNode source = SourceKind.URL.tag(json.createObjectNode()).put("url", trimmed);
        return new ImportSubmission(DataType.URL, source, options(params), privacy(params),
                params.flag("create_vis", false), fileName(trimmed));
    }

    /**
     * What the seed shows as a URL import's {@code display_name}: the file's name (the URL's last
     * path segment, percent-decoded, without query or fragment); the URL without credentials or
     * query when its path names no file.
     */
    static String fileName(String url) {
        try {
            String path = URI.create(url).getRawPath();
            if (path != null) {
                String trimmed = path.replaceAll("/+$", "");
                String segment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
                if (!segment.isEmpty()) {
                    // Percent-decoding of a path: a '+' is a plus sign there, not a space.
                    String name = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
                    if (!name.isBlank()) {
                        return name;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // shown as the redacted URL below
        }
        return Redaction.url(url);
    }

    /**
     * A table made from the account's own tables: {@code sql}, a query whose result becomes the
     * table (data_type {@code query}), or {@code table_copy}, the table to duplicate (data_type
     * {@code table}); {@code table_name} names the new table (else the query's first table, or
     * the copied table's name), following the naming rules. Neither mixes with another source.
     */
    ImportSubmission accountData(RequestParams params) {
        String sql = params.text("sql");
        String copy = params.text("table_copy");
        String name = params.text("table_name");
        if (sql != null && copy != null) {
            throw new InvalidImportRequest("Invalid parameters: give sql or table_copy, not both");
        }
        if (isArcGis(params) || isDrive(params) || params.text("url") != null || params.text("connector") != null) {
            throw new InvalidImportRequest("Invalid parameters: " + (sql != null ? "sql" : "table_copy")
                    + " cannot be combined with a url, a connector or a service");
        }
        ObjectNode source = SourceKind.QUERY.tag(json.createObjectNode());
        if (sql != null) {
            source.put("sql", sql);
        } else {
            source.put("table_copy", copy);
        }
        if (name != null) {
            source.put("table_name", name);
        }
        return new ImportSubmission(sql != null ? DataType.QUERY : DataType.TABLE, source, options(params),
                privacy(params), params.flag("create_vis", false), name != null ? name : sql != null ? "query" : copy);
    }

    /** Whether the request names the ArcGIS service ({@code service_name=arcgis}), whatever its {@code url} says. */
    boolean isArcGis(RequestParams params) {
        return ArcGisSource.SERVICE_NAME.equalsIgnoreCase(params.text("service_name"));
    }

    /** An ArcGIS layer or service: {@code service_item_id} and {@code value} both carry its URL (the seed). */
    ImportSubmission arcgis(RequestParams params) {
        String item = params.text("service_item_id");
        String url = arcgis.validate(item != null ? item : params.text("value"));
        return new ImportSubmission(DataType.DATASOURCE, SourceKind.ARCGIS.tag(ArcGisSource.json(url)),
                options(params), privacy(params), params.flag("create_vis", false), url);
    }

    /** Whether the request names a cloud drive: {@code service_name} {@code dropbox}, {@code gdrive} or {@code box}. */
    boolean isDrive(RequestParams params) {
        return DriveSource.service(params.text("service_name")) != null;
    }

    /**
     * A cloud drive's file: {@code service_item_id} its id, {@code service_token} (optional) the
     * account's OAuth access token for that drive, else the one configured for the account.
     */
    ImportSubmission drive(RequestParams params) {
        String service = DriveSource.service(params.text("service_name"));
        String item = params.text("service_item_id");
        if (item == null || item.isBlank()) {
            throw new InvalidImportRequest("Invalid parameters: service_name " + service
                    + " needs the file's id in service_item_id");
        }
        String token = params.text("service_token");
        return new ImportSubmission(DataType.DATASOURCE, SourceKind.DRIVE.tag(DriveSource.json(service, item.strip(),
                token == null || token.isBlank() ? null : token.strip())), options(params), privacy(params),
                params.flag("create_vis", false), item.strip());
    }

    /** The request's {@code connector}, as a JSON object or as JSON text. */
    ImportSubmission connector(RequestParams params) {
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
        ObjectNode source = SourceKind.CONNECTOR.tag(json.createObjectNode());
        source.set("connector", normalized);
        return new ImportSubmission(DataType.DATASOURCE, source, options(params), privacy(params),
                params.flag("create_vis", false), displayName(normalized));
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
}
