package io.geoingest.connectors;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryNames;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.LazyBatches;
import io.geoingest.rows.LonLatPoints;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.util.PGobject;

/**
 * A table from rows a Camel route holds as maps of column names to values: the body of
 * Camel's {@code sql} and {@code jdbc} components ({@code List<Map<String, Object>>}, or a
 * streamed {@link Iterator} with {@code outputType=StreamList}), or of a {@code split} or
 * {@code aggregate} (a list of maps). The rows are read once, in batches, as the sink asks for
 * them: an iterator is never collected, memory holds a batch or two whatever its length.
 *
 * <p>The columns are those of the first batch ({@code geoingest.imports.batch-size} rows), in
 * the order their names first appear, and their types come from their values as
 * {@link JdbcObjects} tells them. {@code the_geom} is chosen as the connectors choose it
 * ({@link GeometryNames}): a column of geometry values (JTS, PostGIS), the first named as in
 * {@link GeometryNames#GEOMETRY}, else the first; else a text column so named holding WKT/EWKT,
 * hex WKB/EWKB or GeoJSON (unreadable values null, counted in {@code invalid_geometries}); else a
 * numeric longitude/latitude pair ({@link LonLatPoints}). Other geometry columns become text.
 * Columns of values with no column type (arrays, maps) are left out, named in
 * {@code skipped_columns}. Column names are normalised by the sink, as any import's.
 *
 * <p>What cannot become a table fails, when the rows are read, with {@link ErrorCode#NO_RESULTS}
 * (no rows at all) or {@link ErrorCode#INVALID_ROWS}: a body that is one map rather than a list
 * of them; an element that is not a map; a column name that is not text; a column holding
 * values of types that do not mix, or only nulls in the first batch (its type cannot be told);
 * a later row with a column the first batch did not have. The import then fails whole: nothing
 * of its table is kept.
 */
public final class MapRowsSource implements TableSource {
    private final String name;
    private final Object body;
    private final int batchSize;
    private final int maxColumns;
    private final ImportWarnings warnings = new ImportWarnings();
    private final GeometryText geometryText = new GeometryText();

    private Iterator<?> rows;
    private List<Object[]> first;
    private Map<Object, Integer> keys;
    private List<Column> columns;
    private List<Cell> cells;
    /** Rows taken from the iterator so far. */
    private long pulled;
    /** The number of the row being converted, for error messages. */
    private long current;
    private boolean iterated;

    /** How one output cell is made from the row's values (in key order) and the cells made before it. */
    @FunctionalInterface
    private interface Cell {
        Object make(Object[] values, Object[] done) throws SQLException;
    }

    /**
     * @param body       the message body: a list (any {@link Iterable}) or an {@link Iterator} of
     *                   maps; anything else fails when read
     * @param batchSize  rows per batch, and the rows the columns are told from
     * @param maxColumns more columns fail with 2004
     */
    public MapRowsSource(String name, Object body, int batchSize, int maxColumns) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.name = name;
        this.body = body;
        this.batchSize = batchSize;
        this.maxColumns = maxColumns;
    }

    /** Whether a message body is rows for this source rather than a file: an iterator, a list, or a (lone) map. */
    public static boolean holdsRows(Object body) {
        return body instanceof Iterator || body instanceof Map || (body instanceof Iterable && !(body instanceof Path));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ImportWarnings warnings() {
        return warnings;
    }

    @Override
    public synchronized List<Column> columns() {
        if (columns == null) {
            plan();
        }
        return columns;
    }

    @Override
    public synchronized Iterator<RowBatch> batches() {
        if (iterated) {
            throw new IllegalStateException("The rows of '" + name + "' can be read only once");
        }
        iterated = true;
        columns();
        return new LazyBatches(this::nextBatch);
    }

    @Override
    public void close() {
        Object closeable = rows != null ? rows : body;
        if (closeable instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // the route's own iterator: nothing more to do
            }
        }
    }

    // ---------------------------------------------------------------- the first batch: columns and types

    private void plan() {
        if (body instanceof Map) {
            throw invalid("The message body is one Map, not a list of rows: send a List or an Iterator of Maps"
                    + " (Camel's sql and jdbc components: outputType=SelectList or StreamList)");
        }
        rows = body instanceof Iterator<?> it ? it : ((Iterable<?>) body).iterator();
        List<Map<?, ?>> sample = new ArrayList<>();
        while (sample.size() < batchSize && hasNext()) {
            sample.add(map(next()));
        }
        if (sample.isEmpty()) {
            throw new ImportException(ErrorCode.NO_RESULTS, "The route's message holds no rows");
        }
        keys = new LinkedHashMap<>();
        for (int r = 0; r < sample.size(); r++) {
            for (Object key : sample.get(r).keySet()) {
                if (!(key instanceof String)) {
                    throw invalid("Row " + (r + 1) + " has a column name that is not text: "
                            + (key == null ? "null" : JdbcObjects.describe(key)));
                }
                keys.putIfAbsent(key, keys.size());
            }
        }
        if (keys.size() > maxColumns) {
            throw new ImportException(ErrorCode.TOO_MANY_COLUMNS, "The rows have " + keys.size()
                    + " columns; at most " + maxColumns + " can be imported");
        }
        List<String> names = keys.keySet().stream().map(String.class::cast).toList();
        ColumnType[] types = new ColumnType[names.size()];
        for (int k = 0; k < names.size(); k++) {
            types[k] = typeOf(names.get(k), sample);
        }
        plan(names, types);
        first = new ArrayList<>(sample.size());
        for (int r = 0; r < sample.size(); r++) {
            first.add(convert(sample.get(r), r + 1));
        }
    }

    /** The type of a column over the sample; null: values with no column type, the column is left out. */
    private ColumnType typeOf(String key, List<Map<?, ?>> sample) {
        ColumnType type = null;
        int typedAt = 0;
        for (int r = 0; r < sample.size(); r++) {
            Object v = sample.get(r).get(key);
            if (v == null) {
                continue;
            }
            ColumnType own = JdbcObjects.typeOf(v);
            if (own == null) {
                return null;
            }
            ColumnType wider = type == null ? own : JdbcObjects.widen(type, own);
            if (wider == null) {
                throw invalid("The column '" + key + "' holds values of different types: "
                        + JdbcObjects.describe(sample.get(typedAt).get(key)) + " in row " + (typedAt + 1) + ", "
                        + JdbcObjects.describe(v) + " in row " + (r + 1));
            }
            if (type == null) {
                typedAt = r;
            }
            type = wider;
        }
        if (type == null) {
            throw invalid("The column '" + key + "' holds only nulls in the first " + sample.size()
                    + " rows: its type cannot be told from its values (leave it out, or give it values)");
        }
        return type;
    }

    /** The output columns and how each cell is made, the_geom chosen as the connectors choose it. */
    private void plan(List<String> names, ColumnType[] types) {
        List<Integer> geometries = new ArrayList<>();
        for (int k = 0; k < types.length; k++) {
            if (types[k] == ColumnType.GEOMETRY) {
                geometries.add(k);
            }
        }
        int geometry = GeometryNames.preferred(names, geometries);
        int textGeometry = geometry < 0 ? GeometryNames.firstNamed(names, k -> types[k] == ColumnType.TEXT) : -1;
        columns = new ArrayList<>(names.size() + 1);
        cells = new ArrayList<>(names.size() + 1);
        List<String> skipped = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            int index = k;
            String column = names.get(k);
            ColumnType type = types[k];
            if (type == null) {
                skipped.add(column);
            } else if (k == geometry || k == textGeometry) {
                add(LonLatPoints.THE_GEOM, (values, done) -> theGeom(values[index]));
            } else if (type == ColumnType.GEOMETRY) {
                // As text: LayerLoad writes a geometry in a text column as WKT, PostGIS values as PgJDBC gives them.
                add(new Column(column, ColumnType.TEXT), (values, done) -> otherGeometry(column, values[index]));
            } else {
                add(new Column(column, type), (values, done) -> value(column, type, values[index]));
            }
        }
        if (!skipped.isEmpty()) {
            warnings.set("skipped_columns", List.copyOf(skipped));
        }
        if (geometry < 0 && textGeometry < 0) {
            Optional<LonLatPoints> points = LonLatPoints.of(List.copyOf(columns), warnings);
            points.ifPresent(p -> add(LonLatPoints.THE_GEOM, (values, done) -> p.point(done)));
        }
        columns = List.copyOf(columns);
    }

    private void add(Column column, Cell cell) {
        columns.add(column);
        cells.add(cell);
    }

    private Object value(String column, ColumnType type, Object v) throws SQLException {
        try {
            return JdbcObjects.cell(type, v, warnings);
        } catch (IllegalArgumentException e) {
            throw invalid("The column '" + column + "' holds " + e.getMessage() + " in row " + current);
        }
    }

    private Geometry theGeom(Object v) {
        if (v == null || v instanceof CharSequence s && s.toString().isBlank()) {
            return null;
        }
        Geometry g = JdbcObjects.geometry(v, geometryText);
        if (g == null) {
            if (JdbcObjects.typeOf(v) != ColumnType.GEOMETRY && JdbcObjects.typeOf(v) != ColumnType.TEXT) {
                throw invalid("The geometry column holds a " + JdbcObjects.describe(v) + " in row " + current);
            }
            warnings.count("invalid_geometries");
        }
        return g;
    }

    /** A geometry that is not the_geom, as text: a JTS geometry as WKT (LayerLoad), a PostGIS value as PgJDBC gives it. */
    private Object otherGeometry(String column, Object v) {
        if (v == null || v instanceof Geometry) {
            return v;
        }
        if (JdbcObjects.typeOf(v) != ColumnType.GEOMETRY) {
            throw invalid("The column '" + column + "' holds a " + JdbcObjects.describe(v)
                    + " where it holds geometries, in row " + current);
        }
        return ((PGobject) v).getValue();
    }

    // ---------------------------------------------------------------- the rows

    private RowBatch nextBatch() {
        if (first != null) {
            List<Object[]> batch = first;
            first = null;
            return new RowBatch(batch);
        }
        List<Object[]> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && hasNext()) {
            Map<?, ?> row = map(next());
            batch.add(convert(row, pulled));
        }
        return batch.isEmpty() ? null : new RowBatch(batch);
    }

    /** The row's cells: its values put in key order, then each column's cell made. */
    private Object[] convert(Map<?, ?> row, long number) {
        current = number;
        Object[] values = new Object[keys.size()];
        for (Map.Entry<?, ?> e : row.entrySet()) {
            Integer k = keys.get(e.getKey());
            if (k == null) {
                throw invalid("Row " + number + " has the column '" + e.getKey() + "', which the first rows did not have");
            }
            values[k] = e.getValue();
        }
        Object[] done = new Object[cells.size()];
        try {
            for (int i = 0; i < done.length; i++) {
                done[i] = cells.get(i).make(values, done);
            }
        } catch (SQLException e) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "Row " + number + " could not be read: "
                    + e.getMessage(), e);
        }
        return done;
    }

    private boolean hasNext() {
        try {
            return rows.hasNext();
        } catch (ImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw readFailed(e);
        }
    }

    private Object next() {
        try {
            Object row = rows.next();
            pulled++;
            return row;
        } catch (RuntimeException e) {
            throw readFailed(e);
        }
    }

    private Map<?, ?> map(Object row) {
        if (row instanceof Map<?, ?> m) {
            return m;
        }
        throw invalid("Row " + pulled + " is " + (row == null ? "null" : "a " + JdbcObjects.describe(row))
                + ", not a Map of column names to values");
    }

    private static ImportException readFailed(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new ImportException(ErrorCode.DATASOURCE_QUERY, "The route's rows could not be read: "
                + cause.getMessage(), e);
    }

    private static ImportException invalid(String message) {
        return new ImportException(ErrorCode.INVALID_ROWS, message);
    }
}
