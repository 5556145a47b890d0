package io.geoingest.formats.geojson;

import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What profiling found out about a file, all that reading its rows needs: the table's columns
 * are {@code id} (when features have ids and no property is named so), the properties in
 * first-seen order, then {@code the_geom}.
 *
 * @param columns    the table's columns
 * @param properties each property's column index
 * @param idColumn   the index of the feature-id column, or -1
 */
record GeoJsonProfile(List<Column> columns, Map<String, Integer> properties, int idColumn) {
    static final String ID = "id";
    static final String THE_GEOM = "the_geom";

    /**
     * @param properties each property's type, null when it never had a value
     * @param idType     the type of feature ids, null when no feature had one
     * @param typed      false: every column is text
     */
    static GeoJsonProfile of(Map<String, ColumnType> properties, ColumnType idType, boolean typed) {
        List<Column> columns = new ArrayList<>(properties.size() + 2);
        Map<String, Integer> index = new HashMap<>();
        boolean idColumn = idType != null && !properties.containsKey(ID);
        if (idColumn) {
            columns.add(new Column(ID, typed ? idType : ColumnType.TEXT));
        }
        properties.forEach((name, type) -> {
            index.put(name, columns.size());
            columns.add(new Column(name, typed && type != null ? type : ColumnType.TEXT));
        });
        columns.add(new Column(THE_GEOM, ColumnType.GEOMETRY));
        return new GeoJsonProfile(List.copyOf(columns), Map.copyOf(index), idColumn ? 0 : -1);
    }

    int geometryColumn() {
        return columns.size() - 1;
    }
}
