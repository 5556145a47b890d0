package io.geoingest.formats.gdal;

import static io.geoingest.formats.gdal.GdalFiles.assertFails;
import static io.geoingest.formats.gdal.GdalFiles.format;
import static io.geoingest.formats.gdal.GdalFiles.readOne;
import static io.geoingest.formats.gdal.GdalFiles.shapefile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.gdal.GdalFiles.Table;
import io.geoingest.kernel.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

/** Shapefiles made in the test with ogr2ogr: projections, missing parts, hostile names, errors. */
class GdalShapefileTest {
    /** (10, 10) and (-20, 30) in EPSG:3857. */
    private static final String MERCATOR_POINTS = "id,name,WKT\n"
            + "1,ten,POINT (1113194.90793274 1118889.97485796)\n"
            + "2,other,POINT (-2226389.81586547 3503549.84350438)\n";
    /** A Transverse Mercator whose authority code, EPSG:999999, no EPSG database holds. */
    static final String UNKNOWN_SRID_PRJ = "PROJCS[\"x\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\","
            + "SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
            + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",3],"
            + "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],"
            + "UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"999999\"]]";
    private static final String LONLAT_POINTS = "id,name,WKT\n1,ten,POINT (10 10)\n2,other,POINT (-20 30)\n";
    private static final String THREE_POINTS = "id,name,WKT\n1,a,POINT (1 1)\n2,b,POINT (2 2)\n3,c,POINT (3 3)\n";

    @TempDir
    Path dir;

    @Test
    void webMercatorIsReprojectedTo4326() throws IOException {
        Path shp = shapefile(dir, "mercator", MERCATOR_POINTS, "EPSG:3857");

        Table t = readOne(new DataFile(shp, "mercator.shp"));

        assertThat(t.name()).isEqualTo("mercator");
        assertPoints(t);
        assertThat(t.value(1, "name")).isEqualTo("other");
    }

    @Test
    void missingPrjFails3101EvenWhenTheCoordinatesLookLikeLonLat() throws IOException {
        // CARTO's rule: no guessing 4326 from the coordinates.
        Path shp = shapefile(dir, "noprj", LONLAT_POINTS, "EPSG:4326");
        Files.delete(dir.resolve("noprj.prj"));

        assertFails(format(), new DataFile(shp, "noprj.shp"), ErrorCode.MISSING_PRJ)
                .hasMessageContaining("CARTO requires a PRJ file for every Shapefile archive");
    }

    @Test
    void prjWithAnSridNobodyKnowsFails3008() throws IOException {
        Path shp = shapefile(dir, "unknown", LONLAT_POINTS, "EPSG:4326");
        Files.writeString(dir.resolve("unknown.prj"), UNKNOWN_SRID_PRJ);

        assertFails(format(), new DataFile(shp, "unknown.shp"), ErrorCode.UNKNOWN_SRID)
                .hasMessageContaining("unknown.shp")
                .hasMessageNotContaining(dir.toAbsolutePath().toString());
    }

    @Test
    void prjThatCannotBeReprojectedFails3008() throws IOException {
        Path shp = shapefile(dir, "local", LONLAT_POINTS, "EPSG:4326");
        Files.writeString(dir.resolve("local.prj"), "LOCAL_CS[\"Nowhere\",UNIT[\"Meter\",1.0]]");

        assertFails(format(), new DataFile(shp, "local.shp"), ErrorCode.UNKNOWN_SRID);
    }

    @Test
    void prjGdalCannotReadFails3008() throws IOException {
        Path shp = shapefile(dir, "unreadable", LONLAT_POINTS, "EPSG:4326");
        Files.writeString(dir.resolve("unreadable.prj"), "this is no projection");

        assertFails(format(), new DataFile(shp, "unreadable.shp"), ErrorCode.UNKNOWN_SRID);
    }

    @Test
    void missingPrjWithProjectedCoordinatesFails3101() throws IOException {
        Path shp = shapefile(dir, "projected", MERCATOR_POINTS, "EPSG:3857");
        Files.delete(dir.resolve("projected.prj"));

        assertFails(format(), new DataFile(shp, "projected.shp"), ErrorCode.MISSING_PRJ)
                .hasMessageContaining("projected.shp").hasMessageContaining(".prj");
    }

    @Test
    void missingDbfFails1006() throws IOException {
        Path shp = shapefile(dir, "nodbf", LONLAT_POINTS, "EPSG:4326");
        Files.delete(dir.resolve("nodbf.dbf"));

        assertFails(format(), new DataFile(shp, "nodbf.shp"), ErrorCode.INVALID_SHP).hasMessageContaining(".dbf");
    }

    @Test
    void missingShxFails1006() throws IOException {
        Path shp = shapefile(dir, "noshx", LONLAT_POINTS, "EPSG:4326");
        Files.delete(dir.resolve("noshx.shx"));

        assertFails(format(), new DataFile(shp, "noshx.shp"), ErrorCode.INVALID_SHP).hasMessageContaining(".shx");
    }

    @Test
    void garbageShpFails1006WithoutServerPaths() throws IOException {
        Path shp = shapefile(dir, "garbage", LONLAT_POINTS, "EPSG:4326");
        Files.write(shp, "this is not a shapefile at all, just some text long enough for a header ".repeat(4)
                .getBytes(StandardCharsets.US_ASCII));

        assertFails(format(), new DataFile(shp, "garbage.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("garbage.shp")
                .hasMessageNotContaining(dir.toAbsolutePath().toString());
    }

    @Test
    void truncatedShpFails1006WithGdalsMessageAndNoServerPaths() throws IOException {
        // ogr2ogr exits with 0 here, reporting an error per lost feature.
        Path shp = shapefile(dir, "truncated", LONLAT_POINTS, "EPSG:4326");
        byte[] whole = Files.readAllBytes(shp);
        Files.write(shp, java.util.Arrays.copyOf(whole, whole.length - 10));

        assertFails(format(), new DataFile(shp, "truncated.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("ERROR")
                .hasMessageNotContaining(dir.toAbsolutePath().toString());
    }

    @Test
    void dbfWithFewerRecordsThanTheShpFails1006() throws IOException {
        // GDAL reads as many features as the shorter part holds: the third point would be lost.
        Path shp = shapefile(dir, "fewer", THREE_POINTS, "EPSG:4326");
        ShapefileBytes.keepDbfRecords(dir.resolve("fewer.dbf"), 2);

        assertFails(format(), new DataFile(shp, "fewer.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("fewer.shp holds 3 records").hasMessageContaining("fewer.dbf holds 2");
    }

    @Test
    void dbfWithMoreRecordsThanTheShpFails1006() throws IOException {
        Path shp = shapefile(dir, "more", THREE_POINTS, "EPSG:4326");
        ShapefileBytes.duplicateLastDbfRecord(dir.resolve("more.dbf"));

        assertFails(format(), new DataFile(shp, "more.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("more.shp holds 3 records").hasMessageContaining("more.dbf holds 4");
    }

    @Test
    void dbfHeaderCountingFewerRecordsThanItHoldsFails1006() throws IOException {
        Path shp = shapefile(dir, "header", THREE_POINTS, "EPSG:4326");
        ShapefileBytes.setDbfRecordCount(dir.resolve("header.dbf"), 2);

        assertFails(format(), new DataFile(shp, "header.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("header.dbf").hasMessageContaining("says it holds 2 records but holds 3");
    }

    @Test
    void dbfCutShortFails1006() throws IOException {
        Path shp = shapefile(dir, "cut", THREE_POINTS, "EPSG:4326");
        Path dbf = dir.resolve("cut.dbf");
        byte[] whole = Files.readAllBytes(dbf);
        Files.write(dbf, java.util.Arrays.copyOf(whole, whole.length - 100));

        assertFails(format(), new DataFile(shp, "cut.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("cut.dbf").hasMessageContaining("says it holds 3 records but holds 2");
    }

    @Test
    void shxIndexingFewerRecordsThanTheShpFails1006() throws IOException {
        Path shp = shapefile(dir, "short", THREE_POINTS, "EPSG:4326");
        ShapefileBytes.keepShxRecords(dir.resolve("short.shx"), 2);

        assertFails(format(), new DataFile(shp, "short.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("short.shp holds 3 records").hasMessageContaining("short.shx indexes 2");
    }

    @Test
    void shxPointingPastTheEndOfTheShpFails1006() throws IOException {
        Path shp = shapefile(dir, "past", THREE_POINTS, "EPSG:4326");
        ShapefileBytes.setShxOffset(dir.resolve("past.shx"), 2, 10_000);

        assertFails(format(), new DataFile(shp, "past.shp"), ErrorCode.INVALID_SHP)
                .hasMessageContaining("past.shx").hasMessageContaining("record 3")
                .hasMessageNotContaining(dir.toAbsolutePath().toString());
    }

    @Test
    void partsThatAgreeImportEveryRecord() throws IOException {
        Path shp = shapefile(dir, "agree", THREE_POINTS, "EPSG:4326");

        assertThat(readOne(new DataFile(shp, "agree.shp")).rows()).hasSize(3);
    }

    @Test
    void garbageShpWithoutPrjFails1006() throws IOException {
        Path shp = shapefile(dir, "garbage", LONLAT_POINTS, "EPSG:4326");
        Files.delete(dir.resolve("garbage.prj"));
        Files.write(shp, new byte[300]);

        assertFails(format(), new DataFile(shp, "garbage.shp"), ErrorCode.INVALID_SHP);
    }

    @Test
    void nameStartingWithDashIsNotAnOption() throws IOException {
        // "-where" would be an ogr2ogr option if the name reached it bare.
        Path made = shapefile(dir, "plain", LONLAT_POINTS, "EPSG:4326");
        for (String ext : new String[] {"shp", "shx", "dbf", "prj"}) {
            Files.move(dir.resolve("plain." + ext), dir.resolve("-where." + ext));
        }

        Table t = readOne(new DataFile(dir.resolve("-where.shp"), "-where.shp"));

        assertThat(made).doesNotExist();
        assertThat(t.name()).isEqualTo("-where");
        assertPoints(t);
    }

    @Test
    void cpgNamesTheCodePage() throws IOException {
        Path shp = shapefile(dir, "greek", "id,name,WKT\n1,Αθήνα,POINT (23.72 37.98)\n", "EPSG:4326",
                "-lco", "ENCODING=ISO-8859-7");
        // As in the corpus greek.zip: the code page named "greek".
        Files.writeString(dir.resolve("greek.cpg"), "greek");
        assertThat(new String(Files.readAllBytes(dir.resolve("greek.dbf")), StandardCharsets.ISO_8859_1))
                .as("the DBF holds ISO-8859-7 bytes, not UTF-8").doesNotContain("Αθήνα");

        Table t = readOne(new DataFile(shp, "greek.shp"));

        assertThat(t.value(0, "name")).isEqualTo("Αθήνα");
    }

    @Test
    void missingOgr2ogrFails1002WithInstallHint() throws IOException {
        Path shp = shapefile(dir, "points", LONLAT_POINTS, "EPSG:4326");

        assertFails(format(dir.resolve("no-such-ogr2ogr").toString()), new DataFile(shp, "points.shp"),
                ErrorCode.UNSUPPORTED_FILE).hasMessageContaining("apt-get install gdal-bin");
    }

    @Test
    void emptyShapefileFails1005() throws IOException {
        Path shp = shapefile(dir, "empty", "id,name,WKT\n", "EPSG:4326", "-nlt", "POINT");

        assertFails(format(), new DataFile(shp, "empty.shp"), ErrorCode.EMPTY_FILE);
    }

    private static void assertPoints(Table t) {
        assertThat(t.rows()).hasSize(2);
        Point ten = (Point) t.geometry(0);
        assertThat(ten.getSRID()).isEqualTo(4326);
        assertThat(ten.getX()).isCloseTo(10, offset(1e-6));
        assertThat(ten.getY()).isCloseTo(10, offset(1e-6));
        Point other = (Point) t.geometry(1);
        assertThat(other.getX()).isCloseTo(-20, offset(1e-6));
        assertThat(other.getY()).isCloseTo(30, offset(1e-6));
    }
}
