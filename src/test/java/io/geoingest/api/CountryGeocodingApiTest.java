package io.geoingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** content_guessing=true over HTTP: a CSV of countries becomes a table of their boundaries. */
class CountryGeocodingApiTest extends ApiTestSupport {
    @TempDir
    Path dir;

    @Test
    void countriesBecomeBoundariesAndTheRestNullGeometriesWithAWarning() throws Exception {
        String name = unique("countries");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, """
                country,population
                España,48
                "Côte d'Ivoire",29
                USA,335
                Holland,18
                '); DROP TABLE alice.x; --,0
                Atlantis,1
                """, StandardCharsets.UTF_8);

        JsonNode r = assertComplete(importFile(ALICE_KEY, csv, "content_guessing=True"));

        assertThat(r.get("warnings").get("countries_not_found").asInt()).isEqualTo(2);
        assertThat(rows("SELECT country, ST_GeometryType(the_geom) AS type,"
                + " ST_Contains(the_geom, ST_SetSRID(ST_MakePoint(-3.7038, 40.4168), 4326)) AS madrid,"
                + " ST_SRID(the_geom_webmercator) AS merc FROM alice." + name + " ORDER BY cartodb_id"))
                .hasSize(6)
                .satisfies(rows -> {
                    assertThat(rows.get(0)).containsEntry("type", "ST_MultiPolygon").containsEntry("madrid", true)
                            .containsEntry("merc", 3857);
                    assertThat(rows.get(1)).containsEntry("country", "Côte d'Ivoire").containsEntry("madrid", false);
                    assertThat(rows.get(2).get("type")).isEqualTo("ST_MultiPolygon");
                    assertThat(rows.get(3).get("type")).isEqualTo("ST_MultiPolygon");
                    assertThat(rows.get(4).get("type")).isNull();
                    assertThat(rows.get(5).get("type")).isNull();
                });
    }

    @Test
    void withoutContentGuessingNothingIsGeocoded() throws Exception {
        String name = unique("plain_countries");
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "country,population\nSpain,48\nFrance,68\n", StandardCharsets.UTF_8);

        assertComplete(importFile(ALICE_KEY, csv, "content_guessing=false"));

        assertThat(rows("SELECT count(the_geom) AS n FROM alice." + name).get(0)).containsEntry("n", 0L);
    }
}
