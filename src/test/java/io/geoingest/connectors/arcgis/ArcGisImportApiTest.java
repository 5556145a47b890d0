package io.geoingest.connectors.arcgis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.connectors.arcgis.FakeArcGis.Layer;
import io.geoingest.connectors.arcgis.FakeArcGis.Service;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * ArcGIS imports over the API as the seed sends them, through {@code direct:source-arcgis} and
 * the COPY sink, from {@link FakeArcGis}.
 */
class ArcGisImportApiTest extends ApiTestSupport {
    private static FakeArcGis fake;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeArcGis();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static String serve(Object version, Layer... layers) {
        return fake.serve("/" + UUID.randomUUID() + "/arcgis/rest/services/Test/FeatureServer",
                new Service(version).add(layers));
    }

    /** The seed's request: a JSON body with interval "0", service_name, service_item_id and value. */
    private JsonNode importArcGis(String url) throws InterruptedException {
        return awaitFinal(ALICE_KEY, queued(postJson("/api/v1/imports?api_key=" + ALICE_KEY, Map.of("interval", "0",
                "service_item_id", url, "service_name", "arcgis", "value", url))));
    }

    private static boolean exists(String table) throws Exception {
        return (Boolean) scalar("SELECT to_regclass('alice." + table + "') IS NOT NULL");
    }

    @Test
    void anArcGisLayerSyncsAsTheSeedAsksAndPicksUpNewFeatures() throws Exception {
        String name = unique("arcgis_sync");
        String path = "/" + UUID.randomUUID() + "/arcgis/rest/services/Test/FeatureServer";
        String url = fake.serve(path, new Service(10.81).add(Layers.points(0, name, 120))) + "/0";
        // The seed's sync request: the layer in service_item_id, an empty url.
        ResponseEntity<JsonNode> created = postJson("/api/v1/synchronizations?api_key=" + ALICE_KEY,
                Map.of("interval", "604800", "service_item_id", url, "service_name", "arcgis", "url", ""));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(200);
        assertThat(created.getBody().get("service_name").asText()).isEqualTo("arcgis");
        assertThat(created.getBody().get("service_item_id").asText()).isEqualTo(url);
        String id = created.getBody().get("id").asText();
        JsonNode first = awaitSync(id, null);
        assertThat(first.get("name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(120L);

        fake.serve(path, new Service(10.81).add(Layers.points(0, name, 180)));
        assertThat(http.exchange(url("/api/v1/synchronizations/" + id + "/sync_now?api_key=" + ALICE_KEY),
                org.springframework.http.HttpMethod.PUT, null, JsonNode.class).getBody().get("enqueued").asBoolean())
                .isTrue();
        JsonNode second = awaitSync(id, first.get("log_id").asText());
        assertThat(second.get("name").asText()).isEqualTo(name);
        assertThat(scalar("SELECT count(*) FROM alice." + name)).isEqualTo(180L);
    }

    /** Waits for the sync's run after {@code previousRun} (null: its first) to succeed. */
    private JsonNode awaitSync(String id, String previousRun) throws InterruptedException {
        for (int i = 0; i < 900; i++) {
            JsonNode s = get("/api/v1/synchronizations/" + id + "?api_key=" + ALICE_KEY).getBody();
            boolean newRun = previousRun == null || !s.get("log_id").asText().equals(previousRun);
            if (newRun && s.get("state").asText().equals("failure")) {
                throw new AssertionError("sync failed: " + s);
            }
            if (newRun && s.get("state").asText().equals("success")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sync " + id + " did not succeed");
    }

    @Test
    void aPagedPointLayerBecomesATable() throws Exception {
        String name = unique("arcgis_points");
        String url = serve(10.81, Layers.points(0, name, 2500)) + "/0";
        JsonNode r = assertComplete(importArcGis(url));

        assertThat(r.get("data_type").asText()).isEqualTo("datasource");
        assertThat(r.get("table_name").asText()).isEqualTo(name);
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        assertThat(r.get("display_name").asText()).isEqualTo(url);
        assertThat(r.get("warnings").get("skipped_columns")).hasSize(1);
        assertThat(columns("alice", name)).containsEntry("objectid", "bigint").containsEntry("name", "text")
                .containsEntry("value", "double precision").containsEntry("count", "integer")
                .containsEntry("small", "integer").containsEntry("created", "timestamp with time zone")
                .containsEntry("guid", "text").doesNotContainKey("photo").doesNotContainKey("shape");
        assertThat(rows("SELECT count(*) AS n, count(the_geom) AS g, count(name) AS named,"
                + " count(DISTINCT objectid) AS ids, min(ST_SRID(the_geom)) AS srid,"
                + " min(ST_SRID(the_geom_webmercator)) AS mercator, count(the_geom_webmercator) AS m,"
                + " string_agg(DISTINCT GeometryType(the_geom), ',') AS types FROM alice." + name))
                .containsExactly(row("n", 2500L, "g", 2500L, "named", 2475L, "ids", 2500L, "srid", 4326,
                        "mercator", 3857, "m", 2500L, "types", "POINT"));
        assertThat(rows("SELECT name, value, created = to_timestamp(1700000001) AS created,"
                + " round(ST_X(the_geom)::numeric, 6) AS x, round(ST_Y(the_geom)::numeric, 6) AS y,"
                + " ST_DWithin(the_geom_webmercator, ST_Transform(the_geom, 3857), 0.01) AS mercator"
                + " FROM alice." + name + " WHERE objectid = 1")).containsExactly(row("name", "p1", "value", 0.5,
                "created", true, "x", new BigDecimal("-3.699900"), "y", new BigDecimal("40.400100"),
                "mercator", true));
        assertNoStagingTables("alice");
    }

    @Test
    void aServiceUrlImportsEachLayerAsItsOwnTable() throws Exception {
        String points = unique("arcgis_svc_points");
        String parcels = unique("arcgis_svc_parcels");
        String owners = unique("arcgis_svc_owners");
        String url = serve(10.91, Layers.points(0, points, 30), Layers.polygons(1, parcels), Layers.group(2, "Group"),
                Layers.table(3, owners));
        JsonNode r = assertComplete(importArcGis(url));

        assertThat(r.get("tables_created_count").asInt()).isEqualTo(3);
        assertThat(r.get("warnings").get("skipped_layers").get(0).asText()).isEqualTo("Group");
        assertThat(r.get("warnings").get("invalid_geometries").asInt()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM alice." + points)).isEqualTo(30L);
        assertThat(rows("SELECT objectid, GeometryType(the_geom) AS type, ST_NumGeometries(the_geom) AS parts,"
                + " ST_NumInteriorRings(ST_GeometryN(the_geom, ST_NumGeometries(the_geom))) AS holes,"
                + " ST_IsValid(the_geom) AS valid, ST_SRID(the_geom_webmercator) AS mercator FROM alice." + parcels
                + " ORDER BY objectid")).containsExactly(
                row("objectid", 7L, "type", null, "parts", null, "holes", null, "valid", null, "mercator", null),
                row("objectid", 10L, "type", "MULTIPOLYGON", "parts", 1, "holes", 1, "valid", true, "mercator", 3857),
                row("objectid", 20L, "type", "MULTIPOLYGON", "parts", 2, "holes", 1, "valid", true, "mercator", 3857),
                row("objectid", 35L, "type", null, "parts", null, "holes", null, "valid", null, "mercator", null));
        assertThat(rows("SELECT note, amount, the_geom FROM alice." + owners + " ORDER BY objectid")).containsExactly(
                row("note", "n1", "amount", 1.5, "the_geom", null), row("note", "n2", "amount", 3.0, "the_geom", null),
                row("note", "n3", "amount", 4.5, "the_geom", null));
    }

    @Test
    void parametersInTheQueryStringOrAFormWorkToo() throws Exception {
        String name = unique("arcgis_form");
        String url = serve(10.81, Layers.points(0, name, 3)) + "/0";
        String query = queued(http.postForEntity(url("/api/v1/imports?api_key=" + ALICE_KEY
                + "&service_name=arcgis&service_item_id=" + url + "&value=" + url), null, JsonNode.class));
        assertThat(assertComplete(awaitFinal(ALICE_KEY, query)).get("table_name").asText()).isEqualTo(name);

        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("api_key", ALICE_KEY);
        form.add("service_name", "ArcGIS");
        form.add("value", url);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        String formId = queued(http.postForEntity(url("/api/v1/imports"), new HttpEntity<>(form, headers),
                JsonNode.class));
        assertThat(assertComplete(awaitFinal(ALICE_KEY, formId)).get("table_name").asText()).isEqualTo(name + "_1");
    }

    @Test
    void anOldServerFailsWith1013() throws Exception {
        String name = unique("arcgis_old");
        JsonNode r = assertFailure(importArcGis(serve(10.0, Layers.points(0, name, 3)) + "/0"), 1013);
        assertThat(r.get("get_error_text").get("title").asText()).isEqualTo("Invalid ArcGIS version");
        assertThat(exists(name)).isFalse();
    }

    @Test
    void anErrorAnswerFailsWithTheServersMessage() throws Exception {
        String name = unique("arcgis_error");
        String url = serve(10.81, Layers.points(0, name, 3));
        String path = url.substring(fake.base().length());
        fake.override(r -> r.startsWith(path + "/0/query")
                ? FakeArcGis.error(500, "Error performing query operation", "Database is down") : null);
        JsonNode r = assertFailure(importArcGis(url + "/0"), 1011);
        assertThat(r.get("get_error_text").get("what_about").asText())
                .contains("Error performing query operation").contains("Database is down");
        assertThat(exists(name)).isFalse();
        assertNoStagingTables("alice");
    }

    @Test
    void aTruncatedPageFailsAndLeavesNoTableBehind() throws Exception {
        String first = unique("arcgis_whole");
        String cut = unique("arcgis_cut");
        Layer truncated = Layers.points(1, cut, 2500);
        truncated.truncatedPage = 2;
        JsonNode r = assertFailure(importArcGis(serve(10.81, Layers.points(0, first, 10), truncated)), 1011);
        assertThat(r.get("get_error_text").get("what_about").asText()).contains("not valid JSON");
        assertThat(exists(first)).isFalse();
        assertThat(exists(cut)).isFalse();
        assertNoStagingTables("alice");
    }

    @Test
    void hostileLayerAndFieldNamesAreOnlyNames() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String hostile = "\"; DROP TABLE alice.victim_" + tag + "; --";
        Layer drop = Layers.table(0, "x'; DROP TABLE alice.victim_" + tag + "; --")
                .field(hostile, "esriFieldTypeString");
        ((ObjectNode) drop.features.get(0).get("attributes")).put(hostile, "'); DELETE FROM alice.x; --");
        Layer path = Layers.table(1, "../../etc/passwd " + tag);
        Layer accents = Layers.table(2, "Ñandú € " + tag);
        Layer unnamed = Layers.table(3, "");
        JsonNode r = assertComplete(importArcGis(serve(10.81, drop, path, accents, unnamed)));

        assertThat(r.get("tables_created_count").asInt()).isEqualTo(4);
        String dropped = "x_drop_table_alice_victim_" + tag;
        assertThat(exists(dropped)).isTrue();
        assertThat(exists("etc_passwd_" + tag)).isTrue();
        assertThat(exists("nandu_" + tag)).isTrue();
        assertThat(scalar("SELECT count(*) FROM alice.nandu_" + tag)).isEqualTo(3L);
        assertThat(scalar("SELECT drop_table_alice_victim_" + tag + " FROM alice." + dropped + " WHERE objectid = 1"))
                .isEqualTo("'); DELETE FROM alice.x; --");
    }

    @Test
    void requestsThatCanNeverWorkAre400() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("service_name", "arcgis", "service_item_id", "ftp://h/arcgis/rest/services/X/FeatureServer/0"),
                Map.of("service_name", "arcgis", "service_item_id", "http://host/some/file.csv"),
                Map.of("service_name", "arcgis", "service_item_id", "http://host/arcgis/rest/services/X/ImageServer/0"),
                Map.of("service_name", "arcgis", "interval", "0"),
                Map.of("service_name", "arcgis", "service_item_id", "  ", "value", ""))) {
            Map<String, Object> withKey = new LinkedHashMap<>(body);
            withKey.put("api_key", ALICE_KEY);
            ResponseEntity<JsonNode> answer = postJson("/api/v1/imports", withKey);
            assertThat(answer.getStatusCode().value()).as("%s", body).isEqualTo(400);
            assertThat(answer.getBody().get("errors").get("imports").asText()).isNotBlank();
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
