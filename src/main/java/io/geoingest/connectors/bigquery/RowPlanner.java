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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

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
    private static final Set<ColumnType> NUMBERS =
            Set.of(ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.NUMERIC);

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
        List<String> names = geographies.stream().map(i -> fields.get(i).getName()).toList();
        List<Integer> preferred = GeometryNames.geometryCandidates(names);
        if (!preferred.isEmpty()) {
            return geographies.get(preferred.get(0));
        }
        return geographies.isEmpty() ? -1 : geographies.get(0);
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
        List<String> names = planned.stream().map(p -> p.column().name()).toList();
        Optional<Integer> lon = GeometryNames.longitude(names);
        Optional<Integer> lat = GeometryNames.latitude(names);
        if (lon.isEmpty() || lat.isEmpty() || !NUMBERS.contains(planned.get(lon.get()).column().type())
                || !NUMBERS.contains(planned.get(lat.get()).column().type())) {
            return Optional.empty();
        }
        int x = lon.get();
        int y = lat.get();
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);
        CellReader point = (row, done) -> {
            if (done[x] == null && done[y] == null) {
                return null;
            }
            double vx = done[x] instanceof Number n ? n.doubleValue() : Double.NaN;
            double vy = done[y] instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!(vx >= -180 && vx <= 180 && vy >= -90 && vy <= 90)) {
                warnings.count("invalid_geometries");
                return null;
            }
            return factory.createPoint(new Coordinate(vx, vy));
        };
        return Optional.of(new Planned(new Column("the_geom", ColumnType.GEOMETRY), point));
    }
}
