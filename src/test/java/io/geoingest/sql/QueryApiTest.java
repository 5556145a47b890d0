package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/v2/sql}: CARTO's JSON answer, CSV and GeoJSON, errors, and sessions left clean. */
class QueryApiTest extends SqlApiTestSupport {

    private HttpResponse<byte[]> get(String key, String q, String extra) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql?api_key=" + key + "&q=" + enc(q) + extra)))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void jsonRowsTimeFieldsAndTotalRowsWithCartosTypes() throws Exception {
        JsonNode r = sqlOk(ALICE_KEY, "SELECT 1 AS i, 2.5::float8 AS f, 12345678901234567890.5::numeric AS big,"
                + " 'x'::text AS s, true AS b, DATE '2020-01-02' AS d, TIMESTAMPTZ '2020-01-02 03:04:05+02' AS tz,"
                + " TIMESTAMP '2020-01-02 03:04:05' AS ts, 'SRID=4326;POINT(1 2)'::geometry AS the_geom,"
                + " '{\"a\": [1, true]}'::jsonb AS j, ARRAY[1, NULL, 3] AS ints, ARRAY['a', 'b'] AS texts,"
                + " NULL::integer AS n, 'NaN'::float8 AS nan, '-Infinity'::float8 AS minf, 'infinity'::timestamptz AS forever");
        assertThat(r.fieldNames()).toIterable().containsExactly("rows", "time", "fields", "total_rows");
        assertThat(r.get("total_rows").asLong()).isEqualTo(1);
        assertThat(r.get("time").isNumber()).isTrue();
        JsonNode row = r.get("rows").get(0);
        assertThat(row.get("i").isIntegralNumber()).isTrue();
        assertThat(row.get("i").asLong()).isEqualTo(1);
        assertThat(row.get("f").asDouble()).isEqualTo(2.5);
        assertThat(sql(ALICE_KEY, "SELECT 12345678901234567890.5::numeric AS big").text())
                .startsWith("{\"rows\":[{\"big\":12345678901234567890.5}]");
        assertThat(row.get("s").asText()).isEqualTo("x");
        assertThat(row.get("b").asBoolean()).isTrue();
        assertThat(row.get("d").asText()).isEqualTo("2020-01-02");
        assertThat(row.get("tz").asText()).isEqualTo("2020-01-02T01:04:05Z");
        assertThat(row.get("ts").asText()).isEqualTo("2020-01-02T03:04:05");
        assertThat(row.get("the_geom").asText()).isEqualTo("0101000020E6100000000000000000F03F0000000000000040");
        assertThat(row.get("j").get("a").get(1).asBoolean()).isTrue();
        assertThat(row.get("ints").toString()).isEqualTo("[1,null,3]");
        assertThat(row.get("texts").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(row.get("n").isNull()).isTrue();
        assertThat(row.get("nan").asText()).isEqualTo("NaN");
        assertThat(row.get("minf").asText()).isEqualTo("-Infinity");
        assertThat(row.get("forever").asText()).isEqualTo("infinity");
        JsonNode fields = r.get("fields");
        Map<String, String> types = Map.of("i", "number", "f", "number", "big", "number", "s", "string", "b", "boolean",
                "d", "date", "tz", "date", "the_geom", "geometry", "ints", "number[]", "texts", "string[]");
        types.forEach((name, type) -> assertThat(fields.get(name).get("type").asText()).as(name).isEqualTo(type));
        assertThat(fields.get("j").get("pgtype").asText()).isEqualTo("jsonb");
    }

    @Test
    void statementsWithoutRowsAnswerTheirCount() throws Exception {
        String table = unique("people");
        JsonNode create = sqlOk(ALICE_KEY, "CREATE TABLE " + table + " (id bigserial, name text)");
        assertThat(create.get("rows").size()).isZero();
        assertThat(create.get("total_rows").asLong()).isZero();
        assertThat(sqlOk(ALICE_KEY, "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')")
                .get("total_rows").asLong()).isEqualTo(3);
        assertThat(sqlOk(ALICE_KEY, "UPDATE " + table + " SET name = 'z' WHERE id > 1;").get("total_rows").asLong())
                .isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM alice." + table + " WHERE name = 'z'")).isEqualTo(2L);
        // A column with a sequence (cartodb_id's kind) is a number, not the name "bigserial".
        JsonNode read = sqlOk(ALICE_KEY, "SELECT id FROM " + table + " ORDER BY id");
        assertThat(read.get("rows").get(2).get("id").isIntegralNumber()).isTrue();
        assertThat(read.get("fields").get("id").toString()).isEqualTo("{\"type\":\"number\",\"pgtype\":\"int8\"}");
    }

    @Test
    void postAsFormOrJsonBodyAndUnderTheUserPath() throws Exception {
        HttpResponse<byte[]> form = client.send(HttpRequest.newBuilder(URI.create(url("/user/alice/api/v2/sql")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api_key=" + ALICE_KEY + "&q=" + enc("SELECT 'f' AS v")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json.readTree(form.body()).get("rows").get(0).get("v").asText()).isEqualTo("f");
        HttpResponse<byte[]> body = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("api_key", ALICE_KEY,
                        "q", "SELECT 'j' AS v", "client", "cps-1.11")))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json.readTree(body.body()).get("rows").get(0).get("v").asText()).isEqualTo("j");
        assertThat(get(ALICE_KEY, "SELECT 1", "").statusCode()).isEqualTo(200);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url("/user/bob/api/v2/sql?api_key=" + ALICE_KEY
                + "&q=" + enc("SELECT 1")))).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                .isEqualTo(401);
        assertThat(get("wrong-key", "SELECT 1", "").statusCode()).isEqualTo(401);
    }

    @Test
    void csvAndGeoJsonStreamAsDownloads() throws Exception {
        String q = "SELECT g AS id, 'n, ' || g AS name, ST_SetSRID(ST_MakePoint(g, g / 2.0), 4326) AS the_geom"
                + " FROM generate_series(1, 3) g";
        HttpResponse<byte[]> csv = get(ALICE_KEY, q, "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=cartodb-query.csv");
        List<String> lines = List.of(new String(csv.body(), StandardCharsets.UTF_8).split("\r?\n"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("id,name,the_geom");
        assertThat(lines.get(1)).startsWith("1,\"n, 1\",0101000020E6100000");

        HttpResponse<byte[]> geojson = get(ALICE_KEY, q, "&format=GeoJSON&filename=points&dp=1");
        assertThat(geojson.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=points.geojson");
        JsonNode fc = json.readTree(geojson.body());
        assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
        JsonNode second = fc.get("features").get(1);
        assertThat(second.get("geometry").get("type").asText()).isEqualTo("Point");
        assertThat(second.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(2.0);
        assertThat(second.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(1.0);
        assertThat(second.get("properties").toString()).isEqualTo("{\"id\":2,\"name\":\"n, 2\"}");

        HttpResponse<byte[]> gz = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql?format=csv&api_key="
                + ALICE_KEY + "&q=" + enc(q)))).header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void errorsAreCartosJsonWithPostgresMessages() throws Exception {
        Answer missing = sql(ALICE_KEY, "");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("You must indicate a sql query");
        HttpResponse<byte[]> format = get(ALICE_KEY, "SELECT 1", "&format=xml");
        assertThat(json.readTree(format.body()).get("error").get(0).asText()).isEqualTo("Invalid format: xml");
        assertThat(get(ALICE_KEY, "SELECT 1", "&format=geojson&dp=99").statusCode()).isEqualTo(400);
        Answer syntax = sql(ALICE_KEY, "SELEC 1");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.error()).isEqualTo("syntax error at or near \"SELEC\"");
        Answer two = sql(ALICE_KEY, "SELECT 1; SELECT 2");
        assertThat(two.error()).contains("Only one SQL statement");
        Answer escape = sql(ALICE_KEY, "SELECT '{fn now()}' AS t");
        assertThat(escape.json().get("rows").get(0).get("t").asText()).isEqualTo("{fn now()}");
        HttpResponse<byte[]> csvError = get(ALICE_KEY, "SELECT 1 / 0", "&format=csv");
        assertThat(csvError.statusCode()).isEqualTo(400);
        assertThat(csvError.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(json.readTree(csvError.body()).get("error").get(0).asText()).isEqualTo("division by zero");
        awaitConnectionsReturned("alice");
    }

    @Test
    void aFailureAfterRowsWereSentIsAddedToTheJson() throws Exception {
        Answer late = sql(ALICE_KEY, "SELECT g, 1 / (g - 150000) AS x FROM generate_series(1, 200000) g");
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.error()).isEqualTo("division by zero");
        assertThat(late.json().get("rows").size()).isGreaterThan(1000).isLessThan(150000);
        assertThat(late.json().get("total_rows").asLong()).isEqualTo(late.json().get("rows").size());
        awaitConnectionsReturned("alice");
    }

    @Test
    void bigResultsStream() throws Exception {
        HttpResponse<byte[]> r = get(ALICE_KEY, "SELECT g, md5(g::text) FROM generate_series(1, 300000) g", "&format=csv");
        assertThat(new String(r.body(), StandardCharsets.UTF_8).split("\n")).hasSize(300_001);
        assertThat(sqlOk(ALICE_KEY, "SELECT g FROM generate_series(1, 300000) g").get("total_rows").asLong())
                .isEqualTo(300_000);
    }

    @Test
    void nothingOfOneRequestSurvivesIntoTheNext() throws Exception {
        // More requests than the pool has connections, so every connection is reused.
        for (int i = 0; i < 6; i++) {
            sqlOk(ALICE_KEY, "SET search_path = bob, public");
            sqlOk(ALICE_KEY, "SET statement_timeout = 0");
            sqlOk(ALICE_KEY, "CREATE TEMP TABLE IF NOT EXISTS leftover AS SELECT 1 AS x");
            sqlOk(ALICE_KEY, "SELECT pg_advisory_lock(4242)");
        }
        for (int i = 0; i < 6; i++) {
            JsonNode row = sqlOk(ALICE_KEY, "SELECT current_schemas(false)::text AS path,"
                    + " current_setting('statement_timeout') AS timeout,"
                    + " (SELECT count(*) FROM pg_class WHERE relname = 'leftover' AND relpersistence = 't') AS temps,"
                    + " (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS locks")
                    .get("rows").get(0);
            assertThat(row.get("path").asText()).isEqualTo("{alice,public}");
            assertThat(row.get("timeout").asText()).isEqualTo("100s");
            assertThat(row.get("temps").asLong()).isZero();
            assertThat(row.get("locks").asLong()).isZero();
        }
    }
}
