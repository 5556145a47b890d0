package io.geoingest.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/** Geometries as text, with the SRID they state: 4326 as it is, Web Mercator projected back, others refused. */
class GeometryTextTest {
    private final GeometryText text = new GeometryText();

    @Test
    void webMercatorIsProjectedBackToLongitudeAndLatitude() {
        // Madrid in EPSG:3857, as EWKT and as hex EWKB (what PostGIS and ST_AsEWKB write).
        Geometry ewkt = text.parse("SRID=3857;POINT(-412305.1 4926696.7)");
        assertThat(ewkt.getSRID()).isEqualTo(4326);
        assertThat(ewkt.getCoordinate().getX()).isCloseTo(-3.7039, within(1e-3));
        assertThat(ewkt.getCoordinate().getY()).isCloseTo(40.4168, within(1e-3));
        Geometry ewkb = text.parse("0101000020110F000066666666442A19C1CDCCCC2C3ACB5241");
        assertThat(ewkb.getSRID()).isEqualTo(4326);
        assertThat(ewkb.getCoordinate().getX()).isCloseTo(-3.7039, within(1e-3));
        assertThat(text.parse("SRID=900913;POINT(0 0)").getCoordinate().getY()).isCloseTo(0, within(1e-9));
    }

    @Test
    void anSridWithoutAProjectionHereIsNoGeometry() {
        assertThat(text.parse("SRID=2154;POINT(652000 6862000)")).isNull();
        assertThat(text.parse("SRID=4326;POINT(1 2)").getSRID()).isEqualTo(4326);
        assertThat(text.parse("POINT(1 2)").getSRID()).isEqualTo(4326);
    }
}
