package io.geoingest.connectors.mysql;

import io.geoingest.connectors.JdbcValues;
import io.geoingest.connectors.SridGeometry;
import io.geoingest.rows.GeometryText;
import java.util.Arrays;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * MySQL's internal geometry format: a 4-byte little-endian SRID followed by WKB. (MySQL 8 keeps
 * geographic coordinates longitude first in this format, whatever the SRS axis order.) SRIDs
 * follow {@link SridGeometry#toWgs84()}. Not thread-safe.
 */
final class MysqlGeometry {
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);
    private final WKBReader wkb = new WKBReader(factory);
    private final WKTWriter wkt = new WKTWriter();

    static int srid(byte[] value) {
        return (value[0] & 0xff) | (value[1] & 0xff) << 8 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 24;
    }

    /** The geometry in EPSG:4326 (SRID set), or null when unreadable or in an SRID we cannot project. */
    Geometry toWgs84(byte[] value) {
        SridGeometry g = read(value);
        return g == null ? null : g.toWgs84();
    }

    /** EWKT ({@code SRID=n;WKT}), or hex when unreadable. */
    String toEwkt(byte[] value) {
        SridGeometry g = read(value);
        return g == null ? JdbcValues.hex(value) : g.toEwkt(wkt);
    }

    private SridGeometry read(byte[] value) {
        if (value.length < 9) {
            return null;
        }
        try {
            return new SridGeometry(wkb.read(Arrays.copyOfRange(value, 4, value.length)), srid(value));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
