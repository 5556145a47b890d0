package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.ImportOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/** content_guessing: a column of country names or codes gives the rows their countries' boundaries. */
class CsvCountriesTest {
    private static final ImportOptions GUESSING = new ImportOptions(true, true, true, null);
    @TempDir
    Path dir;

    @Test
    void aColumnOfCountriesBecomesTheirBoundaries() {
        CsvFiles.Table t = CsvFiles.read(CsvFiles.write(dir, "gdp.csv", """
                place,gdp
                España,1.4
                FRA,2.8
                Deutschland,4.1
                Atlantis,0
                ,1
                """), GUESSING);
        assertThat(t.names()).containsExactly("place", "gdp", "the_geom");
        assertThat(t.value(0, "place")).isEqualTo("España");
        assertThat(((Geometry) t.value(0, "the_geom")).getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(((Geometry) t.value(1, "the_geom")).getInteriorPoint().getX()).isBetween(-5.0, 10.0);
        assertThat(t.value(3, "the_geom")).isNull();
        assertThat(t.value(4, "the_geom")).isNull();
        assertThat(t.source().warnings().asMap()).containsEntry("countries_not_found", 1L);
    }

    @Test
    void onlyWithContentGuessingAndOnlyWhenTheFileHasNoGeometry() {
        Path names = CsvFiles.write(dir, "names.csv", "country,n\nSpain,1\nFrance,2\n");
        assertThat(CsvFiles.read(names).names()).containsExactly("country", "n");

        CsvFiles.Table points = CsvFiles.read(CsvFiles.write(dir, "points.csv",
                "country,lat,lon\nSpain,40.4,-3.7\nFrance,48.8,2.3\n"), GUESSING);
        assertThat(points.value(0, "the_geom").toString()).isEqualTo("POINT (-3.7 40.4)");
    }

    @Test
    void aColumnThatOnlySometimesOrAlwaysOnceNamesACountryIsNotGeocoded() {
        // "no" is Norway's code, but a yes/no column names one country at most.
        assertThat(CsvFiles.read(CsvFiles.write(dir, "flags.csv", "open,n\nno,1\nno,2\nyes,3\n"), GUESSING).names())
                .containsExactly("open", "n");
        // Most values name no country.
        assertThat(CsvFiles.read(CsvFiles.write(dir, "cities.csv",
                "city,n\nMadrid,1\nParis,2\nChad,3\nRome,4\n"), GUESSING).names()).containsExactly("city", "n");
    }

    @Test
    void theColumnMostOfWhoseValuesNameCountriesWins() {
        CsvFiles.Table t = CsvFiles.read(CsvFiles.write(dir, "two.csv", """
                note,iso
                Spain,ES
                hello,FR
                world,DE
                """), GUESSING);
        assertThat(t.names()).containsExactly("note", "iso", "the_geom");
        assertThat(t.column("the_geom")).doesNotContainNull();
    }
}
