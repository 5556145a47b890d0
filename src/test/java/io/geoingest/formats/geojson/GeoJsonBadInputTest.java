package io.geoingest.formats.geojson;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.testing.NeedsCorpus;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not (importable) GeoJSON fail with the right code and say where. */
class GeoJsonBadInputTest {
    @TempDir
    Path dir;

    @NeedsCorpus
    @Test
    void theCorpusInvalidGeoJsonFailsWith3007() {
        GeoJsonFiles.assertFails(TestDatabases.corpus("invalid.geojson"), ErrorCode.INVALID_GEOJSON);
    }

    @Test
    void truncatedJsonFailsWithItsLocation() {
        GeoJsonFiles.assertFails(file("{\"type\": \"FeatureCollection\", \"features\": [\n"
                        + "{\"type\": \"Feature\", \"properties\": {\"a\": 1}, \"geometry\": null}, {\"type\": \"Fea"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("line 2");
    }

    @Test
    void notJsonFails() {
        GeoJsonFiles.assertFails(file("name,lat,lon\nx,1,2\n"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("line 1, column ").hasMessageContaining("not valid JSON");
    }

    @Test
    void jsonThatIsNotGeoJsonFails() {
        GeoJsonFiles.assertFails(file("[1, 2, 3]"), ErrorCode.INVALID_GEOJSON).hasMessageContaining("START_ARRAY");
        GeoJsonFiles.assertFails(file("{\"type\": \"Topology\", \"objects\": {}}"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("Topology");
        GeoJsonFiles.assertFails(file("{\"a\": 1}"), ErrorCode.INVALID_GEOJSON).hasMessageContaining("no \"type\"");
        GeoJsonFiles.assertFails(file("{\"type\": \"FeatureCollection\", \"features\": {}}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("\"features\" must be an array");
        GeoJsonFiles.assertFails(file("{\"type\": \"FeatureCollection\"}"), ErrorCode.INVALID_GEOJSON);
        GeoJsonFiles.assertFails(file("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Point\"}]}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("not a Feature");
    }

    @Test
    void aGeometryThatIsNotGeoJsonFails() {
        GeoJsonFiles.assertFails(feature("{\"type\": \"Circle\", \"coordinates\": [1, 2]}"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("Circle");
        GeoJsonFiles.assertFails(feature("{\"type\": \"Polygon\", \"coordinates\": [[1, 2]]}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("not nested");
        GeoJsonFiles.assertFails(feature("{\"type\": \"Point\", \"coordinates\": [1]}"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("two numbers");
        GeoJsonFiles.assertFails(feature("\"POINT (1 2)\""), ErrorCode.INVALID_GEOJSON);
    }

    @Test
    void coordinatesNestedUnevenlyOrMissingFail() {
        GeoJsonFiles.assertFails(feature("{\"type\": \"MultiPoint\", \"coordinates\": [[1, 2], [[3, 4]]]}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("not nested");
        GeoJsonFiles.assertFails(feature("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0]], [[[2, 2]]]]}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("not nested");
        GeoJsonFiles.assertFails(feature("{\"type\": \"Point\", \"coordinates\": []}"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("not nested");
        GeoJsonFiles.assertFails(feature("{\"type\": \"LineString\", \"coordinates\": [[], [[]]]}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("not nested");
        GeoJsonFiles.assertFails(feature("{\"type\": \"LineString\"}"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("no \"coordinates\"");
        GeoJsonFiles.assertFails(feature("{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\","
                + " \"coordinates\": [[1, 2]]}]}"), ErrorCode.INVALID_GEOJSON).hasMessageContaining("not nested");
        GeoJsonFiles.assertFails(feature("{\"type\": \"Point\", \"coordinates\": [1, \"2\"]}"),
                ErrorCode.INVALID_GEOJSON).hasMessageContaining("only numbers");
    }

    @Test
    void anEmptyFileFailsWith1005() {
        GeoJsonFiles.assertFails(file(""), ErrorCode.EMPTY_FILE);
        GeoJsonFiles.assertFails(file(" \n\u001e\n"), ErrorCode.EMPTY_FILE);
    }

    @Test
    void tooManyPropertiesFailWith2004() {
        String properties = IntStream.range(0, 11).mapToObj(i -> "\"p" + i + "\": " + i)
                .collect(Collectors.joining(", "));
        GeoJsonFiles.assertFails(10,
                file("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {" + properties + "}}"),
                ErrorCode.TOO_MANY_COLUMNS);
        // Also when no single feature has too many: the union counts.
        GeoJsonFiles.assertFails(10, file(IntStream.range(0, 11)
                        .mapToObj(i -> "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"p" + i + "\": 1}}")
                        .collect(Collectors.joining("\n"))),
                ErrorCode.TOO_MANY_COLUMNS);
    }

    @Test
    void aStringPastTheLimitFailsWith3007() throws IOException {
        Path file = dir.resolve("huge.geojson");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"s\": \"");
            char[] chunk = "x".repeat(1 << 20).toCharArray();
            for (int i = 0; i <= GeoJsonParsing.MAX_STRING_CHARS >> 20; i++) {
                w.write(chunk);
            }
            w.write("\"}}");
        }
        GeoJsonFiles.assertFails(file, ErrorCode.INVALID_GEOJSON).hasMessageContaining("too large");
    }

    @Test
    void aNestedValuePastTheLimitFailsWith3007WhetherTypedOrCopied() throws IOException {
        // Third feature: typed (and skipped) when the whole file is profiled first, copied as
        // compact JSON into its text column when the type guess is checked while loading.
        Path file = dir.resolve("nested.geojsonl");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": {\"a\": 1}}}\n");
            w.write("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": [2]}}\n");
            w.write("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": [0");
            String chunk = ",1".repeat(1 << 19);
            for (long written = 0; written <= GeoJsonParsing.MAX_VALUE_BYTES; written += chunk.length()) {
                w.write(chunk);
            }
            w.write("]}}\n");
        }
        GeoJsonFiles.assertFails(file, ErrorCode.INVALID_GEOJSON).hasMessageContaining("larger than 32 MB");
    }

    @Test
    void nestingPastTheLimitFailsWith3007() {
        int depth = GeoJsonParsing.MAX_DEPTH + 1;
        GeoJsonFiles.assertFails(file("{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"n\": "
                + "[".repeat(depth) + "]".repeat(depth) + "}}"), ErrorCode.INVALID_GEOJSON)
                .hasMessageContaining("too deeply nested");
    }

    private Path feature(String geometry) {
        return file("{\"type\": \"FeatureCollection\", \"features\": [\n"
                + "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": " + geometry + "}]}");
    }

    private Path file(String text) {
        return GeoJsonFiles.write(dir, "bad.geojson", text);
    }
}
