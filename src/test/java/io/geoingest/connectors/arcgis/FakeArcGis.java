package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake ArcGIS REST API on 127.0.0.1, answering as ArcGIS Server does (errors with HTTP 200
 * and {@code {"error": ...}}):
 * <ul>
 * <li>{@code <service>?f=json}: {@code currentVersion}, {@code layers} and {@code tables};</li>
 * <li>{@code <service>/<id>?f=json}: a layer's metadata;</li>
 * <li>{@code <service>/<id>/query}: {@code returnIdsOnly}, {@code where=1=1} or an object id range
 *     ({@code OBJECTID>=a AND OBJECTID<=b}), {@code resultOffset}/{@code resultRecordCount} (an
 *     error for a layer without pagination), at most {@code maxRecordCount} features with
 *     {@code exceededTransferLimit}, in Esri JSON or GeoJSON as the layer supports;</li>
 * <li>{@code <site>/rest/info?f=json}: the site's version, when set.</li>
 * </ul>
 * Every request is recorded; {@link #override} replaces the answer of chosen requests.
 */
public final class FakeArcGis implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("(\\w+)>=(-?\\d+) AND (\\w+)<=(-?\\d+)");

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;
    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, Object> infos = new ConcurrentHashMap<>();
    private final List<Function<String, Answer>> overrides = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** What the fake does with an answer's body. */
    enum Delivery { WHOLE, TRUNCATED, STALL_BEFORE_HEADERS, STALL_MID_BODY }

    /** An answer: status and body, and how it is sent. */
    record Answer(int status, String body, Delivery delivery) {
        static Answer json(String body) {
            return new Answer(200, body, Delivery.WHOLE);
        }

        static Answer status(int status, String body) {
            return new Answer(status, body, Delivery.WHOLE);
        }

        /** Stalls for 10 s before the headers, or after sending the headers and half the body. */
        static Answer stalled(String body, boolean midBody) {
            return new Answer(200, body, midBody ? Delivery.STALL_MID_BODY : Delivery.STALL_BEFORE_HEADERS);
        }
    }

    /** A FeatureServer or MapServer: its version (a number, text, or null for none) and layers. */
    public static final class Service {
        final Object version;
        final List<Layer> layers = new ArrayList<>();

        public Service(Object version) {
            this.version = version;
        }

        public Service add(Layer... more) {
            layers.addAll(List.of(more));
            return this;
        }
    }

    /** A layer or table; {@link #meta} can be changed freely before it is served. */
    public static final class Layer {
        final int id;
        final ObjectNode meta = JSON.createObjectNode();
        final List<ObjectNode> features = new ArrayList<>();
        boolean geojson;
        /** The index of the page whose body is cut short, or -1. */
        int truncatedPage = -1;
        boolean ignoresOffset;
        ObjectNode spatialReference = JSON.createObjectNode().put("wkid", 4326).put("latestWkid", 4326);

        public Layer(int id, String name, String type, String geometryType) {
            this.id = id;
            meta.put("id", id).put("name", name).put("type", type);
            if (geometryType != null) {
                meta.put("geometryType", geometryType);
            }
            meta.put("objectIdField", "OBJECTID").put("maxRecordCount", 1000)
                    .put("supportedQueryFormats", "JSON, geoJSON").put("capabilities", "Query");
            meta.putObject("advancedQueryCapabilities").put("supportsPagination", true);
            meta.putArray("fields").addObject().put("name", "OBJECTID").put("type", "esriFieldTypeOID");
        }

        public Layer field(String name, String type) {
            ((ArrayNode) meta.get("fields")).addObject().put("name", name).put("type", type).put("alias", name);
            return this;
        }

        Layer maxRecordCount(int n) {
            meta.put("maxRecordCount", n);
            return this;
        }

        Layer noPagination() {
            ((ObjectNode) meta.get("advancedQueryCapabilities")).put("supportsPagination", false);
            return this;
        }

        /** Served only as GeoJSON: features are then GeoJSON features. */
        Layer geojsonOnly() {
            meta.put("supportedQueryFormats", "geoJSON");
            geojson = true;
            return this;
        }

        /** An Esri JSON feature (or GeoJSON, for a GeoJSON-only layer) with its object id set. */
        public Layer feature(long objectId, ObjectNode attributes, JsonNode geometry) {
            ObjectNode f = JSON.createObjectNode();
            attributes.put("OBJECTID", objectId);
            if (geojson) {
                f.put("type", "Feature").put("id", objectId).set("properties", attributes);
            } else {
                f.set("attributes", attributes);
            }
            f.set("geometry", geometry);
            features.add(f);
            return this;
        }

        long objectId(ObjectNode feature) {
            return feature.path(geojson ? "properties" : "attributes").path("OBJECTID").asLong();
        }
    }

    public FakeArcGis() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code service} at {@code path} (e.g. {@code /arcgis/rest/services/X/FeatureServer}); its URL. */
    public String serve(String path, Service service) {
        services.put(path, service);
        return base() + path;
    }

    /** The site's {@code rest/info} states {@code version} (the site: the path before {@code /rest/services}). */
    void info(String site, Object version) {
        infos.put(site, version);
    }

    /** Answers requests ({@code path?query}, decoded) for which {@code answer} gives non-null. */
    void override(Function<String, Answer> answer) {
        overrides.add(answer);
    }

    /** Requests received, {@code path?query} decoded. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> requests(String containing) {
        return requests.stream().filter(r -> r.contains(containing)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = params(rawQuery);
        String request = path + "?" + String.join("&", params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        requests.add(request);
        Answer answer = overrides.stream().map(o -> o.apply(request)).filter(a -> a != null).findFirst()
                .orElseGet(() -> route(path, params));
        Delivery delivery = answer.delivery();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        byte[] half = answer.body().substring(0, answer.body().length() / 2).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (delivery == Delivery.STALL_BEFORE_HEADERS) {
            stall();
        }
        exchange.sendResponseHeaders(answer.status(), delivery == Delivery.TRUNCATED ? half.length : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (delivery == Delivery.TRUNCATED) {
                out.write(half);
            } else if (delivery == Delivery.STALL_MID_BODY) {
                out.write(half);
                out.flush();
                stall();
                out.write(body, half.length, body.length - half.length);
            } else {
                out.write(body);
            }
        } catch (IOException e) {
            // The client gave up on a stalled answer.
        }
    }

    private static void stall() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer route(String path, Map<String, String> params) {
        for (Map.Entry<String, Object> info : infos.entrySet()) {
            if (path.equals(info.getKey() + "/rest/info")) {
                ObjectNode answer = JSON.createObjectNode();
                answer.set("currentVersion", JSON.valueToTree(info.getValue()));
                return Answer.json(answer.toString());
            }
        }
        String key = services.keySet().stream().filter(path::startsWith).max(Comparator.comparingInt(String::length))
                .orElse(null);
        if (key == null) {
            return Answer.status(404, "<html>Not found</html>");
        }
        Service service = services.get(key);
        String rest = path.substring(key.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return Answer.json(serviceJson(service).toString());
        }
        Matcher m = Pattern.compile("/(\\d+)(/query)?/?").matcher(rest);
        Layer layer = m.matches() ? service.layers.stream().filter(l -> l.id == Integer.parseInt(m.group(1)))
                .findFirst().orElse(null) : null;
        if (layer == null) {
            return error(400, "Invalid or missing input parameters.", "Invalid Layer or Table ID: " + rest);
        }
        if (m.group(2) == null) {
            ObjectNode meta = layer.meta.deepCopy();
            if (service.version != null) {
                meta.set("currentVersion", JSON.valueToTree(service.version));
            }
            return Answer.json(meta.toString());
        }
        return query(layer, params);
    }

    private static ObjectNode serviceJson(Service service) {
        ObjectNode answer = JSON.createObjectNode();
        if (service.version != null) {
            answer.set("currentVersion", JSON.valueToTree(service.version));
        }
        ArrayNode layers = answer.putArray("layers");
        ArrayNode tables = answer.putArray("tables");
        for (Layer l : service.layers) {
            boolean table = l.meta.path("type").asText().equals("Table");
            (table ? tables : layers).addObject().put("id", l.id).put("name", l.meta.path("name").asText());
        }
        return answer;
    }

    private Answer query(Layer layer, Map<String, String> params) {
        String f = params.getOrDefault("f", "html");
        if (params.containsKey("returnIdsOnly")) {
            ObjectNode answer = JSON.createObjectNode().put("objectIdFieldName", "OBJECTID");
            ArrayNode ids = answer.putArray("objectIds");
            layer.features.forEach(feature -> ids.add(layer.objectId(feature)));
            if (ids.isEmpty()) {
                answer.putNull("objectIds");
            }
            return Answer.json(answer.toString());
        }
        if (!f.equals(layer.geojson ? "geojson" : "json")) {
            return error(400, "Invalid or missing input parameters.", "f=" + f + " is not supported");
        }
        if (!"4326".equals(params.get("outSR")) || !"*".equals(params.get("outFields"))) {
            return error(400, "Expected outSR=4326 and outFields=*", null);
        }
        List<ObjectNode> matching = new ArrayList<>(layer.features);
        matching.sort(Comparator.comparingLong(layer::objectId));
        String where = params.getOrDefault("where", "");
        Matcher range = RANGE.matcher(where);
        if (range.matches()) {
            long from = Long.parseLong(range.group(2));
            long to = Long.parseLong(range.group(4));
            matching.removeIf(feature -> layer.objectId(feature) < from || layer.objectId(feature) > to);
        } else if (!where.equals("1=1")) {
            return error(400, "Unable to complete operation.", "Invalid where clause: " + where);
        }
        int max = layer.meta.path("maxRecordCount").asInt();
        int offset = 0;
        int count = max;
        if (params.containsKey("resultOffset")) {
            if (!layer.meta.path("advancedQueryCapabilities").path("supportsPagination").asBoolean()) {
                return error(400, "Pagination is not supported.", null);
            }
            offset = layer.ignoresOffset ? 0 : Integer.parseInt(params.get("resultOffset"));
            count = Math.min(max, Integer.parseInt(params.getOrDefault("resultRecordCount", "" + max)));
        }
        List<ObjectNode> page = matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + count, matching.size()));
        boolean exceeded = offset + count < matching.size();
        ObjectNode answer = JSON.createObjectNode();
        if (layer.geojson) {
            answer.put("type", "FeatureCollection");
            if (exceeded) {
                answer.putObject("properties").put("exceededTransferLimit", true);
            }
        } else {
            answer.put("objectIdFieldName", "OBJECTID").put("geometryType", layer.meta.path("geometryType").asText());
            answer.set("spatialReference", layer.spatialReference);
            answer.set("fields", layer.meta.get("fields"));
            if (exceeded) {
                answer.put("exceededTransferLimit", true);
            }
        }
        answer.putArray("features").addAll(page);
        int pageIndex = count == 0 ? 0 : offset / count;
        boolean truncated = layer.truncatedPage == pageIndex && params.containsKey("resultOffset");
        return new Answer(200, answer.toString(), truncated ? Delivery.TRUNCATED : Delivery.WHOLE);
    }

    static Answer error(int code, String message, String detail) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode error = answer.putObject("error").put("code", code).put("message", message);
        ArrayNode details = error.putArray("details");
        if (detail != null) {
            details.add(detail);
        }
        return Answer.json(answer.toString());
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
