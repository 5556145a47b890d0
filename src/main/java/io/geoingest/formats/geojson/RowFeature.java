package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.rows.ImportWarnings;
import java.io.IOException;

/**
 * Pass 2 for one feature: its row, aligned with {@link GeoJsonProfile#columns()}; properties a
 * feature lacks stay null. A geometry JTS refuses (an unclosed ring, a one-point line) becomes
 * null and is counted in the {@code invalid_geometries} warning instead of failing the import.
 */
final class RowFeature implements FeatureBuilder<RowFeature> {
    static final String INVALID_GEOMETRIES = "invalid_geometries";

    private final GeoJsonProfile profile;
    private final PropertyValues values;
    private final GeometryReader geometries;
    private final ImportWarnings warnings;
    private final Object[] row;
    private long chars;

    RowFeature(GeoJsonProfile profile, PropertyValues values, GeometryReader geometries, ImportWarnings warnings) {
        this.profile = profile;
        this.values = values;
        this.geometries = geometries;
        this.warnings = warnings;
        this.row = new Object[profile.columns().size()];
    }

    @Override
    public void property(String name, JsonParser p) throws IOException {
        set(profile.properties().getOrDefault(name, -1), p);
    }

    /** Dropped when a property is named {@code id}: the property wins. */
    @Override
    public void id(JsonParser p) throws IOException {
        set(profile.idColumn(), p);
    }

    @Override
    public void geometry(JsonParser p) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        GeometryReader.Shape shape = geometries.read(p);
        chars += p.currentLocation().getByteOffset() - start;
        if (shape == null) {
            return;
        }
        try {
            row[profile.geometryColumn()] = geometries.toGeometry(shape);
        } catch (IllegalArgumentException e) {
            warnings.count(INVALID_GEOMETRIES);
        }
    }

    @Override
    public RowFeature finish() {
        return this;
    }

    Object[] row() {
        return row;
    }

    /** Roughly the characters of the feature, to bound the memory of a batch. */
    long chars() {
        return chars;
    }

    private void set(int column, JsonParser p) throws IOException {
        if (column < 0) {
            p.skipChildren();
            return;
        }
        Object value = values.convert(p, profile.columns().get(column).type());
        row[column] = value;
        if (value instanceof String s) {
            chars += s.length();
        }
    }
}
