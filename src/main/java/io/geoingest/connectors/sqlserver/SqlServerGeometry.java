package io.geoingest.connectors.sqlserver;

import com.microsoft.sqlserver.jdbc.Geography;
import com.microsoft.sqlserver.jdbc.SQLServerException;
import io.geoingest.connectors.GeometryReader;
import io.geoingest.connectors.JdbcValues;
import io.geoingest.connectors.SridGeometry;
import io.geoingest.rows.GeometryText;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * SQL Server's {@code geometry} and {@code geography} values in the server's own (CLR)
 * serialisation, as the driver hands them over, read with mssql-jdbc's own parser and its
 * {@code STAsBinary} (WKB, longitude first for geography too): the user's query runs unchanged,
 * no {@code .STAsBinary()} rewrite (T-SQL would refuse a wrapped query ending in ORDER BY, or
 * starting with a CTE). The two formats cannot be told apart by their bytes, hence one reader per
 * type. {@code geometry} SRIDs follow {@link SridGeometry#toWgs84()}; every {@code geography}
 * SRID is a geographic system within metres of WGS 84 and is taken as EPSG:4326. Not thread-safe.
 */
final class SqlServerGeometry implements GeometryReader {
    private final boolean geography;
    private final WKBReader wkb = new WKBReader(new GeometryFactory(new PrecisionModel(), GeometryText.WGS84));
    private final WKTWriter wkt = new WKTWriter();

    private SqlServerGeometry(boolean geography) {
        this.geography = geography;
    }

    static SqlServerGeometry geometry() {
        return new SqlServerGeometry(false);
    }

    static SqlServerGeometry geography() {
        return new SqlServerGeometry(true);
    }

    @Override
    public Geometry geometry(byte[] value) {
        SridGeometry g = read(value);
        if (g == null) {
            return null;
        }
        if (geography) {
            g.geometry().setSRID(GeometryText.WGS84);
            return g.geometry();
        }
        return g.toWgs84();
    }

    /** EWKT with the value's own SRID, or hex when unreadable. */
    @Override
    public String text(ResultSet rs, int index) throws SQLException {
        byte[] b = rs.getBytes(index);
        if (b == null) {
            return null;
        }
        SridGeometry g = read(b);
        return g == null ? JdbcValues.hex(b) : g.toEwkt(wkt);
    }

    private SridGeometry read(byte[] value) {
        try {
            if (geography) {
                Geography g = Geography.deserialize(value);
                return new SridGeometry(wkb.read(g.STAsBinary()), g.getSrid());
            }
            com.microsoft.sqlserver.jdbc.Geometry g = com.microsoft.sqlserver.jdbc.Geometry.deserialize(value);
            return new SridGeometry(wkb.read(g.STAsBinary()), g.getSrid());
        } catch (SQLServerException | ParseException | RuntimeException e) {
            return null;
        }
    }
}
