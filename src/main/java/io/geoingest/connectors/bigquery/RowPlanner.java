package io.geoingest.connectors.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.geoingest.connectors.bigquery.RowPlan.CellReader;
import io.geoingest.connectors.bigquery.RowPlan.Planned;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryNames;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.LonLatPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * Plans how a BigQuery result becomes import columns: types mapped ({@link BigQueryTypes}),
 * unsupported columns skipped and listed in the warning {@code skipped_columns}, and
 * {@code the_geom} chosen:
 * <ol>
 * <li>a GEOGRAPHY column, the first in {@link GeometryNames#GEOMETRY} order, else the first
 *     one (other GEOGRAPHY columns stay WKT text);</li>
 * <li>else a STRING column named as in {@link GeometryNames#GEOMETRY} when more than half of
 *     its first {@value #GEOMETRY_SAMPLE} non-null values on the first page are geometries
 *     (WKT, GeoJSON, hex WKB), as CSV columns are judged;</li>
 * <li>else points from numeric longitude/latitude columns.</li>
 * </ol>
 * A geometry value that cannot be read becomes null and is counted in {@code invalid_geometries}.
 */
final class RowPlanner {
    static final int GEOMETRY_SAMPLE = 1000;

    private final GeometryText geometryText;
    private final ImportWarnings warnings;

    /** @param geometryText parses the geometries of this result only (it is not thread-safe) */
    RowPlanner(GeometryText geometryText, ImportWarnings warnings) {
        this.geometryText = geometryText;
        this.warnings = warnings;
    }

    RowPlan plan(List<Field> fields, Iterable<FieldValueList> firstPage) {
        int geometry = geography(fields);
        if (geometry < 0) {
            geometry = textGeometry(fields, firstPage);
        }
        List<Planned> planned = new ArrayList<>(fields.size() + 1);
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            ColumnType type = BigQueryTypes.columnType(f);
            int index = i;
            if (type == null) {
                skipped.add(f.getName());
            } else if (i == geometry) {
                planned.add(new Planned(new Column("the_geom", ColumnType.GEOMETRY),
                        (row, done) -> geometry(row.get(index))));
            } else {
                planned.add(new Planned(new Column(f.getName(), type),
                        (row, done) -> BigQueryTypes.value(type, row.get(index))));
            }
        }
        if (geometry < 0) {
            lonLatPoints(planned).ifPresent(planned::add);
        }
        if (!skipped.isEmpty()) {
            warnings.set("skipped_columns", List.copyOf(skipped));
        }
        return new RowPlan(planned);
    }

    private static int geography(List<Field> fields) {
        List<Integer> geographies = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (BigQueryTypes.columnType(fields.get(i)) != null
                    && BigQueryTypes.standardType(fields.get(i)) == StandardSQLTypeName.GEOGRAPHY) {
                geographies.add(i);
            }
        }
        return GeometryNames.preferred(fields.stream().map(Field::getName).toList(), geographies);
    }

    private int textGeometry(List<Field> fields, Iterable<FieldValueList> firstPage) {
        List<String> names = fields.stream().map(Field::getName).toList();
        for (int candidate : GeometryNames.geometryCandidates(names)) {
            Field f = fields.get(candidate);
            if (BigQueryTypes.columnType(f) != null && BigQueryTypes.standardType(f) == StandardSQLTypeName.STRING
                    && holdsGeometry(candidate, firstPage)) {
                return candidate;
            }
        }
        return -1;
    }

    private boolean holdsGeometry(int index, Iterable<FieldValueList> firstPage) {
        int sampled = 0;
        int geometries = 0;
        for (FieldValueList row : firstPage) {
            if (sampled == GEOMETRY_SAMPLE) {
                break;
            }
            FieldValue v = row.get(index);
            if (v.isNull() || v.getStringValue().isBlank()) {
                continue;
            }
            sampled++;
            if (geometryText.parse(v.getStringValue()) != null) {
                geometries++;
            }
        }
        return geometries > 0 && geometries * 2 > sampled;
    }

    private Geometry geometry(FieldValue v) {
        if (v.isNull() || v.getStringValue().isBlank()) {
            return null;
        }
        Geometry g = geometryText.parse(v.getStringValue());
        if (g == null) {
            warnings.count("invalid_geometries");
        }
        return g;
    }

    /** Without a geometry column, numeric longitude/latitude columns make point geometries. */
    private Optional<Planned> lonLatPoints(List<Planned> planned) {
        return LonLatPoints.of(planned.stream().map(Planned::column).toList(), warnings)
                .map(points -> new Planned(LonLatPoints.THE_GEOM, (row, done) -> points.point(done)));
    }
}
