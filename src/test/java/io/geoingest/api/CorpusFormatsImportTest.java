package io.geoingest.api;

import static io.geoingest.testing.TestDatabases.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.NeedsCorpus;
import org.junit.jupiter.api.Test;

/**
 * The non-CSV files of ../shared/corpus/carto through the whole service, each reaching the
 * outcome the corpus README gives. Overwrite keeps table names stable across runs.
 */
@NeedsCorpus
class CorpusFormatsImportTest extends ApiTestSupport {

    private JsonNode importCorpus(String file) throws Exception {
        return importFile(ALICE_KEY, corpus(file), "collision_strategy=overwrite");
    }

    private static long count(String table) throws Exception {
        return (Long) scalar("SELECT count(*) FROM alice." + table);
    }

    @Test
    void shapefileWithMacJunkAndPrj() throws Exception {
        JsonNode r = assertComplete(importCorpus("TM_WORLD_BORDERS_SIMPL-0.3.zip"));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        String t = r.get("table_name").asText();
        assertThat(count(t)).isEqualTo(246);
        assertThat(scalar("SELECT count(*) FROM alice." + t + " WHERE ST_SRID(the_geom) = 4326"
                + " AND GeometryType(the_geom) IN ('POLYGON', 'MULTIPOLYGON')")).isEqualTo(246L);
        assertThat(r.path("warnings").path("skipped_files").isMissingNode()).isTrue();
    }

    @Test
    void shapefileWithCodePage() throws Exception {
        String t = assertComplete(importCorpus("greek.zip")).get("table_name").asText();
        assertThat(count(t)).isEqualTo(7);
        assertThat((String) scalar("SELECT string_agg(t::text, ' ') FROM alice." + t + " t")).doesNotContain("\uFFFD");
    }

    @Test
    void mapInfoTab() throws Exception {
        String t = assertComplete(importCorpus("Ivanovo.zip")).get("table_name").asText();
        assertThat(scalar("SELECT count(*) FROM alice." + t + " WHERE GeometryType(the_geom) = 'POINT'")).isEqualTo(47L);
    }

    @Test
    void kmlExportedFromCarto() throws Exception {
        String t = assertComplete(importCorpus("counties_ny_export.kml")).get("table_name").asText();
        assertThat(count(t)).isEqualTo(62);
    }

    @Test
    void kmlWithManyFoldersGivesOneTablePerNonEmptyFolder() throws Exception {
        JsonNode r = assertComplete(importCorpus("multiple_layer.kml"));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(8);
    }

    @Test
    void kmlWithOnlyANetworkLinkFails3202() throws Exception {
        assertFailure(importCorpus("abandoned.kml"), 3202);
    }

    @Test
    void gpxTrack() throws Exception {
        JsonNode r = assertComplete(importCorpus("route2.gpx"));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(2);
        assertThat(count("route2_tracks")).isEqualTo(1);
        assertThat(count("route2_track_points")).isEqualTo(822);
    }

    @Test
    void osmDump() throws Exception {
        JsonNode r = assertComplete(importCorpus("map2.osm"));
        // GDAL's four layers of the corpus README, plus other_relations (3 features) that GDAL also reads.
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(5);
        assertThat(count("map2_points")).isEqualTo(11);
        assertThat(count("map2_lines")).isEqualTo(17);
        assertThat(count("map2_multilinestrings")).isEqualTo(11);
        assertThat(count("map2_multipolygons")).isEqualTo(17);
    }

    @Test
    void excelWorkbook() throws Exception {
        String t = assertComplete(importCorpus("ngos.xlsx")).get("table_name").asText();
        assertThat(count(t)).isEqualTo(76);
    }

    @Test
    void invalidGeoJsonFails3007() throws Exception {
        assertFailure(importCorpus("invalid.geojson"), 3007);
        assertNoStagingTables("alice");
    }
}
