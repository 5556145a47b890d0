package io.geoingest.formats.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Pass 2: converts each record straight from the parser's buffer into a row aligned with
 * {@link CsvProfile#columns()}. Missing trailing values stay null; values past the header were
 * checked blank in pass 1 and are dropped. A geometry that cannot be read becomes null and is
 * counted in the {@code invalid_geometries} warning; a value of a column of countries that names
 * none gets a null geometry, counted in {@code countries_not_found}.
 */
final class RowHandler extends AbstractBaseCsvCallbackHandler<Object[]> {
    /** Yielded for the records up to the header, which are not rows. */
    static final Object[] SKIPPED = new Object[0];

    private static final String INVALID_GEOMETRIES = "invalid_geometries";
    private static final String COUNTRIES_NOT_FOUND = "countries_not_found";

    private final long headerLine;
    private final ColumnType[] types;
    private final GeometryPlan geometry;
    private final int width;
    private final ImportWarnings warnings;
    private final CountryBoundaries countries;
    private final CellScanner scanner = new CellScanner();
    private final GeometryText geometryText = new GeometryText();
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), GeometryText.WGS84);

    private Object[] row;
    private long rowChars;
    private double longitude;
    private double latitude;
    private boolean hasCoordinate;
    private String country;

    RowHandler(CsvProfile profile, ImportWarnings warnings, CountryBoundaries countries) {
        this.headerLine = profile.headerLine();
        this.types = profile.types().toArray(ColumnType[]::new);
        this.geometry = profile.geometry();
        this.width = types.length + (geometry.appendsGeometry() ? 1 : 0);
        this.warnings = warnings;
        this.countries = countries;
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
        country = null;
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
        if (fieldIdx == geometry.country() && !CellScanner.isBlank(buf, offset, len)) {
            country = new String(buf, offset, len);
        }
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
        } else if (row != SKIPPED && geometry.country() >= 0) {
            row[width - 1] = boundary();
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

    /** Null without a warning for a blank value: a row without location. */
    private Geometry boundary() {
        if (country == null) {
            return null;
        }
        Geometry g = countries.country(country).map(countries::boundary).orElse(null);
        if (g == null) {
            warnings.count(COUNTRIES_NOT_FOUND);
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
