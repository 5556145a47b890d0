package io.geoingest.formats.gdal;

import static io.geoingest.formats.gdal.GdalFiles.expand;
import static io.geoingest.formats.gdal.GdalFiles.readOne;
import static io.geoingest.formats.gdal.GdalFiles.withExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.FormatResolver;
import io.geoingest.formats.gdal.GdalFiles.Table;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.testing.NeedsCorpus;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** The GDAL files of the shared real-world corpus reach the outcome its README gives. */
class GdalCorpusTest {
    /** The file's Antarctica and Russia reach 180.0000019: lon/lat within a rounding margin. */
    private static final Envelope WORLD = new Envelope(-180.00001, 180.00001, -90, 90);

    @TempDir
    Path dir;

    @NeedsCorpus
    @Test
    void worldBordersShapefileInZipWithMacosxJunk() {
        List<DataFile> files = expand(TestDatabases.corpus("TM_WORLD_BORDERS_SIMPL-0.3.zip"), dir);
        // The route reads only the .shp: the other parts (and no __MACOSX junk) are left out.
        assertThat(new FormatResolver().readable(files)).extracting(DataFile::extension).containsExactly("shp");

        Table t = readOne(withExtension(files, "shp"));

        assertThat(t.name()).isEqualTo("TM_WORLD_BORDERS_SIMPL-0.3");
        assertThat(t.rows()).hasSize(246);
        assertThat(t.geometries()).allSatisfy(g -> {
            assertThat(g).isInstanceOfAny(Polygon.class, MultiPolygon.class);
            assertThat(g.getSRID()).isEqualTo(4326);
            assertThat(WORLD.contains(g.getEnvelopeInternal())).isTrue();
        });
        // The file's LON/LAT columns are attributes: the geometry is the polygons.
        int france = t.rows().indexOf(t.rows().stream().filter(r -> "France".equals(r[t.index("NAME")])).findFirst().orElseThrow());
        Point centre = t.geometry(france).getInteriorPoint();
        assertThat(centre.getX()).isBetween(-5.0, 10.0);
        assertThat(centre.getY()).isBetween(41.0, 51.5);
        assertThat(t.value(france, "ISO3")).isEqualTo("FRA");
    }

    @NeedsCorpus
    @Test
    void greekCodePageShapefile() {
        Table t = readOne(withExtension(expand(TestDatabases.corpus("greek.zip"), dir), "shp"));

        assertThat(t.rows()).hasSize(7);
        assertThat(t.geometries()).allSatisfy(g -> assertThat(g).isInstanceOfAny(Polygon.class, MultiPolygon.class));
        // The corpus file's names are ASCII only (Sept-Îles was stored as "Sept-?les"), so it shows
        // no Greek letter; GdalShapefileTest.cpgNamesTheCodePage decodes real ISO-8859-7 text.
        assertThat(t.rows()).allSatisfy(r -> assertThat(r).noneMatch(v -> v instanceof String s && s.indexOf('\uFFFD') >= 0));
        assertThat(t.value(0, "name")).isEqualTo("Chapin");
        Point chapin = t.geometry(0).getCentroid();
        assertThat(chapin.getX()).isCloseTo(-81.3, offset(0.3));
        assertThat(chapin.getY()).isCloseTo(34.15, offset(0.3));
    }

    @NeedsCorpus
    @Test
    void mapInfoTab() {
        List<DataFile> files = expand(TestDatabases.corpus("Ivanovo.zip"), dir);
        assertThat(new FormatResolver().readable(files)).extracting(DataFile::extension).containsExactly("tab");

        Table t = readOne(withExtension(files, "tab"));

        assertThat(t.name()).isEqualTo("Ivanovo_stores_13_04_97");
        assertThat(t.rows()).hasSize(47);
        assertThat(t.geometries()).allSatisfy(g -> assertThat(g).isInstanceOf(Point.class));
        // Cyrillic names and values decoded from the table's WindowsCyrillic charset.
        assertThat(t.value(0, "Наименование_сети")).isEqualTo("Апельсин");
        Point first = (Point) t.geometry(0);
        assertThat(first.getSRID()).isEqualTo(4326);
        assertThat(first.getX()).isCloseTo(41.004816, offset(1e-5));
        assertThat(first.getY()).isCloseTo(56.965419, offset(1e-5));
    }

    /** A MapInfo view table names other tables by path, which GDAL would read from anywhere. */
    @Test
    void mapInfoViewTablesAreRefused(@TempDir Path dir) throws Exception {
        Path view = dir.resolve("view.tab");
        Files.writeString(view, "!table\n!version 300\n!charset WindowsLatin1\n\n"
                + "Open Table \"../../other_import/secret\" Hide\nCreate View view As Select * From secret\n");
        GdalFiles.assertFails(GdalFiles.format(), new DataFile(view, "view.tab"), ErrorCode.UNSUPPORTED_FILE);
    }

    @NeedsCorpus
    @Test
    void osmLayers() {
        Path osm = TestDatabases.corpus("map2.osm");

        List<Table> tables = GdalFiles.read(GdalFiles.format(), new DataFile(osm, "map2.osm"));

        Map<String, Integer> counts = tables.stream().collect(Collectors.toMap(Table::name, t -> t.rows().size()));
        // The README lists the four geometry layers; GDAL's fifth, other_relations, holds 3
        // relations (turn restrictions, TMC) as geometry collections, imported rather than dropped.
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("map2_points", 11, "map2_lines", 17,
                "map2_multilinestrings", 11, "map2_multipolygons", 17, "map2_other_relations", 3));
        assertThat(tables).extracting(Table::name).isSorted();
        assertAll(tables, "map2_points", Point.class);
        assertAll(tables, "map2_lines", LineString.class);
        assertAll(tables, "map2_multilinestrings", MultiLineString.class);
        assertAll(tables, "map2_multipolygons", MultiPolygon.class);
        Envelope saarbruecken = new Envelope(6.5, 7.5, 49.0, 49.5);
        tables.forEach(t -> assertThat(t.geometries()).allSatisfy(
                g -> assertThat(saarbruecken.contains(g.getEnvelopeInternal())).isTrue()));
    }

    private static void assertAll(List<Table> tables, String name, Class<? extends Geometry> type) {
        Table t = tables.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        assertThat(t.geometries()).allSatisfy(g -> {
            assertThat(g).isInstanceOf(type);
            assertThat(g.getSRID()).isEqualTo(4326);
        });
    }
}
