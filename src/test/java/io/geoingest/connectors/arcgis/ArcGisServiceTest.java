package io.geoingest.connectors.arcgis;

import static io.geoingest.connectors.arcgis.FakeArcGis.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.arcgis.FakeArcGis.Answer;
import io.geoingest.connectors.arcgis.FakeArcGis.Layer;
import io.geoingest.connectors.arcgis.FakeArcGis.Service;
import io.geoingest.fetch.DownloadProperties;
import io.geoingest.fetch.UrlDownloader;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.testing.TestImports;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.sources.SourceAddressPolicy;
import io.geoingest.sources.TestPolicies;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.springframework.util.unit.DataSize;

/** The ArcGIS source against {@link FakeArcGis}, without the database: requests, rows and failures. */
class ArcGisServiceTest {
    private static FakeArcGis fake;
    private final List<UrlDownloader> downloaders = new ArrayList<>();
    private final ImportWarnings warnings = new ImportWarnings();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeArcGis();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @AfterEach
    void closeDownloaders() {
        downloaders.forEach(UrlDownloader::close);
    }

    private ArcGisService service() {
        return service(TestPolicies.standard(), Duration.ofSeconds(30), DataSize.ofMegabytes(16), 1_000_000, 256);
    }

    private ArcGisService service(SourceAddressPolicy policy, Duration timeout, DataSize maxAnswer, int maxRows,
                                  int maxColumns) {
        DownloadProperties download = new DownloadProperties(Duration.ofSeconds(5), timeout, 5,
                DataSize.ofGigabytes(1), DataSize.ofGigabytes(1));
        UrlDownloader downloader = new UrlDownloader(download, policy);
        downloaders.add(downloader);
        return new ArcGisService(downloader, download, new ArcGisProperties(maxAnswer, maxRows),
                TestImports.properties(1000, maxColumns));
    }

    /** A new service path, so that tests do not share what the fake serves. */
    private static String servicePath() {
        return "/" + UUID.randomUUID() + "/arcgis/rest/services/Test/FeatureServer";
    }

    private static String serve(Layer... layers) {
        return fake.serve(servicePath(), new Service(10.81).add(layers));
    }

    private static List<List<Object[]>> batches(TableSource source) {
        List<List<Object[]>> out = new ArrayList<>();
        for (Iterator<RowBatch> it = source.batches(); it.hasNext(); ) {
            out.add(it.next().rows());
        }
        return out;
    }

    private static List<Object[]> rows(TableSource source) {
        return batches(source).stream().flatMap(List::stream).toList();
    }

    private TableSource only(String url) {
        List<TableSource> sources = service().layers(url, warnings);
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    @Test
    void aPagedLayerIsReadOnePagePerBatch() {
        String service = serve(Layers.points(0, "Points", 2500));
        TableSource source = only(service + "/0");

        assertThat(source.name()).isEqualTo("Points");
        assertThat(source.columns()).containsExactly(new Column("OBJECTID", ColumnType.BIGINT),
                new Column("name", ColumnType.TEXT), new Column("value", ColumnType.DOUBLE),
                new Column("count", ColumnType.INTEGER), new Column("small", ColumnType.INTEGER),
                new Column("created", ColumnType.TIMESTAMPTZ), new Column("guid", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(fake.requests(service.substring(fake.base().length()) + "/0/query")).isEmpty();

        List<List<Object[]>> batches = batches(source);
        assertThat(batches).extracting(List::size).containsExactly(1000, 1000, 500);
        List<String> queries = fake.requests(service.substring(fake.base().length()) + "/0/query");
        assertThat(queries).hasSize(3);
        assertThat(queries.get(0)).contains("where=1=1", "outFields=*", "outSR=4326", "f=json",
                "orderByFields=OBJECTID", "resultOffset=0", "resultRecordCount=1000");
        assertThat(queries.get(1)).contains("resultOffset=1000");
        assertThat(queries.get(2)).contains("resultOffset=2000");

        Object[] first = batches.get(0).get(0);
        assertThat(first).startsWith(1L, "p1", 0.5, 1, 1,
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(Layers.CREATED + 1000), ZoneOffset.UTC),
                "{00000000-0000-0000-0000-000000000001}");
        Point p = (Point) first[7];
        assertThat(p.getSRID()).isEqualTo(4326);
        assertThat(p.getX()).isEqualTo(-3.6999, Offset.offset(1e-9));
        assertThat(batches.get(0).get(99)).startsWith(100L, null, null, null, null, null, null);
        assertThat(batches.get(2).get(499)[0]).isEqualTo(2500L);
        assertThat(source.warnings().asMap()).containsEntry("skipped_columns", List.of("photo"))
                .doesNotContainKey("invalid_values");
    }

    @Test
    void aLayerWithoutPaginationIsReadByObjectIdRanges() {
        String service = serve(Layers.polygons(1, "Parcels"));
        TableSource source = only(service + "/1/");

        List<List<Object[]>> batches = batches(source);
        List<String> queries = fake.requests(service.substring(fake.base().length()) + "/1/query");
        assertThat(queries).hasSize(3);
        assertThat(queries.get(0)).contains("returnIdsOnly=true");
        assertThat(queries.get(1)).contains("where=OBJECTID>=7 AND OBJECTID<=10", "outSR=4326");
        assertThat(queries.get(2)).contains("where=OBJECTID>=20 AND OBJECTID<=35");
        assertThat(queries).noneMatch(q -> q.contains("resultOffset"));
        assertThat(batches).extracting(List::size).containsExactly(2, 2);

        List<Object[]> rows = batches.stream().flatMap(List::stream).toList();
        assertThat(rows).extracting(r -> r[0]).containsExactly(7L, 10L, 20L, 35L);
        assertThat(rows.get(0)[2]).isNull();
        MultiPolygon withHole = (MultiPolygon) rows.get(1)[2];
        assertThat(withHole.getNumGeometries()).isEqualTo(1);
        assertThat(((Polygon) withHole.getGeometryN(0)).getNumInteriorRing()).isEqualTo(1);
        MultiPolygon twoParts = (MultiPolygon) rows.get(2)[2];
        assertThat(twoParts.getNumGeometries()).isEqualTo(2);
        assertThat(((Polygon) twoParts.getGeometryN(0)).getNumInteriorRing()).isZero();
        assertThat(((Polygon) twoParts.getGeometryN(1)).getNumInteriorRing()).isEqualTo(1);
        assertThat(twoParts.isValid()).isTrue();
        assertThat(rows.get(3)[1]).isEqualTo("garbled");
        assertThat(rows.get(3)[2]).isNull();
        assertThat(source.warnings().asMap()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void aServiceUrlGivesEveryFeatureLayerAndTable() {
        String service = serve(Layers.points(0, "Points", 5), Layers.polygons(1, "Parcels"), Layers.group(2, "Group"),
                Layers.table(3, "Owners"));
        List<TableSource> sources = service().layers(service + "?f=pjson", warnings);

        assertThat(sources).extracting(TableSource::name).containsExactly("Points", "Parcels", "Owners");
        assertThat(warnings.asMap()).containsEntry("skipped_layers", List.of("Group"));
        TableSource owners = sources.get(2);
        assertThat(owners.columns()).extracting(Column::type).doesNotContain(ColumnType.GEOMETRY);
        assertThat(rows(owners)).extracting(r -> r[1]).containsExactly("n1", "n2", "n3");
        assertThat(rows(sources.get(0))).hasSize(5);
        // Nothing but metadata is read before the batches are.
        assertThat(fake.requests(service.substring(fake.base().length()) + "/1/query")).isEmpty();
    }

    @Test
    void serversBefore101FailWith1013() {
        Layer layer = Layers.points(0, "Old", 3);
        String old = fake.serve(servicePath(), new Service(10.0).add(layer));
        assertCode(() -> service().layers(old + "/0", warnings), ErrorCode.INVALID_ARCGIS_VERSION)
                .hasMessageContaining("10.0").hasMessageContaining("10.1");
        assertCode(() -> service().layers(fake.serve(servicePath(), new Service("9.3.1").add(layer)), warnings),
                ErrorCode.INVALID_ARCGIS_VERSION);
        assertThat(service().layers(fake.serve(servicePath(), new Service("10.8.1").add(layer)) + "/0", warnings))
                .hasSize(1);
    }

    @Test
    void withoutAVersionTheSiteInfoDecides() {
        String site = "/" + UUID.randomUUID() + "/arcgis";
        String path = site + "/rest/services/Test/MapServer";
        String url = fake.serve(path, new Service(null).add(Layers.points(0, "Unversioned", 3))) + "/0";
        assertCode(() -> service().layers(url, warnings), ErrorCode.INVALID_ARCGIS_VERSION)
                .hasMessageContaining("does not state");

        fake.info(site, 10.0);
        assertCode(() -> service().layers(url, warnings), ErrorCode.INVALID_ARCGIS_VERSION)
                .hasMessageContaining("10.0");

        fake.info(site, 10.51);
        assertThat(rows(service().layers(url, warnings).get(0))).hasSize(3);
        assertThat(fake.requests(site + "/rest/info")).hasSize(3);
    }

    @Test
    void errorAnswersFailWithTheServersMessage() {
        String service = serve(Layers.points(0, "Broken", 3));
        String path = service.substring(fake.base().length());
        fake.override(r -> r.startsWith(path + "/0/query")
                ? FakeArcGis.error(400, "Unable to complete operation.", "Invalid query parameters.") : null);
        TableSource source = only(service + "/0");
        assertCode(() -> batches(source), ErrorCode.DATASOURCE_QUERY)
                .hasMessageContaining("error 400: Unable to complete operation.; Invalid query parameters.");

        assertCode(() -> service().layers(service + "/7", warnings), ErrorCode.DATASOURCE_QUERY)
                .hasMessageContaining("Invalid Layer or Table ID");
    }

    @Test
    void aLayerNeedingATokenIsForbidden() {
        String service = serve(Layers.points(0, "Private", 3));
        String path = service.substring(fake.base().length());
        fake.override(r -> r.startsWith(path + "/0?") ? FakeArcGis.error(499, "Token Required", null) : null);
        assertCode(() -> service().layers(service + "/0", warnings), ErrorCode.DOWNLOAD_FORBIDDEN)
                .hasMessageContaining("Token Required");
    }

    @Test
    void aTruncatedPageFailsTheLayer() {
        Layer layer = Layers.points(0, "Truncated", 2500);
        layer.truncatedPage = 1;
        TableSource source = only(serve(layer) + "/0");
        Iterator<RowBatch> it = source.batches();
        assertThat(it.next().size()).isEqualTo(1000);
        assertCode(it::hasNext, ErrorCode.DATASOURCE_QUERY).hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Proxy error</body></html>", "", "[1, 2]", "{\"features\": {}}",
            "{\"features\": [1, 2]}", "{\"features\": []} trailing", "{\"features\": []}{}"})
    void answersThatAreNotQueryAnswersFail(String body) {
        String service = serve(Layers.points(0, "Odd", 3));
        String path = service.substring(fake.base().length());
        fake.override(r -> r.startsWith(path + "/0/query") ? Answer.json(body) : null);
        TableSource source = only(service + "/0");
        assertCode(() -> batches(source), ErrorCode.DATASOURCE_QUERY);
    }

    @Test
    void aServerIgnoringTheOffsetFailsRatherThanRepeatingRows() {
        Layer layer = Layers.points(0, "Loop", 2500);
        layer.ignoresOffset = true;
        assertCode(() -> batches(only(serve(layer) + "/0")), ErrorCode.DATASOURCE_QUERY)
                .hasMessageContaining("does not page");
    }

    @Test
    void anAnswerInAnotherSpatialReferenceFails() {
        Layer layer = Layers.points(0, "Mercator", 3);
        layer.spatialReference = JSON.createObjectNode().put("wkid", 102100).put("latestWkid", 3857);
        assertCode(() -> batches(only(serve(layer) + "/0")), ErrorCode.DATASOURCE_QUERY)
                .hasMessageContaining("102100");
    }

    @Test
    void rowsStopAtMaxRowsWithAWarning() {
        String url = serve(Layers.points(0, "Many", 2500)) + "/0";
        ArcGisService limited = service(TestPolicies.standard(), Duration.ofSeconds(30), DataSize.ofMegabytes(16), 1500,
                256);
        TableSource cut = limited.layers(url, warnings).get(0);
        assertThat(rows(cut)).hasSize(1500);
        assertThat(cut.warnings().asMap()).containsEntry(ArcGisTableSource.MAX_ROWS_WARNING, 1500);

        ArcGisService exact = service(TestPolicies.standard(), Duration.ofSeconds(30), DataSize.ofMegabytes(16), 2500,
                256);
        TableSource whole = exact.layers(url, warnings).get(0);
        assertThat(rows(whole)).hasSize(2500);
        assertThat(whole.warnings().asMap()).doesNotContainKey(ArcGisTableSource.MAX_ROWS_WARNING);
    }

    @Test
    void answersLargerThanTheLimitFailWith6666() {
        String url = serve(Layers.points(0, "Big", 2500)) + "/0";
        ArcGisService small = service(TestPolicies.standard(), Duration.ofSeconds(30), DataSize.ofKilobytes(64),
                1_000_000, 256);
        TableSource source = small.layers(url, warnings).get(0);
        assertCode(() -> batches(source), ErrorCode.DATASET_TOO_BIG).hasMessageContaining("max-answer-bytes");
    }

    @Test
    void tooManyFieldsFailWith2004() {
        String url = serve(Layers.points(0, "Wide", 1)) + "/0";
        ArcGisService narrow = service(TestPolicies.standard(), Duration.ofSeconds(30), DataSize.ofMegabytes(1),
                1_000_000, 5);
        assertCode(() -> narrow.layers(url, warnings), ErrorCode.TOO_MANY_COLUMNS);
    }

    @Test
    void unreachableServersFail() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertCode(() -> service().layers("http://127.0.0.1:" + closed + "/arcgis/rest/services/X/FeatureServer/0",
                warnings), ErrorCode.DATASOURCE_CONNECTION).hasMessageContaining("Cannot get an answer");
        assertCode(() -> service().layers("http://arcgis.invalid/arcgis/rest/services/X/FeatureServer/0", warnings),
                ErrorCode.DOWNLOAD_UNKNOWN_SERVER);
        assertCode(() -> service().layers(fake.base() + "/nothing/rest/services/X/FeatureServer/0", warnings),
                ErrorCode.DOWNLOAD_NOT_FOUND);
    }

    @Test
    void everyRequestGoesThroughTheAddressPolicy() {
        String url = serve(Layers.points(0, "Guarded", 3)) + "/0";
        int before = fake.requests().size();
        ArcGisService guarded = service(TestPolicies.serviceDatabaseAt("jdbc:postgresql://127.0.0.1:" + fake.port()
                + "/geoingest"), Duration.ofSeconds(30), DataSize.ofMegabytes(1), 1_000_000, 256);
        assertCode(() -> guarded.layers(url, warnings), ErrorCode.DOWNLOAD_FORBIDDEN)
                .hasMessageContaining("geoingest's own database");
        assertThat(fake.requests()).hasSize(before);
    }

    @Test
    void anAmbiguousIpv4HostIsRefusedBeforeAnyRequest() {
        String url = serve(Layers.points(0, "Octal", 3)) + "/0";
        assertThat(url).contains("127.0.0.1");
        int before = fake.requests().size();
        assertCode(() -> service().layers(url.replace("127.0.0.1", "0177.0.0.1"), warnings), ErrorCode.DOWNLOAD_FORBIDDEN)
                .hasMessageContaining("meaning depends on the parser").hasMessageEndingWith("write 127.0.0.1");
        assertThat(fake.requests()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStalledAnswerEndsAtTheDownloadTimeout(boolean midBody) {
        String service = serve(Layers.points(0, "Stalled", 3));
        String path = service.substring(fake.base().length());
        fake.override(r -> r.startsWith(path + "/0/query") ? Answer.stalled("{\"features\": []}", midBody) : null);
        ArcGisService impatient = service(TestPolicies.standard(), Duration.ofSeconds(2), DataSize.ofMegabytes(1),
                1_000_000, 256);
        TableSource source = impatient.layers(service + "/0", warnings).get(0);
        long start = System.nanoTime();
        assertCode(() -> batches(source), ErrorCode.DOWNLOAD_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void geoJsonOnlyLayersAreReadAsGeoJson() {
        Layer layer = new Layer(0, "GeoJSON", "Feature Layer", "esriGeometryPolygon").geojsonOnly().maxRecordCount(2)
                .field("label", "esriFieldTypeString");
        layer.feature(1, Layers.label("square"), Layers.json("{\"type\": \"Polygon\", \"coordinates\":"
                + " [[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"));
        layer.feature(2, Layers.label("broken"), Layers.json("{\"type\": \"Polygon\", \"coordinates\": \"x\"}"));
        layer.feature(3, Layers.label("none"), null);
        String service = serve(layer);

        List<Object[]> rows = rows(only(service + "/0"));
        assertThat(fake.requests(service.substring(fake.base().length()) + "/0/query"))
                .allMatch(q -> q.contains("f=geojson")).hasSize(2);
        assertThat(rows).extracting(r -> r[1]).containsExactly("square", "broken", "none");
        assertThat(((Geometry) rows.get(0)[2]).toText()).isEqualTo("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))");
        assertThat(((Geometry) rows.get(0)[2]).getSRID()).isEqualTo(4326);
        assertThat(rows.get(1)[2]).isNull();
        assertThat(rows.get(2)[2]).isNull();
        assertThat(warnings.asMap()).isEmpty();
    }

    @Test
    void valuesThatDoNotFitTheirFieldBecomeNullWithAWarning() {
        Layer layer = Layers.points(0, "Odd values", 0);
        layer.feature(1, JSON.createObjectNode().put("name", 12).put("value", "abc").put("count", 3_000_000_000L)
                .put("small", 1.5).put("created", "yesterday").putNull("guid"), Layers.json("{\"x\": 1, \"y\": 2}"));
        ObjectNode nested = JSON.createObjectNode();
        nested.putObject("name").put("a", "b");
        nested.put("count", 7.0).put("created", "2024-02-29T10:00:00+01:00").put("guid", "x\u0000y");
        layer.feature(2, nested, Layers.json("{\"x\": 1, \"y\": 2}"));
        TableSource source = only(serve(layer) + "/0");
        List<Object[]> rows = rows(source);
        assertThat(rows.get(0)).startsWith(1L, "12", null, null, null, null, null);
        assertThat(rows.get(1)).startsWith(2L, "{\"a\":\"b\"}", null, 7, null,
                OffsetDateTime.parse("2024-02-29T10:00:00+01:00"), "xy");
        assertThat(source.warnings().asMap()).containsEntry("invalid_values", 4L);
    }

    @Test
    void emptyLayersHaveNoBatches() {
        Layer paged = Layers.points(0, "Empty paged", 0);
        Layer unpaged = Layers.points(1, "Empty unpaged", 0).noPagination();
        String service = serve(paged, unpaged);
        assertThat(batches(only(service + "/0"))).isEmpty();
        assertThat(batches(only(service + "/1"))).isEmpty();
    }

    @Test
    void aLayerWithoutFeaturesToQueryIsRefused() {
        String service = serve(Layers.group(0, "Group"));
        assertCode(() -> service().layers(service + "/0", warnings), ErrorCode.DATASOURCE_QUERY)
                .hasMessageContaining("Group Layer");
    }

    @Test
    void urlsAreCheckedAndNormalised() {
        ArcGisService s = service();
        String online = "https://services.arcgis.com/AbC/arcgis/rest/services/Parcels/FeatureServer/0";
        assertThat(s.validate(" " + online + "?f=pjson#x ")).isEqualTo(online);
        assertThat(s.validate(online + "/")).isEqualTo(online);
        assertThat(s.validate("HTTP://host/arcgis/rest/services/Folder/Roads/MapServer/"))
                .isEqualTo("http://host/arcgis/rest/services/Folder/Roads/MapServer");
        assertThat(s.validate("http://host:8080/server/rest/services/A/B/C/featureserver/12"))
                .isEqualTo("http://host:8080/server/rest/services/A/B/C/featureserver/12");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "ftp://host/arcgis/rest/services/X/FeatureServer/0", "file:///etc/passwd",
            "javascript:alert(1)", "http://host/arcgis/services/X/FeatureServer/0",
            "http://host/arcgis/rest/services/X/ImageServer",
            "http://host/arcgis/rest/services/X/FeatureServer/0/query",
            "http://host/arcgis/rest/services/X/FeatureServer/abc", "http://host/arcgis/rest/services/FeatureServer",
            "http://user:pw@host/arcgis/rest/services/X/FeatureServer/0",
            "http://host/arcgis/rest/services/X/FeatureServer/12345678901",
            "http:///arcgis/rest/services/X/FeatureServer"})
    void badUrlsAreRefused(String url) {
        assertThatThrownBy(() -> service().validate(url)).isInstanceOf(InvalidImportRequest.class);
    }

    @Test
    void aMissingUrlIsRefused() {
        assertThatThrownBy(() -> service().validate(null)).isInstanceOf(InvalidImportRequest.class)
                .hasMessageContaining("service_item_id");
    }

    @Test
    void theStoredSourceIsTheNormalisedUrl() {
        ObjectNode source = ArcGisSource.json("http://h/arcgis/rest/services/X/FeatureServer/0");
        assertThat(source.toString()).isEqualTo("{\"arcgis\":\"http://h/arcgis/rest/services/X/FeatureServer/0\"}");
        assertThat(ArcGisSource.is(source)).isTrue();
        assertThat(ArcGisSource.url(source)).isEqualTo("http://h/arcgis/rest/services/X/FeatureServer/0");
        assertThat(ArcGisSource.is(JSON.createObjectNode().put("url", "x"))).isFalse();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCode(ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ImportException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
