package io.geoingest.formats.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import io.geoingest.rows.ImportWarnings;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Pass 2: converts each record straight from the parser's buffer into a row aligned with
 * {@link CsvProfile#columns()}. Missing trailing values stay null; values past the header were
 * checked blank in pass 1 and are dropped. A geometry that cannot be read becomes null and is
 * counted in the {@code invalid_geometries} warning.
 */
final class RowHandler extends AbstractBaseCsvCallbackHandler<Object[]> {
    /** Yielded for the records up to the header, which are not rows. */
    static final Object[] SKIPPED = new Object[0];

    private static final String INVALID_GEOMETRIES = "invalid_geometries";

    private final long headerLine;
    private final ColumnType[] types;
    private final GeometryPlan geometry;
    private final int width;
    private final ImportWarnings warnings;
    private final CellScanner scanner = new CellScanner();
    private final GeometryText geometryText = new GeometryText();
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);

    private Object[] row;
    private long rowChars;
    private double longitude;
    private double latitude;
    private boolean hasCoordinate;

    RowHandler(CsvProfile profile, ImportWarnings warnings) {
        this.headerLine = profile.headerLine();
        this.types = profile.types().toArray(ColumnType[]::new);
        this.geometry = profile.geometry();
        this.width = types.length + (geometry.fromPoints() ? 1 : 0);
        this.warnings = warnings;
    }

    /** The characters of the last row, to bound the memory of a batch. */
    long rowChars() {
        return rowChars;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        row = startingLineNumber <= headerLine ? SKIPPED : new Object[width];
        rowChars = 0;
        longitude = Double.NaN;
        latitude = Double.NaN;
        hasCoordinate = false;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (row == SKIPPED || fieldIdx >= types.length) {
            return;
        }
        rowChars += len;
        if (fieldIdx == geometry.column()) {
            row[fieldIdx] = geometry(buf, offset, len);
            return;
        }
        Object value = scanner.convert(types[fieldIdx], buf, offset, len);
        row[fieldIdx] = value;
        if (fieldIdx == geometry.longitude() || fieldIdx == geometry.latitude()) {
            // A numeric column has parsed the number already; a text one may still hold numbers.
            double coordinate = value instanceof Number n ? n.doubleValue() : scanner.decimal(buf, offset, len);
            hasCoordinate |= !CellScanner.isBlank(buf, offset, len);
            if (fieldIdx == geometry.longitude()) {
                longitude = coordinate;
            } else {
                latitude = coordinate;
            }
        }
    }

    @Override
    protected RecordWrapper<Object[]> buildRecord() {
        if (row != SKIPPED && geometry.fromPoints()) {
            row[width - 1] = point();
        }
        return wrapRecord(row);
    }

    private Geometry geometry(char[] buf, int offset, int len) {
        if (CellScanner.isBlank(buf, offset, len)) {
            return null;
        }
        Geometry g = geometryText.parse(new String(buf, offset, len));
        if (g == null) {
            warnings.count(INVALID_GEOMETRIES);
        }
        return g;
    }

    /** Null without a warning when both coordinates are empty: a row without location. */
    private Geometry point() {
        if (!hasCoordinate) {
            return null;
        }
        // Written so that NaN (a missing or non-numeric coordinate) fails too.
        if (!(Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90)) {
            warnings.count(INVALID_GEOMETRIES);
            return null;
        }
        return factory.createPoint(new Coordinate(longitude, latitude));
    }
}
