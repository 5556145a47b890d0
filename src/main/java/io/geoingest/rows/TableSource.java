package io.geoingest.rows;

import io.geoingest.kernel.ImportWarnings;
import java.util.Iterator;
import java.util.List;

/**
 * One table's worth of rows from any source (a CSV file, a layer of an archive, a remote
 * query). The sink creates one table per TableSource.
 *
 * <p>At most one column has type {@link ColumnType#GEOMETRY}: the geometry the source chose
 * for {@code the_geom}. Batches are produced lazily so that memory stays bounded.
 */
public interface TableSource extends AutoCloseable {

    /** The name the table should get before normalisation (file base name, import_as, ...). */
    String name();

    /**
     * The columns of the rows. They change only for a source whose batches include one that
     * says {@link RowBatch#columnsChanged()}; whoever reads the batches reads them again after it.
     */
    List<Column> columns();

    /** Single use: the rows, in batches of {@code batchSize} rows or fewer. */
    Iterator<RowBatch> batches();

    /** Warnings gathered so far; complete once {@link #batches()} is exhausted. */
    ImportWarnings warnings();

    @Override
    void close();
}
