package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's rules for files (issue 15), each through the HTTP API into PostGIS with its bad
 * twin: Shapefile companions and projections, one-layer KML names and the layer limit, the
 * column limit; and the places geoingest deliberately imports what the seed refused
 * (GeometryCollections and mixed geometries, a duplicate cartodb_id).
 */
class FormatRulesApiTest extends ApiTestSupport {
    private static final String POINTS = "{\"type\": \"FeatureCollection\", \"features\": ["
            + "{\"type\": \"Feature\", \"properties\": {\"name\": \"ten\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [10, 10]}},"
            + "{\"type\": \"Feature\", \"properties\": {\"name\": \"other\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [-20, 30]}}]}";

    /** A Transverse Mercator whose authority code, EPSG:999999, is not in spatial_ref_sys. */
    private static final String UNKNOWN_SRID_PRJ = "PROJCS[\"x\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\","
            + "SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
            + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",3],"
            + "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],"
            + "UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"999999\"]]";

    @TempDir
    Path dir;

    // --- Shapefiles --------------------------------------------------------------------------

    @Test
    void versionTxtAndReadmeBesideTheShapefileAreSkipped() throws Exception {
        // As Natural Earth ships them (corpus shapefile_with_version_txt.zip): CARTO makes one table.
        String stem = unique("ne_countries");
        Map<String, byte[]> parts = shapefile(stem);
        parts.put(stem + ".VERSION.txt", "version\n4.1.0\n".getBytes(StandardCharsets.UTF_8));
        parts.put(stem + ".README.html", "<html><body>Made with Natural Earth</body></html>".getBytes(StandardCharsets.UTF_8));

        JsonNode r = assertComplete(importFile(ALICE_KEY, zip(stem, parts), null));

        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        assertThat(r.get("table_name").asText()).isEqualTo(stem);
        assertThat(rows("SELECT name, ST_AsText(the_geom) AS g, ST_SRID(the_geom) AS srid FROM alice." + stem
                + " ORDER BY name")).containsExactly(
                Map.of("name", "other", "g", "POINT(-20 30)", "srid", 4326),
                Map.of("name", "ten", "g", "POINT(10 10)", "srid", 4326));
        assertThat(r.get("warnings").get("skipped_files").toString())
                .contains(stem + ".VERSION.txt").contains(stem + ".README.html");
        assertThat(tablesLike(stem)).containsExactly(stem);
    }

    @Test
    void shapefileWithoutPrjFails3101AndLeavesNothing() throws Exception {
        String stem = unique("noprj");
        Map<String, byte[]> parts = shapefile(stem);
        // Its coordinates fit longitudes and latitudes: still no guess of 4326.
        parts.remove(stem + ".prj");

        JsonNode r = assertFailure(importFile(ALICE_KEY, zip(stem, parts), null), 3101);

        assertThat(r.get("get_error_text").toString()).contains("PRJ");
        assertThat(tablesLike(stem)).isEmpty();
        assertNoStagingTables("alice");
    }

    @Test
    void shapefileWithAnUnknownSridFails3008AndLeavesNothing() throws Exception {
        String stem = unique("badsrid");
        Map<String, byte[]> parts = shapefile(stem);
        parts.put(stem + ".prj", UNKNOWN_SRID_PRJ.getBytes(StandardCharsets.US_ASCII));

        assertFailure(importFile(ALICE_KEY, zip(stem, parts), null), 3008);

        assertThat(tablesLike(stem)).isEmpty();
        assertNoStagingTables("alice");
    }

    // --- KML ---------------------------------------------------------------------------------

    @Test
    void kmlWithOneLayerIsNamedAfterTheFile() throws Exception {
        // The corpus's one_layer.kml: its one Folder, absolute_and_relative, is not the table's name.
        String stem = unique("one_layer");
        Path kml = Files.writeString(dir.resolve(stem + ".kml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>doc</name>"
                + "<Folder><name>absolute_and_relative</name>"
                + "<Placemark><name>a</name><Point><coordinates>-3.7,40.4</coordinates></Point></Placemark>"
                + "<Placemark><name>b</name><Point><coordinates>2.35,48.85</coordinates></Point></Placemark>"
                + "</Folder></Document></kml>");

        JsonNode r = assertComplete(importFile(ALICE_KEY, kml, null));

        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        assertThat(r.get("table_name").asText()).isEqualTo(stem);
        assertThat(scalar("SELECT count(*) FROM alice." + stem)).isEqualTo(2L);
        assertThat(r.get("warnings").path("tables_left_out").isMissingNode()).isTrue();
    }

    @Test
    void kmlWithMoreThanFiftyLayersFails1019AndLeavesNothing() throws Exception {
        String prefix = unique("layers");
        StringBuilder kml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>");
        for (int i = 0; i < 51; i++) {
            kml.append("<Folder><name>").append(prefix).append("_").append(i).append("</name><Placemark><Point><coordinates>")
                    .append(i % 180).append(",1</coordinates></Point></Placemark></Folder>");
        }
        Path file = Files.writeString(dir.resolve(prefix + ".kml"), kml.append("</Document></kml>"));

        JsonNode r = assertFailure(importFile(ALICE_KEY, file, null), 1019);

        assertThat(r.get("get_error_text").toString()).contains("51 layers");
        assertThat(tablesLike(prefix)).isEmpty();
        assertNoStagingTables("alice");
    }

    // --- Columns -----------------------------------------------------------------------------

    @Test
    void aFileOf250ColumnsImportsAndOneOf251Fails2004() throws Exception {
        String widest = unique("cols250");
        assertComplete(importFile(ALICE_KEY, csvOfColumns(widest, 250), null));
        assertThat(columns("alice", widest).keySet()).contains("c1", "c250").hasSize(250 + 3);

        String wider = unique("cols251");
        JsonNode r = assertFailure(importFile(ALICE_KEY, csvOfColumns(wider, 251), null), 2004);

        assertThat(r.get("get_error_text").toString()).contains("251");
        assertThat(tablesLike(wider)).isEmpty();
        assertNoStagingTables("alice");
    }

    @Test
    void aConnectorKeepsItsOwnLimitOf256Columns() throws Exception {
        String widest = unique("conn256");
        assertComplete(awaitFinal(ALICE_KEY, queued(mysqlQuery(256, widest))));
        assertThat(columns("alice", widest).keySet()).contains("c1", "c256").hasSize(256 + 3);

        String wider = unique("conn257");
        assertFailure(awaitFinal(ALICE_KEY, queued(mysqlQuery(257, wider))), 2004);
        assertThat(tablesLike(wider)).isEmpty();
        assertNoStagingTables("alice");
    }

    private org.springframework.http.ResponseEntity<JsonNode> mysqlQuery(int columns, String importAs) {
        Map<String, Object> connection = Map.of("server", TestDatabases.MYSQL_HOST, "port", TestDatabases.MYSQL_PORT,
                "database", TestDatabases.MYSQL_DATABASE, "username", TestDatabases.MYSQL_USER,
                "password", TestDatabases.MYSQL_PASSWORD);
        String query = "SELECT " + IntStream.rangeClosed(1, columns).mapToObj(i -> i + " AS c" + i)
                .collect(Collectors.joining(", "));
        return postJson("/api/v1/imports", Map.of("api_key", ALICE_KEY, "connector", Map.of("provider", "mysql",
                "connection", connection, "sql_query", query, "import_as", importAs)));
    }

    // --- Kinder than the seed ----------------------------------------------------------------

    @Test
    void geometryCollectionsAndMixedGeometriesImport() throws Exception {
        // The seed failed such files with 3201; here every row keeps its own geometry.
        String name = unique("mixed");
        Path file = Files.writeString(dir.resolve(name + ".geojson"), "{\"type\": \"FeatureCollection\", \"features\": ["
                + "{\"type\": \"Feature\", \"properties\": {\"k\": 1}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}},"
                + "{\"type\": \"Feature\", \"properties\": {\"k\": 2}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, 4]]}},"
                + "{\"type\": \"Feature\", \"properties\": {\"k\": 3}, \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
                + "{\"type\": \"Point\", \"coordinates\": [5, 6]}, {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}]}}]}");

        assertComplete(importFile(ALICE_KEY, file, null));

        assertThat(columns("alice", name)).containsEntry("the_geom", "geometry(Geometry,4326)");
        assertThat(rows("SELECT k, GeometryType(the_geom) AS t, ST_SRID(the_geom_webmercator) AS srid FROM alice."
                + name + " ORDER BY k")).containsExactly(
                Map.of("k", 1, "t", "POINT", "srid", 3857),
                Map.of("k", 2, "t", "LINESTRING", "srid", 3857),
                Map.of("k", 3, "t", "GEOMETRYCOLLECTION", "srid", 3857));
    }

    @Test
    void aDuplicateCartodbIdIsRenamedWithAWarning() throws Exception {
        // The seed failed such files with 2011; here the column is kept as cartodb_id_0.
        String name = unique("dupid");
        Path file = Files.writeString(dir.resolve(name + ".csv"), "cartodb_id,name,lat,lon\n7,a,40,-3\n7,b,41,-4\n");

        JsonNode r = assertComplete(importFile(ALICE_KEY, file, null));

        assertThat(r.get("warnings").get("invalid_cartodb_id").asText()).contains("cartodb_id_0");
        assertThat(rows("SELECT cartodb_id_0, name FROM alice." + name + " ORDER BY name")).containsExactly(
                Map.of("cartodb_id_0", 7L, "name", "a"), Map.of("cartodb_id_0", 7L, "name", "b"));
        assertThat(scalar("SELECT count(DISTINCT cartodb_id) FROM alice." + name)).isEqualTo(2L);
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The parts of a shapefile {@code stem} (.shp .shx .dbf .prj in EPSG:4326), made with ogr2ogr. */
    private Map<String, byte[]> shapefile(String stem) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("shp-" + stem));
        Files.writeString(work.resolve("source.geojson"), POINTS);
        Process p = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", "./" + stem + ".shp", "./source.geojson")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ogr2ogr: %s", out).isZero();
        Map<String, byte[]> parts = new java.util.TreeMap<>();
        for (String ext : List.of("shp", "shx", "dbf", "prj")) {
            parts.put(stem + "." + ext, Files.readAllBytes(work.resolve(stem + "." + ext)));
        }
        return parts;
    }

    private Path zip(String stem, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(stem + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        return zip;
    }

    private Path csvOfColumns(String name, int count) throws IOException {
        String header = IntStream.rangeClosed(1, count).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        String row = IntStream.rangeClosed(1, count).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return Files.writeString(dir.resolve(name + ".csv"), header + "\n" + row + "\n");
    }

    /** alice's tables whose name starts with {@code prefix}. */
    private static List<Object> tablesLike(String prefix) throws Exception {
        return rows("SELECT tablename FROM pg_tables WHERE schemaname = 'alice' AND tablename LIKE '" + prefix
                + "%' ORDER BY tablename").stream().map(r -> r.get("tablename")).toList();
    }
}
