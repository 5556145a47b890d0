package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.formats.csv.ColumnProfile;
import io.geoingest.rows.ColumnType;
import io.geoingest.kernel.ImportWarnings;
import java.io.IOException;

/**
 * One feature's row, aligned with {@link GeoJsonProfile#columns()}; properties a feature lacks
 * stay null. A geometry JTS refuses (an unclosed ring, a one-point line) becomes null and is
 * counted in the {@code invalid_geometries} warning instead of failing the import. A value a
 * column cannot hold, which only the members of an object that turns out not to be a feature
 * can have, is skipped.
 *
 * <p>When the profile was guessed from a sample, each value is also checked against the
 * schema the guess came from. From the first value that would change that schema on, what the
 * feature holds goes into it as profiling would have put it there (what came before would
 * change nothing), and the feature {@link #changedSchema()}: the schema may then give other
 * columns than the guess, and a value the guessed columns cannot hold is skipped.
 */
final class RowFeature implements FeatureBuilder<RowFeature> {
    static final String INVALID_GEOMETRIES = "invalid_geometries";

    private final GeoJsonProfile profile;
    private final PropertyValues values;
    private final GeometryReader geometries;
    private final ImportWarnings warnings;
    private final SchemaProfile guessedFrom;
    private final Object[] row;
    private ProfilingFeature schemaChange;
    private int properties;
    private long chars;

    /** A row of a file whose profile is known. */
    RowFeature(GeoJsonProfile profile, PropertyValues values, GeometryReader geometries, ImportWarnings warnings) {
        this(profile, values, geometries, warnings, null);
    }

    /** @param guessedFrom the schema {@code profile} was made from, or null when the profile is known */
    RowFeature(GeoJsonProfile profile, PropertyValues values, GeometryReader geometries, ImportWarnings warnings,
               SchemaProfile guessedFrom) {
        this.profile = profile;
        this.values = values;
        this.geometries = geometries;
        this.warnings = warnings;
        this.guessedFrom = guessedFrom;
        this.row = new Object[profile.columns().size()];
    }

    @Override
    public void property(String name, JsonParser p) throws IOException {
        Integer column = profile.properties().get(name);
        if (guessedFrom == null) {
            if (column != null && (isText(column) || holds(column, values.type(p)))) {
                set(column, p);
            } else {
                values.skip(p);
            }
            return;
        }
        guessedFrom.checkWidth(++properties);
        // A text column holds any value: which type it is does not matter.
        ColumnType type = guessedFrom.type(name) == ColumnType.TEXT ? ColumnType.TEXT : values.type(p);
        if (schemaChange == null && guessedFrom.fits(name, type)) {
            set(column, p);
            return;
        }
        schemaChange().record(name, type);
        if (column != null && holds(column, type)) {
            set(column, p);
        } else {
            values.skip(p);
        }
    }

    /** Dropped when a property is named {@code id}: the property wins. */
    @Override
    public void id(JsonParser p) throws IOException {
        int column = profile.idColumn();
        ColumnType type = values.type(p);
        if (guessedFrom != null && (schemaChange != null || !guessedFrom.idFits(type))) {
            schemaChange().recordId(type);
        }
        if (column >= 0 && holds(column, type)) {
            set(column, p);
        }
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
        if (schemaChange != null) {
            schemaChange.finish();
        }
        return this;
    }

    /**
     * Whether the feature changed the schema the profile was guessed from: if the schema's
     * profile is no longer the guessed one, the row is not whole.
     */
    boolean changedSchema() {
        return schemaChange != null;
    }

    private ProfilingFeature schemaChange() {
        if (schemaChange == null) {
            schemaChange = new ProfilingFeature(guessedFrom, values, geometries);
        }
        return schemaChange;
    }

    private boolean isText(int column) {
        return profile.columns().get(column).type() == ColumnType.TEXT;
    }

    private boolean holds(int column, ColumnType valueType) {
        ColumnType type = profile.columns().get(column).type();
        return type == ColumnType.TEXT || ColumnProfile.widen(type, valueType) == type;
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
            return;
        }
        Object value = values.convert(p, profile.columns().get(column).type());
        row[column] = value;
        if (value instanceof String s) {
            chars += s.length();
        }
    }
}
