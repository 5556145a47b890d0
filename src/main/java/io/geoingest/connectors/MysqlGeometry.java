package io.geoingest.connectors;

import io.geoingest.rows.GeometryText;
import io.geoingest.sink.WebMercator;
import java.util.Arrays;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * MySQL's internal geometry format: a 4-byte little-endian SRID followed by WKB. (MySQL 8 keeps
 * geographic coordinates longitude first in this format, whatever the SRS axis order.) Not
 * thread-safe.
 */
final class MysqlGeometry {
    /** Spherical (Web) Mercator and its historical codes. */
    static final Set<Integer> WEB_MERCATOR = Set.of(3857, 900913, 3785, 102100, 102113);

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);
    private final WKBReader wkb = new WKBReader(factory);
    private final WKTWriter wkt = new WKTWriter();

    static int srid(byte[] value) {
        return (value[0] & 0xff) | (value[1] & 0xff) << 8 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 24;
    }

    /** The geometry in EPSG:4326 (SRID set), or null when unreadable or in an SRID we cannot project. */
    Geometry toWgs84(byte[] value) {
        Geometry g = read(value);
        if (g == null) {
            return null;
        }
        int srid = srid(value);
        if (srid == 0 || srid == GeometryText.WGS84) {
            g.setSRID(GeometryText.WGS84);
            return g;
        }
        if (WEB_MERCATOR.contains(srid)) {
            return WebMercator.unproject(g);
        }
        return null;
    }

    /** EWKT ({@code SRID=n;WKT}), or hex when unreadable. */
    String toEwkt(byte[] value) {
        Geometry g = read(value);
        if (g == null) {
            return JdbcValues.hex(value);
        }
        return "SRID=" + srid(value) + ";" + wkt.write(g);
    }

    private Geometry read(byte[] value) {
        if (value.length < 9) {
            return null;
        }
        try {
            return wkb.read(Arrays.copyOfRange(value, 4, value.length));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
