package io.geoingest.rows;

import io.geoingest.kernel.ImportWarnings;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The points of a source without a geometry column, from a numeric longitude/latitude pair
 * named as {@link GeometryNames} says: what every typed source (connectors, BigQuery, a route's
 * rows) does the same way. A row with both null has no point; one outside ±180/±90, or with one
 * of the two missing, has none either and is counted in {@code invalid_geometries}.
 */
public final class LonLatPoints {
    /** The column the points fill, after the source's own. */
    public static final Column THE_GEOM = new Column("the_geom", ColumnType.GEOMETRY);
    private static final Set<ColumnType> NUMBERS =
            Set.of(ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.NUMERIC);

    private final int x;
    private final int y;
    private final ImportWarnings warnings;
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);

    private LonLatPoints(int x, int y, ImportWarnings warnings) {
        this.x = x;
        this.y = y;
        this.warnings = warnings;
    }

    /** The pair among {@code columns}, both numeric; empty when there is none. */
    public static Optional<LonLatPoints> of(List<Column> columns, ImportWarnings warnings) {
        List<String> names = columns.stream().map(Column::name).toList();
        Optional<Integer> lon = GeometryNames.longitude(names);
        Optional<Integer> lat = GeometryNames.latitude(names);
        if (lon.isEmpty() || lat.isEmpty() || lon.get().equals(lat.get())
                || !NUMBERS.contains(columns.get(lon.get()).type()) || !NUMBERS.contains(columns.get(lat.get()).type())) {
            return Optional.empty();
        }
        return Optional.of(new LonLatPoints(lon.get(), lat.get(), warnings));
    }

    /** The point of a row whose cells are those of the columns given to {@link #of}, in their order. */
    public Geometry point(Object[] cells) {
        Object lx = cells[x];
        Object ly = cells[y];
        if (lx == null && ly == null) {
            return null;
        }
        double vx = lx instanceof Number n ? n.doubleValue() : Double.NaN;
        double vy = ly instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(vx >= -180 && vx <= 180 && vy >= -90 && vy <= 90)) {
            warnings.count("invalid_geometries");
            return null;
        }
        return factory.createPoint(new Coordinate(vx, vy));
    }
}
