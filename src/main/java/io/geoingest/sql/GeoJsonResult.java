package io.geoingest.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * A GeoJSON FeatureCollection, streamed: the feature's geometry is the {@code the_geom} column
 * (else the first geometry column), the other columns its properties. A failure after features
 * were sent is added as {@code "error": [message]}.
 */
final class GeoJsonResult implements ResultWriter {
    private static final String THE_GEOM = "the_geom";

    private final JsonGenerator g;
    private final BooleanSupplier sent;
    private final WKBReader wkb = new WKBReader();
    private final GeoJsonWriter geojson;
    private ResultColumns columns;
    private int geometry = -1;

    GeoJsonResult(JsonGenerator g, BooleanSupplier sent, int decimals) {
        this.g = g;
        this.sent = sent;
        this.geojson = new GeoJsonWriter(decimals);
        geojson.setEncodeCRS(false);
    }

    @Override
    public void start(ResultColumns columns) throws IOException {
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            ResultColumns.Column c = columns.get(i);
            if (c.isGeometry() && (geometry < 0 || c.name().equals(THE_GEOM) && !columns.get(geometry).name().equals(THE_GEOM))) {
                geometry = i;
            }
        }
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
    }

    @Override
    public void row(ResultSet rs) throws SQLException, IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeFieldName("geometry");
        String hex = geometry < 0 ? null : rs.getString(geometry + 1);
        if (hex == null) {
            g.writeNull();
        } else {
            g.writeRawValue(geojson.write(parse(hex)));
        }
        g.writeObjectFieldStart("properties");
        for (int i = 0; i < columns.size(); i++) {
            if (i != geometry) {
                g.writeFieldName(columns.get(i).name());
                JsonValues.write(g, rs, i + 1, columns.get(i).pgType());
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** PostGIS writes geometries as hex EWKB, which JTS reads. */
    private org.locationtech.jts.geom.Geometry parse(String hex) throws IOException {
        try {
            return wkb.read(WKBReader.hexToBytes(hex));
        } catch (ParseException | RuntimeException e) {
            throw new IOException("unreadable geometry from PostGIS: " + e.getMessage(), e);
        }
    }

    @Override
    public void end(double seconds, long totalRows, String error) throws IOException {
        g.writeEndArray();
        if (error != null) {
            g.writeArrayFieldStart("error");
            g.writeString(error);
            g.writeEndArray();
        }
        g.writeEndObject();
        g.close();
    }

    @Override
    public boolean sent() {
        return sent.getAsBoolean();
    }
}
