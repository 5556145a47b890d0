package io.geoingest.formats.geojson;

import io.geoingest.formats.csv.ColumnProfile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.ColumnType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the features read so far need: the union of the property names in first-seen order,
 * each with the narrowest type of all its values, and the type of the feature ids. Filled by
 * profiling (the sample, or the whole file), then by the load when a feature changes it.
 */
final class SchemaProfile {
    private final int maxColumns;
    private final boolean typed;
    /** A null type: no value but nulls (and blank strings) so far. */
    private final Map<String, ColumnType> properties = new LinkedHashMap<>();
    private ColumnType idType;

    /** @param typed false: every column will be text (type guessing off) */
    SchemaProfile(int maxColumns, boolean typed) {
        this.maxColumns = maxColumns;
        this.typed = typed;
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

    /** The property's type so far: null while unknown or only null. */
    ColumnType type(String name) {
        return properties.get(name);
    }

    /** Whether {@link #observe} of this value would leave the {@link #profile} as it is. */
    boolean fits(String name, ColumnType type) {
        ColumnType known = properties.get(name);
        return (known != null || properties.containsKey(name))
                && (!typed || ColumnProfile.widen(known, type) == known);
    }

    /** Whether {@link #observeId} of this id would leave the {@link #profile} as it is. */
    boolean idFits(ColumnType type) {
        if (properties.containsKey(GeoJsonProfile.ID)) {
            return true;
        }
        return typed ? ColumnProfile.widen(idType, type) == idType : idType != null || type == null;
    }

    GeoJsonProfile profile() {
        return GeoJsonProfile.of(properties, idType, typed);
    }
}
