package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.rows.ColumnType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 1 for one feature: types its values and checks its geometry, and only on
 * {@link #finish()} adds what it saw to the file's {@link SchemaProfile}, so that the members
 * of an object that turns out not to be a feature leave no column behind.
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
        schema.checkWidth(names.size() + 1);
        names.add(name);
        types.add(values.type(p));
    }

    @Override
    public void id(JsonParser p) throws IOException {
        idType = values.type(p);
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
