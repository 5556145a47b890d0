package io.geoingest.connectors;

import io.geoingest.rows.GeometryText;
import io.geoingest.sink.WebMercator;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;

/**
 * A geometry read from a database's own format with the SRID stored beside its coordinates
 * (MySQL and SQL Server geometry columns), for the rules both share.
 */
record SridGeometry(Geometry geometry, int srid) {
    /** Spherical (Web) Mercator and its historical codes. */
    static final Set<Integer> WEB_MERCATOR = Set.of(3857, 900913, 3785, 102100, 102113);

    /**
     * The geometry in EPSG:4326 (SRID set): SRID 0 (unknown) and 4326 are taken as
     * longitude/latitude, Web Mercator is projected back; null for any other SRID, which would
     * need a projection library.
     */
    Geometry toWgs84() {
        if (srid == 0 || srid == GeometryText.WGS84) {
            geometry.setSRID(GeometryText.WGS84);
            return geometry;
        }
        return WEB_MERCATOR.contains(srid) ? WebMercator.unproject(geometry) : null;
    }

    /** EWKT: {@code SRID=n;WKT}. */
    String toEwkt(WKTWriter writer) {
        return "SRID=" + srid + ";" + writer.write(geometry);
    }
}
