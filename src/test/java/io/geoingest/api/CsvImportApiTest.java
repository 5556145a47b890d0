package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.imports.WorkDirs;
import jakarta.servlet.MultipartConfigElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** A CSV upload end to end: HTTP in, a cartodbfied PostGIS table out. */
class CsvImportApiTest extends ApiTestSupport {
    @TempDir
    Path dir;
    @Autowired
    WorkDirs workDirs;
    @Autowired
    MultipartConfigElement multipart;

    @Test
    void uploadedCsvBecomesACartodbfiedTable() throws Exception {
        String name = unique("places");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, """
                id,name,amount,price,is_open,created,day,zip,lon,lat
                1,Café Nord,10,1.5,true,2024-01-02 10:11:12,2024-01-02,02134,2.35,48.85
                2,"Quoted, comma",20,2.25,false,2024-01-03 00:00:00,2024-01-03,10001,-73.99,40.73
                3,Bad point,30,,TRUE,2024-01-04 12:00:00,2024-01-04,99999,500,40
                """, StandardCharsets.UTF_8);

        JsonNode r = assertComplete(importFile(ALICE_KEY, csv, null));

        assertThat(r.get("table_name").asText()).isEqualTo(name);
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        assertThat(r.get("data_type").asText()).isEqualTo("file");
        assertThat(r.get("warnings").get("invalid_geometries").asInt()).isEqualTo(1);
        Map<String, String> cols = columns("alice", name);
        assertThat(cols).containsEntry("cartodb_id", "bigint")
                .containsEntry("the_geom", "geometry(Geometry,4326)")
                .containsEntry("the_geom_webmercator", "geometry(Geometry,3857)")
                .containsEntry("id", "integer")
                .containsEntry("name", "text")
                .containsEntry("amount", "integer")
                .containsEntry("price", "double precision")
                .containsEntry("is_open", "boolean")
                .containsEntry("created", "timestamp without time zone")
                .containsEntry("day", "date")
                .containsEntry("zip", "text");
        assertThat(rows("SELECT cartodb_id, name, zip, ST_AsText(the_geom) AS g, ST_SRID(the_geom) AS srid,"
                + " ST_Distance(the_geom_webmercator, ST_Transform(the_geom, 3857)) AS d"
                + " FROM alice." + name + " ORDER BY cartodb_id"))
                .hasSize(3)
                .satisfies(rows -> {
                    assertThat(rows.get(0)).containsEntry("name", "Café Nord").containsEntry("zip", "02134")
                            .containsEntry("g", "POINT(2.35 48.85)").containsEntry("srid", 4326);
                    assertThat((Double) rows.get(0).get("d")).isLessThan(1e-6);
                    assertThat(rows.get(1)).containsEntry("name", "Quoted, comma");
                    assertThat(rows.get(2).get("g")).isNull();
                });
        assertThat(scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'alice' AND tablename = '" + name
                + "' AND indexdef LIKE '%USING gist%'")).isEqualTo(2L);
        assertThat(scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'alice." + name
                + "'::regclass AND contype = 'p'")).isEqualTo(1L);
        assertThat(scalar("SELECT tableowner FROM pg_tables WHERE schemaname = 'alice' AND tablename = '" + name + "'"))
                .isEqualTo("geoingest_alice");
        // New rows get the next cartodb_id from the table's sequence, and their web-mercator geometry.
        assertThat(scalar("INSERT INTO alice." + name + " (name, the_geom) VALUES ('x',"
                + " ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326)) RETURNING cartodb_id")).isEqualTo(4L);
        assertThat((Double) scalar("SELECT ST_Distance(the_geom_webmercator, ST_Transform(the_geom, 3857)) FROM alice."
                + name + " WHERE cartodb_id = 4")).isLessThan(1e-6);
        assertNoStagingTables("alice");
    }

    /** CARTO's Import API documentation, "CSV": both examples verbatim, a blank after each comma. */
    @Test
    void cartoDocumentedCsvExamplesImport() throws Exception {
        String quoted = unique("quoted");
        Path csv = dir.resolve(quoted + ".csv");
        Files.writeString(csv, "name, description, score\n"
                + "\"John Doe\", \"Awesome, the best player ever\", 100", StandardCharsets.UTF_8);
        assertComplete(importFile(ALICE_KEY, csv, null));
        Map<String, String> cols = columns("alice", quoted);
        assertThat(cols.keySet()).containsExactlyInAnyOrder("cartodb_id", "the_geom", "the_geom_webmercator",
                "name", "description", "score");
        assertThat(cols).containsEntry("name", "text").containsEntry("description", "text")
                .containsEntry("score", "integer");
        assertThat(rows("SELECT name, description, score, the_geom FROM alice." + quoted))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("name", "John Doe")
                        .containsEntry("description", "Awesome, the best player ever")
                        .containsEntry("score", 100).containsEntry("the_geom", null));

        String escaped = unique("escaped");
        csv = dir.resolve(escaped + ".csv");
        Files.writeString(csv, "name, geojson\n"
                + "\"Null Island\", \"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [0,0]}\"",
                StandardCharsets.UTF_8);
        JsonNode r = assertComplete(importFile(ALICE_KEY, csv, null));
        assertThat(r.path("warnings").path("invalid_geometries").isMissingNode()).isTrue();
        // The geojson column is the geometry, as without the blanks: no geojson column is left.
        assertThat(columns("alice", escaped).keySet()).containsExactlyInAnyOrder("cartodb_id", "the_geom",
                "the_geom_webmercator", "name");
        assertThat(rows("SELECT name, ST_AsText(the_geom) AS g, ST_SRID(the_geom) AS srid FROM alice." + escaped))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("name", "Null Island")
                        .containsEntry("g", "POINT(0 0)").containsEntry("srid", 4326));
        assertNoStagingTables("alice");
    }

    @Test
    void brokenCsvFailsWith2003AndLeavesNothing() throws Exception {
        String name = unique("broken");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "a,b\n1,\"never closed\n2,3\n");

        assertFailure(importFile(ALICE_KEY, csv, null), 2003);

        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE tablename = '" + name + "'")).isEqualTo(0L);
        assertNoStagingTables("alice");
    }

    @Test
    void utf8WithADamagedByteKeepsItsTextAndSaysHowManyBytesWereReplaced() throws Exception {
        String name = unique("damaged");
        Path csv = dir.resolve(name + ".csv");
        byte[] text = "name\ncafé\nZürich\nGen".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(text, text.length + 4);
        bytes[text.length] = (byte) 0xE8;
        System.arraycopy("ve\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, text.length + 1, 3);
        Files.write(csv, bytes);

        JsonNode r = assertComplete(importFile(ALICE_KEY, csv, null));

        assertThat(r.get("warnings").get("invalid_utf8_replaced").asInt()).isEqualTo(1);
        assertThat(rows("SELECT name FROM alice." + name + " ORDER BY cartodb_id")).extracting(row -> row.get("name"))
                .containsExactly("café", "Zürich", "Gen\uFFFDve");
    }

    @Test
    void emptyFileFailsWith1005() throws Exception {
        Path csv = dir.resolve(unique("empty") + ".csv");
        Files.writeString(csv, "");
        assertFailure(importFile(ALICE_KEY, csv, null), 1005);
    }

    @Test
    void unsupportedFileFailsWith1002() throws Exception {
        Path pdf = dir.resolve(unique("doc") + ".pdf");
        Files.writeString(pdf, "%PDF-1.4");
        assertFailure(importFile(ALICE_KEY, pdf, null), 1002);
    }

    @Test
    void typeGuessingOffKeepsText() throws Exception {
        String name = unique("raw");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "n,flag\n1,true\n2,false\n");
        assertComplete(importFile(ALICE_KEY, csv, "type_guessing=False"));
        assertThat(columns("alice", name)).containsEntry("n", "text").containsEntry("flag", "text");
    }

    @Test
    void hostileNamesAreNormalisedAndHarmless() throws Exception {
        Path csv = dir.resolve("x\"; DROP TABLE alice.victim; --.csv");
        Files.writeString(csv, "\"a\"\"; DROP TABLE t; --\",SELECT,Ñandú 1\n1,2,3\n");
        JsonNode r = assertComplete(importFile(ALICE_KEY, csv, null));
        String table = r.get("table_name").asText();
        assertThat(table).matches("[a-z][a-z0-9_]*");
        assertThat(columns("alice", table).keySet()).allMatch(c -> c.matches("[a-z_][a-z0-9_]*"));
        assertThat(columns("alice", table)).containsKey("nandu_1");
    }

    @Test
    void uploadsAreSpooledInTheWorkDirectoryAndLeaveNothingThere() throws Exception {
        // Tomcat spools beside the imports' directories, so an upload reaches its import by a rename.
        assertThat(Path.of(multipart.getLocation())).isEqualTo(workDirs.uploadSpool()).isDirectory();
        String name = unique("spooled");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "a,b\n1,2\n");

        assertComplete(importFile(ALICE_KEY, csv, null));

        try (var left = Files.list(workDirs.uploadSpool())) {
            assertThat(left).isEmpty();
        }
    }
}
