package io.geoingest.formats.csv;

import static io.geoingest.formats.csv.CsvFiles.assertFails;
import static io.geoingest.formats.csv.CsvFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.geoingest.formats.csv.CsvFiles.Table;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.testing.NeedsCorpus;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/** The CSV files of the shared real-world corpus reach the outcome its README gives. */
@NeedsCorpus
class CsvCorpusTest {

    @Test
    void cp1252WithCrlf() {
        Table t = read(TestDatabases.corpus("cp1252_with_crlf.csv"));

        assertThat(t.rows()).hasSize(20);
        // 39 source columns; the_geom (hex EWKB of the same points as latitude/longitude) is the geometry.
        assertThat(t.columns()).hasSize(39);
        assertThat(t.columns().get(t.index("the_geom")).type()).isEqualTo(ColumnType.GEOMETRY);
        assertThat(t.columns()).filteredOn(c -> c.type() == ColumnType.GEOMETRY).hasSize(1);
        assertThat(t.columns()).contains(new Column("scalerank", ColumnType.INTEGER),
                new Column("latitude", ColumnType.DOUBLE), new Column("longitude", ColumnType.DOUBLE),
                new Column("created_at", ColumnType.TIMESTAMP), new Column("cartodb_id", ColumnType.INTEGER),
                new Column("the_geom_webmercator", ColumnType.TEXT));
        assertThat(t.value(0, "name")).isEqualTo("Willmar");
        assertThat(t.value(0, "adm0name")).isEqualTo("United States of America");
        for (Object[] row : t.rows()) {
            assertThat(row).noneMatch(v -> v instanceof String s && s.indexOf('\uFFFD') >= 0);
        }
        // The README expects points at latitude/longitude (CARTO's choice); the contract lets the
        // file's own the_geom win. Both are the same points, except Mombasa's, moved by 0.002 degrees.
        for (int r = 0; r < 20; r++) {
            Point p = (Point) t.value(r, "the_geom");
            assertThat(p.getSRID()).isEqualTo(4326);
            assertThat(p.getX()).isCloseTo((Double) t.value(r, "longitude"), offset(0.005));
            assertThat(p.getY()).isCloseTo((Double) t.value(r, "latitude"), offset(0.005));
        }
        assertThat(t.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void escapedQuotesSemicolonSeparated() {
        Table t = read(TestDatabases.corpus("escaped_quotes_semi_sep.csv"));

        assertThat(t.columns()).containsExactly(new Column("A", ColumnType.INTEGER),
                new Column("B", ColumnType.TEXT), new Column("C", ColumnType.TEXT));
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly(100, "--\"--", "\"XYZ\"");
        assertThat(t.rows().get(1)).containsExactly(200, "------", "I\"J\"K");
    }

    @Test
    void inCellLineBreaks() {
        Table t = read(TestDatabases.corpus("in_cell_line_breaks.csv"));

        assertThat(t.rows()).hasSize(5);
        assertThat(t.columns()).hasSize(18);
        assertThat(t.columns().get(17)).isEqualTo(new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.column("Plan Marketing Name")).containsExactly("Blue Cross\n Premier Value",
                "Blue Cross\r Premier Value", "Blue Cross\n\r Premier Bronze", "Blue Cross\r\n Premier Silver",
                "Blue Cross Premier Gold");
        assertThat(t.columns()).contains(new Column("lng", ColumnType.DOUBLE), new Column("lat", ColumnType.DOUBLE),
                new Column("Premium Adult Individual Age 50*", ColumnType.DOUBLE),
                new Column("Display", ColumnType.TEXT));
        for (Object[] row : t.rows()) {
            Point p = (Point) row[17];
            assertThat(p.getX()).isEqualTo(-83.128974);
            assertThat(p.getY()).isEqualTo(44.683627);
        }
    }

    @Test
    void duplicatedColumnNamesStayRaw() {
        Table t = read(TestDatabases.corpus("duplicated_column_name.csv"));

        assertThat(t.names()).containsExactly("column", "column", "third");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly(1, 2, 3);
        assertThat(t.rows().get(1)).containsExactly(4, 5, 6);
    }

    @Test
    void allCsvKeepsItsGeometryAndCartodbId() {
        Table t = read(TestDatabases.corpus("all.csv"));

        assertThat(t.rows()).hasSize(1);
        assertThat(t.columns().get(0)).isEqualTo(new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.columns()).filteredOn(c -> c.type() == ColumnType.GEOMETRY).hasSize(1);
        assertThat(t.columns()).contains(new Column("cartodb_id", ColumnType.INTEGER),
                new Column("lon", ColumnType.DOUBLE), new Column("lat", ColumnType.DOUBLE),
                new Column("created_at", ColumnType.TIMESTAMPTZ));
        assertThat(t.value(0, "cartodb_id")).isEqualTo(24);
        assertThat(t.value(0, "name")).isEqualTo("Canada");
        assertThat(t.value(0, "created_at"))
                .isEqualTo(OffsetDateTime.of(2014, 4, 25, 12, 33, 57, 535124000, ZoneOffset.UTC));
        Geometry geom = (Geometry) t.value(0, "the_geom");
        assertThat(geom).isInstanceOf(MultiPolygon.class);
        assertThat(geom.getSRID()).isEqualTo(4326);
        assertThat(geom.getNumGeometries()).isGreaterThan(100);
    }

    @Test
    void bigRowValueIntact() throws Exception {
        var file = TestDatabases.corpus("big_row.csv");
        String expected = Files.readAllLines(file).get(1);
        Table t = read(file);

        assertThat(t.names()).containsExactly("TheHugeColumn");
        assertThat(t.rows()).hasSize(1);
        assertThat(expected.length()).isGreaterThan(16_000);
        assertThat(t.rows().get(0)[0]).isEqualTo(expected);
    }

    @Test
    void tenThousandColumnsFail() {
        assertFails(TestDatabases.corpus("10000_columns.csv"), ErrorCode.TOO_MANY_COLUMNS)
                .hasMessage("too many columns: 10000, the maximum is 256");
    }

    @Test
    void corpusHasNoOtherPlainCsv() throws Exception {
        try (var files = Files.list(TestDatabases.CORPUS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted())
                    .isEqualTo(List.of("10000_columns.csv", "all.csv", "big_row.csv", "cp1252_with_crlf.csv",
                            "duplicated_column_name.csv", "escaped_quotes_semi_sep.csv", "in_cell_line_breaks.csv"));
        }
    }
}
