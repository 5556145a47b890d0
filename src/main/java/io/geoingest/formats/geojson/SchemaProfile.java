package io.geoingest.formats.geojson;

import io.geoingest.formats.csv.ColumnProfile;
import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import io.geoingest.rows.ColumnType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pass 1 over the whole file: the union of the property names in first-seen order, each with
 * the narrowest type of all its values, and the type of the feature ids.
 */
final class SchemaProfile {
    private final int maxColumns;
    /** A null type: no value but nulls (and blank strings) so far. */
    private final Map<String, ColumnType> properties = new LinkedHashMap<>();
    private ColumnType idType;

    SchemaProfile(int maxColumns) {
        this.maxColumns = maxColumns;
    }

    /** @throws ImportException 2004 past the maximum number of properties */
    void checkWidth(int properties) {
        if (properties > maxColumns) {
            throw new ImportException(ErrorCode.TOO_MANY_COLUMNS,
                    "too many columns: more than " + maxColumns + " properties, the maximum is " + maxColumns);
        }
    }

    /** Runs for every property of every feature: one map look-up when nothing changes. */
    void observe(String name, ColumnType type) {
        ColumnType known = properties.get(name);
        if (known == null && !properties.containsKey(name)) {
            checkWidth(properties.size() + 1);
            properties.put(name, type);
        } else if (ColumnProfile.widen(known, type) != known) {
            properties.put(name, ColumnProfile.widen(known, type));
        }
    }

    void observeId(ColumnType type) {
        idType = ColumnProfile.widen(idType, type);
    }

    GeoJsonProfile profile(boolean typed) {
        return GeoJsonProfile.of(properties, idType, typed);
    }
}
