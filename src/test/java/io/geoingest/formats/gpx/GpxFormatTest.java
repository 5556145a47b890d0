package io.geoingest.formats.gpx;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

class GpxFormatTest {
    private static final String HEAD = "<?xml version=\"1.0\"?><gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">";

    @TempDir
    Path dir;

    private final GpxFormat format = new GpxFormat(
            TestImports.properties(100, 256));

    private static List<Object[]> rows(TableSource source) {
        List<Object[]> rows = new ArrayList<>();
        try (source) {
            for (Iterator<RowBatch> it = source.batches(); it.hasNext(); ) {
                rows.addAll(it.next().rows());
            }
        }
        return rows;
    }

    private static int col(TableSource s, String name) {
        return s.columns().stream().map(Column::name).toList().indexOf(name);
    }

    private List<TableSource> read(Path file) {
        return format.layers(new DataFile(file, file.getFileName().toString()), ImportOptions.defaults());
    }

    private Path gpx(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, HEAD + body + "</gpx>");
        return p;
    }

    @NeedsCorpus
    @Test
    void route2IsOneTrackAnd822TrackPoints() {
        List<TableSource> layers = read(TestDatabases.corpus("route2.gpx"));
        assertThat(layers.stream().map(TableSource::name)).containsExactly("route2_tracks", "route2_track_points");
        TableSource tracks = layers.get(0);
        List<Object[]> trackRows = rows(tracks);
        assertThat(trackRows).hasSize(1);
        assertThat(trackRows.get(0)[col(tracks, "type")]).isEqualTo("CYCLING_SPORT");
        Geometry line = (Geometry) trackRows.get(0)[col(tracks, "the_geom")];
        assertThat(line.getGeometryType()).isEqualTo("MultiLineString");
        assertThat(line.getNumPoints()).isEqualTo(822);

        TableSource points = layers.get(1);
        assertThat(points.columns()).startsWith(new Column("track_fid", ColumnType.INTEGER),
                new Column("track_seg_id", ColumnType.INTEGER), new Column("track_seg_point_id", ColumnType.INTEGER));
        assertThat(points.columns()).contains(new Column("ele", ColumnType.DOUBLE),
                new Column("time", ColumnType.TIMESTAMPTZ));
        List<Object[]> pointRows = rows(points);
        assertThat(pointRows).hasSize(822);
        Object[] first = pointRows.get(0);
        assertThat(first[col(points, "track_seg_point_id")]).isEqualTo(0);
        assertThat(first[col(points, "ele")]).isNull();
        assertThat(first[col(points, "time")]).isEqualTo(OffsetDateTime.of(2011, 10, 8, 7, 46, 11, 0, ZoneOffset.UTC));
        Geometry p = (Geometry) first[col(points, "the_geom")];
        assertThat(p.getCoordinate().x).isEqualTo(-4.836731);
        assertThat(p.getCoordinate().y).isEqualTo(41.701618);
        assertThat(p.getSRID()).isEqualTo(4326);
        assertThat(pointRows.get(821)[col(points, "track_seg_point_id")]).isEqualTo(821);
    }

    @Test
    void onlyWaypointsIsOneTable() throws IOException {
        Path p = gpx("w.gpx", "<wpt lat=\"1.5\" lon=\"2.5\"><ele>3</ele><name>007</name><sym>Flag</sym>"
                + "<link href=\"http://x\"><text>x</text></link><extensions><a>1</a></extensions></wpt>"
                + "<wpt lat=\"bad\" lon=\"2\"><name>b</name></wpt>");
        List<TableSource> layers = read(p);
        assertThat(layers).hasSize(1);
        TableSource w = layers.get(0);
        assertThat(w.name()).isEqualTo("w_waypoints");
        assertThat(w.columns().stream().map(Column::name))
                .containsExactly("ele", "name", "sym", "link1_href", "link1_text", "the_geom");
        List<Object[]> rows = rows(w);
        assertThat(rows.get(0)[0]).isEqualTo(3);
        assertThat(rows.get(0)[1]).isEqualTo("007");
        assertThat(((Geometry) rows.get(0)[5]).getCoordinate().x).isEqualTo(2.5);
        assertThat(rows.get(1)[5]).isNull();
        assertThat(w.warnings().asMap()).containsEntry("invalid_geometries", 1L);
    }

    @Test
    void routesAreLinesWithTheirPoints() throws IOException {
        Path p = gpx("r.gpx", "<rte><name>r</name><rtept lat=\"0\" lon=\"0\"/><rtept lat=\"1\" lon=\"1\"/></rte>"
                + "<trk><trkseg><trkpt lat=\"0\" lon=\"0\"/><trkpt lat=\"1\" lon=\"2\"/></trkseg>"
                + "<trkseg><trkpt lat=\"5\" lon=\"5\"/><trkpt lat=\"6\" lon=\"6\"/></trkseg></trk>");
        List<TableSource> layers = read(p);
        assertThat(layers.stream().map(TableSource::name))
                .containsExactly("r_routes", "r_tracks", "r_route_points", "r_track_points");
        TableSource routes = layers.get(0);
        Geometry route = (Geometry) rows(routes).get(0)[col(routes, "the_geom")];
        assertThat(route.getGeometryType()).isEqualTo("LineString");
        TableSource tracks = layers.get(1);
        Geometry track = (Geometry) rows(tracks).get(0)[col(tracks, "the_geom")];
        assertThat(track.getNumGeometries()).isEqualTo(2);
        TableSource trackPoints = layers.get(3);
        List<Object[]> tp = rows(trackPoints);
        assertThat(tp).hasSize(4);
        assertThat(tp.get(3)[col(trackPoints, "track_seg_id")]).isEqualTo(1);
        assertThat(tp.get(3)[col(trackPoints, "track_seg_point_id")]).isEqualTo(1);
    }

    @Test
    void noContentIs1005() throws IOException {
        Path empty = dir.resolve("e.gpx");
        Files.writeString(empty, "");
        Path metadataOnly = gpx("m.gpx", "<metadata><name>x</name></metadata>");
        for (Path p : List.of(empty, metadataOnly)) {
            assertThatThrownBy(() -> read(p))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE));
        }
    }

    @Test
    void externalEntityAndTruncationAreRefused() throws IOException {
        Path xxe = dir.resolve("x.gpx");
        Files.writeString(xxe, "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<gpx><wpt lat=\"1\" lon=\"2\"><name>&x;</name></wpt></gpx>");
        Path cut = dir.resolve("cut.gpx");
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            points.append("<trkpt lat=\"50.").append(100000 + i).append("\" lon=\"10.").append(200000 + i)
                    .append("\"><ele>").append(200 + i % 7).append("</ele><time>2020-05-01T09:").append(10 + i / 60)
                    .append(':').append(10 + i % 50).append("Z</time></trkpt>\n");
        }
        String whole = HEAD + "<trk><name>walk</name><trkseg>\n" + points
                + "</trkseg></trk></gpx>";
        Files.writeString(cut, whole.substring(0, whole.length() / 3));
        for (Path p : List.of(xxe, cut)) {
            assertThatThrownBy(() -> read(p).forEach(GpxFormatTest::rows))
                    .isInstanceOfSatisfying(ImportException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FILE_IO);
                        assertThat(e.getMessage()).startsWith("Malformed GPX").doesNotContain("root:");
                    });
        }
    }
}
