package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.fetch.DownloadProperties;
import io.geoingest.fetch.UrlDownloader;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.TableSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Imports ArcGIS Server and ArcGIS Online layers ({@code service_name=arcgis}): a layer URL
 * ({@code .../FeatureServer/0}, {@code .../MapServer/3}) gives one table; a service URL
 * ({@code .../FeatureServer}) one table per feature layer and table it lists, other layers
 * (group, raster) named in the warning {@code skipped_layers}.
 *
 * <ul>
 * <li>Metadata first ({@code ?f=json}): the server's version (10.1 or later, else 1013; see
 *     {@link ServerVersion}), then each layer's name, fields, {@code maxRecordCount},
 *     pagination support and formats ({@link Layer}).</li>
 * <li>Features page by page ({@code where=1=1&outFields=*&outSR=4326}), at most
 *     {@code maxRecordCount} and {@code geoingest.imports.batch-size} per page: by
 *     {@code resultOffset} when the layer supports pagination ({@link OffsetPages}), else by
 *     object id ranges ({@link ObjectIdPages}); Esri JSON or GeoJSON ({@link QueryFormat},
 *     {@link EsriGeometry}, {@link FieldColumn}).</li>
 * <li>Every request goes through {@link UrlDownloader#open}: the address policy, redirects
 *     and timeouts of downloads. Errors: {@link ArcGisClient}.</li>
 * </ul>
 */
@Component("arcgisService")
public class ArcGisService {
    private static final Map<String, String> METADATA = Map.of("f", "json");

    private final UrlDownloader downloader;
    private final ArcGisClient client;
    private final ArcGisProperties properties;
    private final ImportProperties imports;

    public ArcGisService(UrlDownloader downloader, DownloadProperties download, ArcGisProperties properties,
                         ImportProperties imports) {
        this.downloader = downloader;
        this.client = new ArcGisClient(downloader, download.timeout(), properties.maxAnswerBytes().toBytes());
        this.properties = properties;
        this.imports = imports;
    }

    /**
     * The URL of an ArcGIS layer or service, normalised (no query, no trailing slash), as
     * {@link ArcGisSource} stores it.
     *
     * @throws InvalidImportRequest when it is missing, not http(s), or not an ArcGIS REST URL
     */
    public String validate(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidImportRequest("An ArcGIS import needs the layer's URL in service_item_id");
        }
        return ArcGisUrl.of(downloader.validate(url.strip())).toString();
    }

    /**
     * The tables of the layer or service at {@code url}, to be read one after the other; the
     * metadata of every layer is read here, the features only as each table's batches are.
     *
     * @param warnings the import's warnings, for layers that cannot be imported
     * @throws ImportException 1013 for a server before 10.1; 1011 when the layer is not a
     *                         feature layer or table; 2004 for too many fields; see
     *                         {@link ArcGisClient} for the errors of the requests
     */
    public List<TableSource> layers(String url, ImportWarnings warnings) {
        ArcGisUrl target = ArcGisUrl.of(downloader.validate(url));
        JsonNode root = client.get(target.target(), METADATA);
        ServerVersion.require(root, () -> client.get(target.info(), METADATA));
        if (target.isLayer()) {
            Layer layer = Layer.of(target.target(), root, "layer_" + target.layerId());
            if (!layer.queryable()) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS layer " + target + " is a "
                        + (layer.type().isEmpty() ? "layer" : layer.type()) + " without features to query");
            }
            return List.of(source(layer));
        }
        List<TableSource> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : listed(root).entrySet()) {
            int id = entry.getKey();
            Layer layer = Layer.of(target.layer(id), client.get(target.layer(id), METADATA), entry.getValue());
            if (layer.queryable()) {
                sources.add(source(layer));
            } else {
                skipped.add(layer.name());
            }
        }
        if (!skipped.isEmpty()) {
            warnings.set("skipped_layers", List.copyOf(skipped));
        }
        return sources;
    }

    /** The layers, then the tables, a service lists: id → name (or a name made of the id). */
    private static Map<Integer, String> listed(JsonNode service) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (String kind : new String[] {"layers", "tables"}) {
            for (JsonNode entry : service.path(kind)) {
                JsonNode id = entry.path("id");
                if (id.isIntegralNumber() && id.canConvertToInt() && id.intValue() >= 0) {
                    String name = entry.path("name").asText("");
                    out.putIfAbsent(id.intValue(), name.isBlank() ? "layer_" + id.intValue() : name);
                }
            }
        }
        return out;
    }

    private TableSource source(Layer layer) {
        if (layer.columns().size() > imports.connectorMaxColumns()) {
            throw new ImportException(ErrorCode.TOO_MANY_COLUMNS, "The ArcGIS layer " + layer.url() + " has "
                    + layer.columns().size() + " fields; at most " + imports.connectorMaxColumns() + " can be imported");
        }
        int pageSize = Math.min(layer.maxRecordCount(), imports.batchSize());
        Pages pages = layer.paging() ? new OffsetPages(client, layer, pageSize)
                : new ObjectIdPages(client, layer, pageSize);
        return new ArcGisTableSource(layer, pages, properties.maxRows());
    }
}
