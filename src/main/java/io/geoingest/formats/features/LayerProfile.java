package io.geoingest.formats.features;

import io.geoingest.formats.csv.CellScanner;
import io.geoingest.formats.csv.ColumnProfile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What pass 1 learns about one layer: its fields in first-seen order, their types, its size.
 * Values are typed and types widened by the CSV reader's rules ({@link CellScanner},
 * {@link ColumnProfile#widen}).
 */
final class LayerProfile {
    static final String GEOMETRY_COLUMN = "the_geom";

    private final boolean inferTypes;
    /** Null type until the field's first non-blank value. */
    private final Map<String, ColumnType> fields = new LinkedHashMap<>();
    private long features;

    private final Set<String> textFields;
    private final CellScanner scanner = new CellScanner();

    private final int maxColumns;

    LayerProfile(boolean inferTypes, Set<String> textFields, int maxColumns) {
        this.inferTypes = inferTypes;
        this.textFields = textFields;
        this.maxColumns = maxColumns;
    }

    /** @throws ImportException TOO_MANY_COLUMNS once the layer has more than the maximum fields */
    void observe(Feature feature) {
        features++;
        feature.fields().forEach((name, value) -> {
            if (!fields.containsKey(name) && fields.size() >= maxColumns) {
                throw new ImportException(ErrorCode.TOO_MANY_COLUMNS,
                        "too many columns: more than " + maxColumns + " fields in a layer, the maximum is " + maxColumns);
            }
            ColumnType type = fields.get(name);
            ColumnType valueType = !inferTypes || type == ColumnType.TEXT || textFields.contains(name) ? null
                    : valueType(value);
            fields.put(name, valueType == null ? type : type == null ? valueType : ColumnProfile.widen(type, valueType));
        });
    }

    /** The narrowest type of the value, or null when it is absent or blank. */
    private ColumnType valueType(String value) {
        if (value == null) {
            return null;
        }
        char[] b = value.toCharArray();
        int start = CellScanner.trimStart(b, 0, b.length);
        int end = CellScanner.trimEnd(b, start, b.length);
        return start == end ? null : scanner.classify(b, start, end);
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
