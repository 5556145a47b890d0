package io.geoingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.Connector;
import io.geoingest.connectors.ConnectorCatalog;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequestParser;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.InvalidImportRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * For integrators: which connectors this service offers ({@code GET /api/v1/connectors}), and,
 * given connection parameters, whether the connection works ({@code .../{provider}/connect}) and
 * which tables it can import ({@code .../{provider}/tables}, at most 500, the seed's limit).
 * Parameters come as a JSON body (the {@code connector} object's fields) or, for GET, as a
 * {@code connection} query parameter holding that JSON; POST keeps passwords out of URLs.
 */
@RestController
@RequestMapping({"/api/v1/connectors", "/user/{username}/api/v1/connectors"})
public class ConnectorsController {
    static final int MAX_TABLES = 500;

    private final ConnectorCatalog catalog;
    private final ConnectorProperties settings;
    private final ConnectorRequestParser parser;
    private final ObjectMapper json;

    public ConnectorsController(ConnectorCatalog catalog, ConnectorProperties settings, ConnectorRequestParser parser,
                                ObjectMapper json) {
        this.catalog = catalog;
        this.settings = settings;
        this.parser = parser;
        this.json = json;
    }

    @GetMapping
    public Map<String, Object> providers() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Provider p : Provider.values()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", p.id());
            info.put("enabled", settings.enabled(p) && catalog.find(p).isPresent());
            info.put("max_rows", settings.maxRows(p));
            out.put(p.id(), info);
        }
        return out;
    }

    @RequestMapping(path = "/{provider}/connect", method = {RequestMethod.GET, RequestMethod.POST})
    public Map<String, Object> connect(@PathVariable("provider") String provider, HttpServletRequest request,
                                       @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body) {
        ConnectorRequest remote = remote(provider, request, body);
        connector(remote).tables(remote, 1);
        return Map.of("connected", true);
    }

    @RequestMapping(path = "/{provider}/tables", method = {RequestMethod.GET, RequestMethod.POST})
    public Map<String, Object> tables(@PathVariable("provider") String provider, HttpServletRequest request,
                                      @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body) {
        ConnectorRequest remote = remote(provider, request, body);
        List<String> names = connector(remote).tables(remote, MAX_TABLES);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", remote.remoteSchema());
        out.put("tables", names);
        out.put("total", names.size());
        out.put("limit", MAX_TABLES);
        return out;
    }

    @ExceptionHandler(ImportException.class)
    ResponseEntity<Map<String, Object>> failed(ImportException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("errors", Map.of("connector", e.getMessage()),
                "error_code", e.code().code()));
    }

    private Connector connector(ConnectorRequest remote) {
        Provider p = remote.provider();
        if (!settings.enabled(p)) {
            throw new InvalidImportRequest("Connector provider " + p.id() + " is not enabled (error 1501)");
        }
        return catalog.find(p).orElseThrow(() -> new InvalidImportRequest(
                "Connector provider " + p.id() + " is not available here (error 1501)"));
    }

    private ConnectorRequest remote(String provider, HttpServletRequest request, JsonNode body) {
        ObjectNode connector = body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : json.createObjectNode();
        String connection = request.getParameter("connection");
        if (connection != null && !connector.has("connection")) {
            try {
                connector.set("connection", json.readTree(connection));
            } catch (IOException e) {
                throw new InvalidImportRequest("Invalid parameters: connection is not JSON");
            }
        }
        for (String key : List.of("schema", "billing_project", "project", "dataset")) {
            if (request.getParameter(key) != null && !connector.has(key)) {
                connector.put(key, request.getParameter(key));
            }
        }
        connector.remove("api_key");
        connector.put("provider", provider);
        return parser.parseConnection(connector);
    }
}
