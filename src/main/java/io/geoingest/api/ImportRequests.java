package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequestParser;
import io.geoingest.connectors.arcgis.ArcGisService;
import io.geoingest.connectors.arcgis.ArcGisSource;
import io.geoingest.fetch.UrlDownloader;
import io.geoingest.imports.DataType;
import io.geoingest.imports.ImportOptions;
import io.geoingest.imports.ImportOptions.CollisionStrategy;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.imports.InvalidImportRequest;
import io.geoingest.secrets.Redaction;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Turns the parameters CARTO clients send (for an import or a sync) into a validated
 * {@link ImportSubmission} for a URL, a connector or an ArcGIS layer; one reading for both APIs.
 */
@Component
class ImportRequests {
    private final ConnectorRequestParser connectors;
    private final ConnectorProperties connectorSettings;
    private final UrlDownloader downloader;
    private final ArcGisService arcgis;
    private final ObjectMapper json;

    ImportRequests(ConnectorRequestParser connectors, ConnectorProperties connectorSettings,
                   UrlDownloader downloader, ArcGisService arcgis, ObjectMapper json) {
        this.connectors = connectors;
        this.connectorSettings = connectorSettings;
        this.downloader = downloader;
        this.arcgis = arcgis;
        this.json = json;
    }

    ImportOptions options(RequestParams params) {
        return new ImportOptions(params.flag("type_guessing", true), params.flag("quoted_fields_guessing", true),
                params.flag("content_guessing", false), collisionStrategy(params.text("collision_strategy")));
    }

    String privacy(RequestParams params) {
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
        ObjectNode source = json.createObjectNode().put("url", trimmed);
        return new ImportSubmission(DataType.URL, source, options(params), privacy(params),
                params.flag("create_vis", false), Redaction.url(trimmed));
    }

    /** Whether the request names the ArcGIS service ({@code service_name=arcgis}), whatever its {@code url} says. */
    boolean isArcGis(RequestParams params) {
        return ArcGisSource.SERVICE_NAME.equalsIgnoreCase(params.text("service_name"));
    }

    /** An ArcGIS layer or service: {@code service_item_id} and {@code value} both carry its URL (the seed). */
    ImportSubmission arcgis(RequestParams params) {
        String item = params.text("service_item_id");
        String url = arcgis.validate(item != null ? item : params.text("value"));
        return new ImportSubmission(DataType.DATASOURCE, ArcGisSource.json(url), options(params), privacy(params),
                params.flag("create_vis", false), url);
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
        ObjectNode source = json.createObjectNode().set("connector", normalized);
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
