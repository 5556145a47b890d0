package io.geoingest.connectors;

import io.geoingest.rows.GeometryText;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;

/**
 * A geometry read from a database's own format with the SRID stored beside its coordinates
 * (MySQL and SQL Server geometry columns), for the rules both share.
 */
public record SridGeometry(Geometry geometry, int srid) {
    /** The geometry in EPSG:4326, by {@link GeometryText#toWgs84}'s rules. */
    public Geometry toWgs84() {
        return GeometryText.toWgs84(geometry, srid);
    }

    /** EWKT: {@code SRID=n;WKT}. */
    public String toEwkt(WKTWriter writer) {
        return "SRID=" + srid + ";" + writer.write(geometry);
    }
}
