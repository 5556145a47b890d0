package io.geoingest.connectors;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.locationtech.jts.geom.Geometry;

/**
 * How one dialect delivers geometry columns. One instance per source: the JTS readers it holds
 * are not thread-safe.
 */
public interface GeometryReader {

    /** The chosen geometry column's value as a geometry with SRID 4326, or null when it cannot be read. */
    Geometry geometry(byte[] value);

    /** Another geometry column's value, kept as text (EWKT, else hex), or null. */
    String text(ResultSet rs, int index) throws SQLException;
}
