package io.geoingest.formats.csv;

import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * What pass 1 found out about a file, all that pass 2 needs to stream it.
 *
 * @param blanksBeforeQuotes whether pass 1 dropped blanks before an opening quote
 *                           ({@link BlanksBeforeQuoteReader}), so that pass 2 must too
 * @param headerLine         the line the header record starts on; pass 2 skips records up to it
 * @param header             the raw column names
 * @param types              per source column, the type of its values
 */
record CsvProfile(TextEncoding encoding, Dialect dialect, boolean blanksBeforeQuotes, long headerLine,
                  List<String> header, List<ColumnType> types, GeometryPlan geometry) {

    /**
     * The table's columns: the source columns, with the geometry column (if any) replaced by
     * {@code the_geom}, or {@code the_geom} appended for points from longitude/latitude or for
     * the boundaries of the countries a column names.
     */
    List<Column> columns() {
        List<Column> columns = new ArrayList<>(header.size() + 1);
        for (int i = 0; i < header.size(); i++) {
            columns.add(i == geometry.column() ? geometryColumn() : new Column(header.get(i), types.get(i)));
        }
        if (geometry.appendsGeometry()) {
            columns.add(geometryColumn());
        }
        return List.copyOf(columns);
    }

    private static Column geometryColumn() {
        return new Column("the_geom", ColumnType.GEOMETRY);
    }
}
