package io.geoingest.geocoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Names in any language and case, accents or not, and ISO codes find a country's boundary. */
class CountryBoundariesTest {
    private final CountryBoundaries countries = new CountryBoundaries();

    @Test
    void namesOfEveryLanguageAndTheCodesFindTheCountry() {
        for (String spain : new String[] {"Spain", "spain", "  SPAIN ", "España", "Espana", "Espagne", "Spanien",
                "スペイン", "Испания", "ES", "es", "ESP", "724"}) {
            assertThat(countries.country(spain)).as(spain).contains("ES");
        }
        assertThat(countries.country("USA")).contains("US");
        assertThat(countries.country("United States of America")).contains("US");
        assertThat(countries.country("Holland")).contains("NL");
        assertThat(countries.country("Côte d'Ivoire")).contains("CI");
        assertThat(countries.country("cote d ivoire")).contains("CI");
        assertThat(countries.country("Ivory Coast")).contains("CI");
        assertThat(countries.country("Deutschland")).contains("DE");
    }

    @Test
    void otherValuesFindNothing() {
        for (String value : new String[] {"Atlantis", "", "   ", "123", "7240", "Madrid", "'; DROP TABLE x; --"}) {
            assertThat(countries.country(value)).as(value).isEmpty();
        }
        assertThat(countries.country(null)).isEmpty();
    }

    @Test
    void theBoundaryHoldsTheCountry() {
        GeometryFactory f = new GeometryFactory();
        Geometry spain = countries.boundary("ES");
        assertThat(spain.getSRID()).isEqualTo(4326);
        assertThat(spain.getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(spain.contains(f.createPoint(new Coordinate(-3.7038, 40.4168)))).as("Madrid").isTrue();
        assertThat(spain.contains(f.createPoint(new Coordinate(2.3522, 48.8566)))).as("Paris").isFalse();
        assertThat(countries.boundary("FR").contains(f.createPoint(new Coordinate(2.3522, 48.8566)))).isTrue();
    }
}
