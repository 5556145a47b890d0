package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code CDB_CartodbfyTable} through the query endpoint: both forms, tables with data, and calling it again. */
class CartodbfyApiTest extends SqlApiTestSupport {

    private long gistIndexes(String table) throws Exception {
        return (Long) scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'alice' AND tablename = '" + table
                + "' AND indexdef LIKE '%USING gist%'");
    }

    @Test
    void theTwoArgumentFormKeepsAnIntegerIdAndFillsWhatIsThere() throws Exception {
        String t = unique("owned");
        sqlOk(ALICE_KEY, "CREATE TABLE " + t + " (cartodb_id integer, the_geom geometry, label text)");
        sqlOk(ALICE_KEY, "INSERT INTO " + t + " VALUES (10, 'SRID=4326;POINT(10 20)', 'a'), (20, 'POINT(30 89.5)', 'b'),"
                + " (30, NULL, 'c')");
        assertThat(sqlOk(ALICE_KEY, "SELECT CDB_CartodbfyTable('alice', '" + t + "')").get("rows").get(0)
                .get("cdb_cartodbfytable").asText()).isEqualTo(t);
        sqlOk(ALICE_KEY, "SELECT CDB_CartodbfyTable('alice', '" + t + "')");
        assertThat(columns("alice", t)).containsEntry("cartodb_id", "integer")
                .containsEntry("the_geom", "geometry(Geometry,4326)")
                .containsEntry("the_geom_webmercator", "geometry(Geometry,3857)");
        assertThat(gistIndexes(t)).isEqualTo(2);
        // SRID 0 was taken as 4326; latitudes beyond the web map are clamped, as the importer does.
        assertThat(rows("SELECT cartodb_id, ST_AsText(ST_Transform(the_geom_webmercator, 4326), 6) AS g FROM alice." + t
                + " ORDER BY cartodb_id")).extracting(r -> r.get("cartodb_id") + " " + r.get("g"))
                .containsExactly("10 POINT(10 20)", "20 POINT(30 85.051129)", "30 null");
        // New rows get the next id and their web-mercator geometry from the trigger.
        sqlOk(ALICE_KEY, "INSERT INTO " + t + " (the_geom, label) VALUES ('SRID=4326;POINT(1 1)', 'd')");
        sqlOk(ALICE_KEY, "UPDATE " + t + " SET the_geom = 'SRID=4326;POINT(2 2)' WHERE cartodb_id = 10");
        assertThat(rows("SELECT cartodb_id, ST_AsText(ST_Transform(the_geom_webmercator, 4326), 6) AS g FROM alice." + t
                + " WHERE label IN ('a', 'd') ORDER BY cartodb_id")).extracting(r -> r.get("cartodb_id") + " " + r.get("g"))
                .containsExactly("10 POINT(2 2)", "31 POINT(1 1)");
    }

    @Test
    void duplicateIdsAndWrongTypesAreRenamedNotLost() throws Exception {
        String t = unique("messy");
        sqlOk(ALICE_KEY, "CREATE TABLE " + t + " (cartodb_id integer, the_geom text, the_geom_webmercator int)");
        sqlOk(ALICE_KEY, "INSERT INTO " + t + " VALUES (1, 'POINT(1 1)', 5), (1, 'x', 6)");
        sqlOk(ALICE_KEY, "SELECT CDB_CartodbfyTable('" + t + "')");
        assertThat(columns("alice", t)).containsEntry("cartodb_id_0", "integer").containsEntry("the_geom_str", "text")
                .containsEntry("cartodb_id", "bigint").containsEntry("the_geom", "geometry(Geometry,4326)")
                .containsEntry("the_geom_webmercator", "geometry(Geometry,3857)");
        assertThat(scalar("SELECT count(DISTINCT cartodb_id) FROM alice." + t)).isEqualTo(2L);
    }

    @Test
    void anImportedTableIsAlreadyOneAndGainsOnlyTheTrigger(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve(unique("imported") + ".csv");
        Files.writeString(csv, "name,lon,lat\na,1,2\nb,3,4\n");
        String t = assertComplete(importFile(ALICE_KEY, csv, null)).get("table_name").asText();
        var before = columns("alice", t);
        sqlOk(ALICE_KEY, "SELECT CDB_CartodbfyTable('" + t + "')");
        assertThat(columns("alice", t)).isEqualTo(before);
        assertThat(gistIndexes(t)).isEqualTo(2);
        sqlOk(ALICE_KEY, "INSERT INTO " + t + " (name, the_geom) VALUES ('c', 'SRID=4326;POINT(5 6)')");
        assertThat(rows("SELECT cartodb_id, ST_AsText(ST_Transform(the_geom_webmercator, 4326), 6) AS g FROM alice." + t
                + " ORDER BY cartodb_id")).extracting(r -> r.get("cartodb_id") + " " + r.get("g"))
                .containsExactly("1 POINT(1 2)", "2 POINT(3 4)", "3 POINT(5 6)");
    }

    @Test
    void notATableOrNotTheCallers() throws Exception {
        sqlOk(ALICE_KEY, "CREATE VIEW " + unique("v") + " AS SELECT 1");
        String view = rows("SELECT viewname FROM pg_views WHERE schemaname = 'alice' LIMIT 1").get(0).get("viewname").toString();
        Answer notTable = sql(ALICE_KEY, "SELECT CDB_CartodbfyTable('" + view + "')");
        assertThat(notTable.status()).isEqualTo(400);
        assertThat(notTable.error()).contains("is not a table");
        Answer missing = sql(ALICE_KEY, "SELECT CDB_CartodbfyTable('no_such_table')");
        assertThat(missing.error()).isEqualTo("relation \"no_such_table\" does not exist");
    }
}
