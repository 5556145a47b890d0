package io.geoingest.api;

import static io.geoingest.testing.TestDatabases.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.testing.NeedsCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV files of ../shared/corpus/carto through the whole service, each reaching the
 * outcome the corpus README gives. Overwrite keeps table names stable across runs.
 */
class CorpusCsvImportTest extends ApiTestSupport {
    private static final Set<String> CARTODBFY = Set.of("cartodb_id", "the_geom", "the_geom_webmercator");

    private JsonNode importCorpus(String file) throws Exception {
        return importFile(ALICE_KEY, corpus(file), "collision_strategy=overwrite");
    }

    private static int sourceColumns(String table) throws Exception {
        return (int) columns("alice", table).keySet().stream().filter(c -> !CARTODBFY.contains(c)).count();
    }

    @NeedsCorpus
    @Test
    void cp1252WithCrlf() throws Exception {
        String t = assertComplete(importCorpus("cp1252_with_crlf.csv")).get("table_name").asText();
        assertThat(scalar("SELECT count(*) FROM alice." + t)).isEqualTo(20L);
        // All 39 columns of the file, under their own names (the_geom, cartodb_id and
        // the_geom_webmercator become the cartodbfy columns).
        assertThat(columns("alice", t)).hasSize(39);
        assertThat(scalar("SELECT count(*) FROM alice." + t + " WHERE the_geom IS NOT NULL"
                + " AND GeometryType(the_geom) = 'POINT'")).isEqualTo(20L);
        // Never replacement characters or mojibake (this file is plain ASCII in practice;
        // real Windows-1252 accents are covered by CsvFormat's own tests).
        String all = (String) scalar("SELECT string_agg(t::text, ' ') FROM alice." + t + " t");
        assertThat(all).doesNotContain("\uFFFD").doesNotContain("Ã");
    }

    @NeedsCorpus
    @Test
    void escapedQuotesWithSemicolons() throws Exception {
        String t = assertComplete(importCorpus("escaped_quotes_semi_sep.csv")).get("table_name").asText();
        assertThat(sourceColumns(t)).isEqualTo(3);
        List<Map<String, Object>> rows = rows("SELECT * FROM alice." + t + " ORDER BY cartodb_id");
        assertThat(rows).hasSize(2);
        String all = rows.toString();
        assertThat(all).contains("--\"--", "\"XYZ\"", "I\"J\"K");
    }

    @NeedsCorpus
    @Test
    void lineBreaksInsideCells() throws Exception {
        String t = assertComplete(importCorpus("in_cell_line_breaks.csv")).get("table_name").asText();
        assertThat(scalar("SELECT count(*) FROM alice." + t)).isEqualTo(5L);
        assertThat(sourceColumns(t)).isEqualTo(17);
        assertThat(scalar("SELECT count(*) FROM alice." + t + " WHERE the_geom IS NOT NULL")).isEqualTo(5L);
    }

    @NeedsCorpus
    @Test
    void duplicatedColumnNameIsRenamed() throws Exception {
        String t = assertComplete(importCorpus("duplicated_column_name.csv")).get("table_name").asText();
        assertThat(columns("alice", t)).containsKeys("column", "column_1", "third");
        assertThat(scalar("SELECT count(*) FROM alice." + t)).isEqualTo(2L);
    }

    @NeedsCorpus
    @Test
    void reservedNameOwnIdAndExistingGeometry() throws Exception {
        JsonNode r = assertComplete(importCorpus("all.csv"));
        String t = r.get("table_name").asText();
        assertThat(t).isEqualTo("all_t");
        assertThat(rows("SELECT cartodb_id, GeometryType(the_geom) AS type FROM alice.all_t"))
                .containsExactly(Map.of("cartodb_id", 24L, "type", "MULTIPOLYGON"));
    }

    @NeedsCorpus
    @Test
    void bigRowKeepsItsValue() throws Exception {
        String t = assertComplete(importCorpus("big_row.csv")).get("table_name").asText();
        assertThat(scalar("SELECT count(*) FROM alice." + t)).isEqualTo(1L);
        assertThat((Integer) scalar("SELECT max(length(t::text)) FROM alice." + t + " t")).isGreaterThan(15000);
    }

    @NeedsCorpus
    @Test
    void tenThousandColumnsFailWith2004() throws Exception {
        assertFailure(importCorpus("10000_columns.csv"), 2004);
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename LIKE '10000%'"))
                .isEqualTo(0L);
        assertNoStagingTables("alice");
    }

    @NeedsCorpus
    @Test
    void zipWithTwoCsvsGivesTwoTables() throws Exception {
        JsonNode r = assertComplete(importCorpus("multiple_csvs.zip"));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM alice.csv_1")).isEqualTo(2L);
        assertThat(scalar("SELECT count(*) FROM alice.csv_2")).isEqualTo(4L);
    }

    @Test
    void unsupportedFilesInAnArchiveAreSkippedWithAWarning(@TempDir Path dir)
            throws Exception {
        Path zip = dir.resolve(unique("mixed") + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("points.csv"));
            out.write("a,lat,lon\n1,40,-3\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("logo.png"));
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        }
        JsonNode r = assertComplete(importFile(ALICE_KEY, zip, "collision_strategy=overwrite"));
        assertThat(r.get("tables_created_count").asInt()).isEqualTo(1);
        assertThat(r.get("warnings").get("skipped_files").toString()).contains("logo.png");
    }

    @NeedsCorpus
    @Test
    void gzippedCsv() throws Exception {
        String t = assertComplete(importCorpus("ok_data.csv.gz")).get("table_name").asText();
        assertThat(scalar("SELECT count(*) FROM alice." + t)).isEqualTo(1L);
    }
}
