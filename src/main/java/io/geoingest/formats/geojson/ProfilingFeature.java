package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.rows.ColumnType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Profiles one feature: types its values and checks its geometry, and only on
 * {@link #finish()} adds what it saw to the file's {@link SchemaProfile}, so that the members
 * of an object that turns out not to be a feature leave no column behind. A {@link RowFeature}
 * checking a guessed profile records its values' types through one of these.
 */
final class ProfilingFeature implements FeatureBuilder<ProfilingFeature> {
    private final SchemaProfile schema;
    private final PropertyValues values;
    private final GeometryReader geometries;
    private final List<String> names = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private ColumnType idType;

    ProfilingFeature(SchemaProfile schema, PropertyValues values, GeometryReader geometries) {
        this.schema = schema;
        this.values = values;
        this.geometries = geometries;
    }

    @Override
    public void property(String name, JsonParser p) throws IOException {
        record(name, values.type(p));
        values.skip(p);
    }

    @Override
    public void id(JsonParser p) throws IOException {
        recordId(values.type(p));
    }

    /** A property's value of type {@code type} (null for a null or blank value). */
    void record(String name, ColumnType type) {
        schema.checkWidth(names.size() + 1);
        names.add(name);
        types.add(type);
    }

    void recordId(ColumnType type) {
        idType = type;
    }

    @Override
    public void geometry(JsonParser p) throws IOException {
        geometries.check(p);
    }

    @Override
    public ProfilingFeature finish() {
        for (int i = 0; i < names.size(); i++) {
            schema.observe(names.get(i), types.get(i));
        }
        if (idType != null) {
            schema.observeId(idType);
        }
        return this;
    }
}
