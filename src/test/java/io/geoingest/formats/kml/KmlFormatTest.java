package io.geoingest.formats.kml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.testing.NeedsCorpus;
import io.geoingest.testing.TestImports;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

class KmlFormatTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">";

    @TempDir
    Path dir;

    private final KmlFormat format = new KmlFormat(
            TestImports.properties(2, 256));

    static List<Object[]> rows(TableSource source) {
        List<Object[]> rows = new ArrayList<>();
        try (source) {
            for (Iterator<RowBatch> it = source.batches(); it.hasNext(); ) {
                rows.addAll(it.next().rows());
            }
        }
        return rows;
    }

    static int col(TableSource s, String name) {
        List<String> names = s.columns().stream().map(Column::name).toList();
        assertThat(names).contains(name);
        return names.indexOf(name);
    }

    private List<TableSource> read(Path file) {
        return format.layers(new DataFile(file, file.getFileName().toString()), ImportOptions.defaults());
    }

    private Path kml(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, HEAD + body + "</kml>");
        return p;
    }

    @NeedsCorpus
    @Test
    void countiesExportIsOneTableOf62RowsWithExtendedDataColumns() {
        List<TableSource> layers = read(TestDatabases.corpus("counties_ny_export.kml"));
        assertThat(layers).hasSize(1);
        TableSource t = layers.get(0);
        // Its one layer is the Folder "sql_statement": a one-layer KML is named after the file (CARTO).
        assertThat(t.name()).isEqualTo("counties_ny_export");
        assertThat(t.columns()).contains(new Column("county", ColumnType.TEXT),
                new Column("county_fip", ColumnType.INTEGER), new Column("cartodb_id", ColumnType.INTEGER),
                new Column("the_geom", ColumnType.GEOMETRY));
        int county = col(t, "county");
        int geom = col(t, "the_geom");
        List<Object[]> rows = rows(t);
        assertThat(rows).hasSize(62);
        Object[] orleans = rows.get(0);
        assertThat(orleans[county]).isEqualTo("Orleans");
        Geometry g = (Geometry) orleans[geom];
        assertThat(g.getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(g.getSRID()).isEqualTo(4326);
        assertThat(g.getCoordinates()[0].x).isEqualTo(-78.466360327906514);
        assertThat(g.getCoordinates()[0].y).isEqualTo(43.130002384000122);
        assertThat(t.warnings().isEmpty()).isTrue();
    }

    @NeedsCorpus
    @Test
    void multipleLayerKmlGivesGdalsEightNonEmptyLayers() {
        List<TableSource> layers = read(TestDatabases.corpus("multiple_layer.kml"));
        assertThat(layers.stream().map(TableSource::name)).containsExactly("Placemarks", "Highlighted Icon",
                "Styles and Markup", "Ground Overlays", "Paths", "Google Campus", "Extruded Polygon",
                "Absolute and Relative");
        assertThat(layers.stream().map(l -> rows(l).size())).containsExactly(3, 1, 1, 1, 6, 4, 1, 4);
    }

    @NeedsCorpus
    @Test
    void multipleLayerGeometries() {
        List<TableSource> layers = read(TestDatabases.corpus("multiple_layer.kml"));
        TableSource placemarks = layers.get(0);
        Object[] simple = rows(placemarks).get(0);
        assertThat(simple[col(placemarks, "name")]).isEqualTo("Simple placemark");
        Geometry p = (Geometry) simple[col(placemarks, "the_geom")];
        assertThat(p.getGeometryType()).isEqualTo("Point");
        assertThat(p.getCoordinate().z).isNaN();
        TableSource paths = layers.get(4);
        assertThat(((Geometry) rows(paths).get(0)[col(paths, "the_geom")]).getGeometryType()).isEqualTo("LineString");
        TableSource pentagon = layers.get(6);
        Geometry poly = (Geometry) rows(pentagon).get(0)[col(pentagon, "the_geom")];
        assertThat(poly.getGeometryType()).isEqualTo("Polygon");
        assertThat(((org.locationtech.jts.geom.Polygon) poly).getNumInteriorRing()).isEqualTo(1);
        TableSource overlay = layers.get(3);
        assertThat(((Geometry) rows(overlay).get(0)[col(overlay, "the_geom")]).getGeometryType()).isEqualTo("Polygon");
    }

    @NeedsCorpus
    @Test
    void onlyNetworkLinkIs3202() {
        assertThatThrownBy(() -> read(TestDatabases.corpus("abandoned.kml")))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_KML));
    }

    @Test
    void networkLinksWithoutPlacemarksAre3202() throws IOException {
        Path p = kml("links.kml", "<Document><name>Links</name><NetworkLink><name>elsewhere</name>"
                + "<Link><href>http://example.com/a.kml</href></Link></NetworkLink>"
                + "<Folder><name>f</name><NetworkLink><Link><href>b.kml</href></Link></NetworkLink></Folder>"
                + "</Document>");
        assertThatThrownBy(() -> read(p))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_KML);
                    assertThat(e.getMessage()).contains("2 NetworkLink(s)");
                });
    }

    @Test
    void placemarksUnderTheDocumentAreNamedAfterTheFileAndMixGeometries() throws IOException {
        Path p = kml("mixed.kml", "<Document><name>Doc</name><Style><IconStyle/></Style>"
                + "<Placemark><name>a</name><Point><coordinates>1,2,3</coordinates></Point></Placemark>"
                + "<Placemark><name>b</name><LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark>"
                + "<Placemark><name>c</name><MultiGeometry><Point><coordinates>1,2</coordinates></Point>"
                + "<LineString><coordinates>1, 2 3, 4</coordinates></LineString></MultiGeometry></Placemark>"
                + "<Placemark><name>d</name><MultiGeometry><Point><coordinates>1,2</coordinates></Point>"
                + "<Point><coordinates>5,6</coordinates></Point></MultiGeometry></Placemark>"
                + "<Placemark><name>e</name><gx:Track><gx:coord>1 2 3</gx:coord><gx:coord>4 5 6</gx:coord></gx:Track></Placemark>"
                + "<Placemark><name>f</name><Point><coordinates>x,y</coordinates></Point></Placemark>"
                + "<Placemark><name>g</name></Placemark>"
                + "</Document>");
        List<TableSource> layers = read(p);
        assertThat(layers).hasSize(1);
        TableSource t = layers.get(0);
        assertThat(t.name()).isEqualTo("mixed");
        List<Object[]> rows = rows(t);
        int g = col(t, "the_geom");
        assertThat(rows.stream().map(r -> r[g] == null ? null : ((Geometry) r[g]).getGeometryType()))
                .containsExactly("Point", "LineString", "GeometryCollection", "MultiPoint", "LineString", null, null);
        assertThat(((Geometry) rows.get(2)[g]).getCoordinates()[2].x).isEqualTo(3.0);
        assertThat(t.warnings().asMap()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void oneFolderIsNamedAfterTheFileAndSeveralAfterTheirFolders() throws IOException {
        Path one = kml("one_layer.kml", "<Document><name>Doc</name><Folder><name>absolute_and_relative</name>"
                + "<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark></Folder>"
                + "<Folder><name>empty</name></Folder></Document>");
        assertThat(read(one)).extracting(TableSource::name).containsExactly("one_layer");

        Path two = kml("two.kml", "<Document><Folder><name>a</name>"
                + "<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark></Folder>"
                + "<Folder><name>b</name><Placemark><Point><coordinates>3,4</coordinates></Point></Placemark>"
                + "</Folder></Document>");
        assertThat(read(two)).extracting(TableSource::name).containsExactly("a", "b");
    }

    @Test
    void moreThanFiftyLayersAre1019AndFiftyAreRead() throws IOException {
        assertThat(read(kml("fifty.kml", folders(50)))).hasSize(50);
        assertThatThrownBy(() -> read(kml("fifty_one.kml", folders(51))))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_LAYERS);
                    assertThat(e.getMessage()).contains("51 layers").contains("at most 50");
                });
    }

    private static String folders(int count) {
        StringBuilder body = new StringBuilder("<Document>");
        for (int i = 0; i < count; i++) {
            body.append("<Folder><name>f").append(i).append("</name><Placemark><Point><coordinates>")
                    .append(i).append(",1</coordinates></Point></Placemark></Folder>");
        }
        return body.append("</Document>").toString();
    }

    @Test
    void moreFieldsThanTheMaximumAre2004() throws IOException {
        KmlFormat narrow = new KmlFormat(TestImports.properties(2, 3));
        Path p = kml("wide.kml", "<Placemark><ExtendedData><Data name=\"a\"><value>1</value></Data>"
                + "<Data name=\"b\"><value>2</value></Data></ExtendedData>"
                + "<Point><coordinates>1,2</coordinates></Point></Placemark>");
        // name, description, a, b: four fields.
        assertThatThrownBy(() -> narrow.layers(new DataFile(p, "wide.kml"), ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS));
        assertThat(new KmlFormat(TestImports.properties(2, 4)).layers(new DataFile(p, "wide.kml"),
                ImportOptions.defaults()).get(0).columns()).hasSize(5);
    }

    @Test
    void dataFieldsAreTypedOverTheLayerAndHostileNamesKeptRaw() throws IOException {
        Path p = kml("data.kml", "<Document><Folder><name>f</name>"
                + "<Placemark><ExtendedData><Data name=\"n\"><value>1</value></Data>"
                + "<Data name=\"x&quot;; DROP TABLE t; --\"><value>v</value></Data></ExtendedData></Placemark>"
                + "<Placemark><name>42</name><ExtendedData><Data name=\"n\"><value>2.5</value></Data>"
                + "<Data name=\"when\"><value>2020-01-02</value></Data></ExtendedData></Placemark>"
                + "</Folder></Document>");
        TableSource t = read(p).get(0);
        assertThat(t.columns()).containsExactly(new Column("name", ColumnType.TEXT),
                new Column("description", ColumnType.TEXT), new Column("n", ColumnType.DOUBLE),
                new Column("x\"; DROP TABLE t; --", ColumnType.TEXT), new Column("when", ColumnType.DATE),
                new Column("the_geom", ColumnType.GEOMETRY));
        List<Object[]> rows = rows(t);
        assertThat(rows.get(0)[2]).isEqualTo(1.0);
        assertThat(rows.get(1)[0]).isEqualTo("42");
        assertThat(rows.get(1)[4]).isEqualTo(java.time.LocalDate.of(2020, 1, 2));
    }

    @Test
    void externalEntityIsRefusedAndNeverRead() throws IOException {
        Path p = dir.resolve("xxe.kml");
        Files.writeString(p, "<?xml version=\"1.0\"?><!DOCTYPE kml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<kml><Placemark><name>&x;</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>");
        assertThatThrownBy(() -> read(p).forEach(KmlFormatTest::rows))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILE_IO);
                    assertThat(e.getMessage()).startsWith("Malformed KML").doesNotContain("root:");
                });
    }

    @Test
    void billionLaughsIsRefused() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE kml [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Path p = dir.resolve("lol.kml");
        Files.writeString(p, "<?xml version=\"1.0\"?>" + dtd
                + "<kml><Placemark><name>&a9;</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>");
        assertThatThrownBy(() -> read(p))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_IO));
    }

    @Test
    void truncatedFileIsMalformed() throws IOException {
        StringBuilder placemarks = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            placemarks.append("<Placemark><name>p").append(i).append("</name><ExtendedData><Data name=\"n\"><value>")
                    .append(i).append("</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>")
                    .append(i).append(",0 ").append(i + 1).append(",0 ").append(i).append(",1 ").append(i)
                    .append(",0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n");
        }
        String whole = HEAD + "<Document>\n" + placemarks + "</Document></kml>";
        Path p = dir.resolve("cut.kml");
        Files.writeString(p, whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> read(p))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILE_IO);
                    assertThat(e.getMessage()).startsWith("Malformed KML").contains("line");
                });
    }

    @Test
    void emptyFilesAndFilesWithoutPlacemarksAre1005() throws IOException {
        Path empty = dir.resolve("empty.kml");
        Files.writeString(empty, "  \n");
        Path none = kml("none.kml", "<Document><name>x</name><Folder><name>f</name></Folder></Document>");
        for (Path p : List.of(empty, none)) {
            assertThatThrownBy(() -> read(p))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE));
        }
    }

    @Test
    void kmzReadsDocKmlFromTheArchiveAndNeverWritesZipSlipEntries() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("import"));
        Path kmz = sub.resolve("a.kmz");
        byte[] body = (HEAD + "<Document>"
                + "<Folder><name>a</name><Placemark><Point><coordinates>1,2</coordinates></Point></Placemark>"
                + "<Placemark><Point><coordinates>3,4</coordinates></Point></Placemark></Folder>"
                + "<Folder><name>empty</name></Folder>"
                + "<Folder><name>b</name><Placemark><Point><coordinates>5,6</coordinates></Point></Placemark></Folder>"
                + "<Folder><name>c</name><Placemark><LineString><coordinates>1,2 3,4</coordinates></LineString>"
                + "</Placemark></Folder></Document></kml>").getBytes(StandardCharsets.UTF_8);
        zip(kmz, "../../evil.kml", body, "doc.kml", body);
        List<TableSource> layers = format.layers(new DataFile(kmz, "a.kmz"), ImportOptions.defaults());
        assertThat(layers.stream().map(TableSource::name)).containsExactly("a", "b", "c");
        layers.forEach(KmlFormatTest::rows);
        assertThat(Files.exists(dir.resolve("evil.kml"))).isFalse();
        assertThat(Files.exists(dir.getParent().resolve("evil.kml"))).isFalse();
        try (var files = Files.list(sub)) {
            assertThat(files).containsExactly(kmz);
        }
        // Without doc.kml the first .kml entry is read, still from the archive.
        Path slip = sub.resolve("b.kmz");
        zip(slip, "readme.txt", "hi".getBytes(StandardCharsets.UTF_8), "../../evil.kml", body);
        assertThat(format.layers(new DataFile(slip, "b.kmz"), ImportOptions.defaults())).hasSize(3);
        assertThat(Files.exists(dir.resolve("evil.kml"))).isFalse();
    }

    @Test
    void kmzWithoutKmlIs1005() throws IOException {
        Path kmz = dir.resolve("c.kmz");
        zip(kmz, "readme.txt", "hi".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> format.layers(new DataFile(kmz, "c.kmz"), ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE));
    }

    private static void zip(Path target, Object... nameThenBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                zip.write((byte[]) nameThenBytes[i + 1]);
                zip.closeEntry();
            }
        }
    }
}
