package io.geoingest.formats.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryNames;
import io.geoingest.rows.GeometryText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Pass 1: reads the header (the first record that is not blank), then hands every cell to its
 * column's profile straight from the parser's buffer, keeping no rows. Each record is checked
 * as it ends, so that a bad one fails the import with its line. The records it yields are the
 * handler itself: all that matters is its state.
 */
final class ProfilingHandler extends AbstractBaseCsvCallbackHandler<ProfilingHandler> {
    private final int maxColumns;
    private final ImportOptions options;
    /** Null unless content guessing may geocode a column of countries. */
    private final CountryBoundaries countries;
    private final CellScanner scanner = new CellScanner();
    private final GeometryText geometryText = new GeometryText();
    private final List<String> header = new ArrayList<>();
    private boolean blankRecord;
    private boolean extraValue;
    /** Null until the header has been read. */
    private ColumnProfile[] columns;
    private long headerLine;
    private List<Integer> geometryCandidates = List.of();
    private Optional<Integer> longitude = Optional.empty();
    private Optional<Integer> latitude = Optional.empty();

    ProfilingHandler(int maxColumns, ImportOptions options, CountryBoundaries countries) {
        this.maxColumns = maxColumns;
        this.options = options;
        this.countries = options.contentGuessing() ? countries : null;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        blankRecord = true;
        extraValue = false;
        if (columns == null) {
            header.clear();
        }
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (columns == null) {
            blankRecord &= CellScanner.isBlank(buf, offset, len);
            // Past the limit only the count matters, for the error message.
            if (fieldIdx < maxColumns) {
                header.add(new String(buf, offset, len));
            }
        } else if (fieldIdx < columns.length) {
            columns[fieldIdx].observe(buf, offset, len, quoted);
        } else if (!CellScanner.isBlank(buf, offset, len)) {
            extraValue = true;
        }
    }

    @Override
    protected RecordWrapper<ProfilingHandler> buildRecord() {
        if (columns == null) {
            if (!blankRecord) {
                readHeader();
            }
        } else if (extraValue) {
            throw new ImportException(ErrorCode.MALFORMED_CSV, "malformed CSV: the row at line "
                    + getStartingLineNumber() + " has " + getFieldCount() + " values but the header has "
                    + columns.length + " columns");
        }
        return wrapRecord(this);
    }

    private void readHeader() {
        if (getFieldCount() > maxColumns) {
            throw new ImportException(ErrorCode.TOO_MANY_COLUMNS,
                    "too many columns: " + getFieldCount() + ", the maximum is " + maxColumns);
        }
        headerLine = getStartingLineNumber();
        geometryCandidates = GeometryNames.geometryCandidates(header);
        longitude = GeometryNames.longitude(header);
        latitude = GeometryNames.latitude(header);
        boolean points = longitude.isPresent() && latitude.isPresent();
        columns = new ColumnProfile[header.size()];
        for (int i = 0; i < columns.length; i++) {
            boolean coordinate = points && (longitude.get() == i || latitude.get() == i);
            columns[i] = new ColumnProfile(scanner, options.typeGuessing(), options.quotedFieldsGuessing(),
                    geometryCandidates.contains(i) ? geometryText : null, coordinate, countries);
        }
    }

    /** The profile once every record has been read. */
    CsvProfile profile(TextEncoding encoding, Dialect dialect, boolean blanksBeforeQuotes) {
        if (columns == null) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "the file is empty or holds only whitespace");
        }
        List<ColumnType> types = Arrays.stream(columns).map(ColumnProfile::type).toList();
        return new CsvProfile(encoding, dialect, blanksBeforeQuotes, headerLine, List.copyOf(header), types,
                geometryPlan());
    }

    /**
     * A geometry column beats longitude/latitude: it is the geometry the user exported; with
     * content guessing and neither, the column most of whose values name countries.
     */
    private GeometryPlan geometryPlan() {
        for (int candidate : geometryCandidates) {
            if (columns[candidate].holdsGeometry()) {
                return GeometryPlan.fromColumn(candidate);
            }
        }
        if (longitude.isPresent() && latitude.isPresent() && columns[longitude.get()].holdsNumbers()
                && columns[latitude.get()].holdsNumbers()) {
            return GeometryPlan.fromPoints(longitude.get(), latitude.get());
        }
        int best = -1;
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].countryShare() > (best < 0 ? 0 : columns[best].countryShare())) {
                best = i;
            }
        }
        return best < 0 ? GeometryPlan.NONE : GeometryPlan.fromCountries(best);
    }
}
