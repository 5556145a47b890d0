package io.geoingest.rows;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads a geometry written as text the way CSV files and databases carry it: hex WKB/EWKB,
 * WKT/EWKT, or GeoJSON. Not thread-safe (the JTS readers keep state): one per reader thread.
 */
public final class GeometryText {
    public static final int WGS84 = 4326;

    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), WGS84);
    private final WKBReader wkb = new WKBReader(factory);
    private final WKTReader wkt = new WKTReader(factory);
    private final GeoJsonReader geojson = new GeoJsonReader(factory);

    /** The geometry in EPSG:4326, or null when the text is empty, not a geometry, or in an SRID {@link #toWgs84} cannot take. */
    public Geometry parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            Geometry g;
            if (s.charAt(0) == '{') {
                g = geojson.read(s);
            } else if (looksLikeHexWkb(s)) {
                g = wkb.read(WKBReader.hexToBytes(s));
            } else {
                g = readWkt(s);
            }
            return accept(g);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** A geometry from binary WKB/EWKB (MySQL and PostGIS columns), or null if unreadable. */
    public Geometry parse(byte[] wkbBytes) {
        try {
            return accept(wkb.read(wkbBytes));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private Geometry readWkt(String s) throws ParseException {
        int srid = WGS84;
        if (s.regionMatches(true, 0, "SRID=", 0, 5)) {
            int semi = s.indexOf(';');
            if (semi < 0) {
                throw new ParseException("EWKT without ';'");
            }
            srid = Integer.parseInt(s.substring(5, semi).trim());
            s = s.substring(semi + 1);
        }
        Geometry g = wkt.read(s);
        g.setSRID(srid);
        return g;
    }

    private static Geometry accept(Geometry g) {
        return g == null ? null : toWgs84(g, g.getSRID());
    }

    /**
     * A geometry with the SRID its source states, in EPSG:4326 (SRID set): 0 (not stated) and
     * 4326 are taken as longitude/latitude, Web Mercator is projected back; null for any other
     * SRID, which would need a projection library (counted by the readers as invalid).
     */
    public static Geometry toWgs84(Geometry g, int srid) {
        if (srid == 0 || srid == WGS84) {
            g.setSRID(WGS84);
            return g;
        }
        return WebMercator.SRIDS.contains(srid) ? WebMercator.unproject(g) : null;
    }

    private static boolean looksLikeHexWkb(String s) {
        if (s.length() < 10 || (s.length() & 1) == 1 || !(s.startsWith("00") || s.startsWith("01"))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
