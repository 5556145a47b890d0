package io.geoingest.sink;

import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The COPY stream of one table of an import: every batch of the source goes through it into
 * the staging table, with cartodb_id, the_geom and the_geom_webmercator filled on the way so
 * that no UPDATE pass over the table is needed afterwards.
 *
 * <p>Closing it before {@link #finish()} cancels the COPY: the connection cannot roll back
 * (PgJDBC would wait forever for its own COPY lock) while a COPY is still open on it.
 */
public final class LayerLoad implements AutoCloseable {
    private final TableSource source;
    private final StagingLayout layout;
    private final String stagingName;
    private final CopyIn copy;
    private final PGCopyOutputStream out;
    private final BinaryCopyWriter writer;
    private final int[] dataIndexes;
    private final boolean[] textFromGeometry;
    private final Object[] row;
    private long rows;

    LayerLoad(TableSource source, StagingLayout layout, String stagingName, PGConnection connection,
              String copySql) throws SQLException {
        this.source = source;
        this.layout = layout;
        this.stagingName = stagingName;
        this.dataIndexes = layout.dataIndexes();
        List<ColumnType> types = layout.allTypes();
        this.textFromGeometry = new boolean[dataIndexes.length];
        for (int i = 0; i < dataIndexes.length; i++) {
            textFromGeometry[i] = types.get(3 + i) == ColumnType.TEXT;
        }
        this.row = new Object[types.size()];
        this.copy = connection.getCopyAPI().copyIn(copySql);
        this.out = new PGCopyOutputStream(copy, 1 << 16);
        this.writer = new BinaryCopyWriter(types, out);
    }

    public TableSource source() {
        return source;
    }

    public StagingLayout layout() {
        return layout;
    }

    public String stagingName() {
        return stagingName;
    }

    /** What the splitter iterates: the source's batches, read lazily. */
    public Iterator<RowBatch> batches() {
        return source.batches();
    }

    public void write(RowBatch batch) {
        int geometry = layout.geometryIndex();
        int cartodbId = layout.cartodbIdIndex();
        try {
            for (Object[] in : batch.rows()) {
                rows++;
                row[0] = cartodbId < 0 ? rows : asLong(in[cartodbId]);
                Geometry g = geometry < 0 ? null : (Geometry) in[geometry];
                row[1] = g;
                row[2] = g == null ? null : WebMercator.project(g);
                for (int i = 0; i < dataIndexes.length; i++) {
                    Object v = in[dataIndexes[i]];
                    row[3 + i] = textFromGeometry[i] && v instanceof Geometry other ? other.toText() : v;
                }
                writer.writeRow(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The COPY data sent to PostgreSQL so far. */
    public long bytesSent() {
        return writer.bytesSent();
    }

    /** Ends the COPY. */
    public void finish() throws SQLException {
        try {
            writer.finish();
            out.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (TableSource s = source) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static Long asLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }
}
