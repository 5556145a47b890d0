package io.geoingest.formats.features;

import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What pass 1 learns about one layer: its fields in first-seen order, their types, its size. */
final class LayerProfile {
    static final String GEOMETRY_COLUMN = "the_geom";

    private final boolean inferTypes;
    /** Null type until the field's first non-blank value. */
    private final Map<String, ColumnType> fields = new LinkedHashMap<>();
    private long features;

    private final Set<String> textFields;

    LayerProfile(boolean inferTypes, Set<String> textFields) {
        this.inferTypes = inferTypes;
        this.textFields = textFields;
    }

    void observe(Feature feature) {
        features++;
        feature.fields().forEach((name, value) -> {
            ColumnType type = fields.get(name);
            String v = value == null ? "" : value.strip();
            if (!inferTypes || v.isEmpty() || type == ColumnType.TEXT || textFields.contains(name)) {
                fields.putIfAbsent(name, type);
            } else {
                fields.put(name, ValueTypes.widen(type, ValueTypes.classify(v)));
            }
        });
    }

    long features() {
        return features;
    }

    /** The fields (TEXT when never typed), then {@value #GEOMETRY_COLUMN}. */
    List<Column> columns() {
        List<Column> columns = new ArrayList<>(fields.size() + 1);
        fields.forEach((name, type) -> columns.add(new Column(name, type == null ? ColumnType.TEXT : type)));
        columns.add(new Column(GEOMETRY_COLUMN, ColumnType.GEOMETRY));
        return columns;
    }
}
