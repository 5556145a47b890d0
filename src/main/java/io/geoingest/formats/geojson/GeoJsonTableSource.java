package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.rows.Column;
import io.geoingest.rows.ImportWarnings;
import io.geoingest.rows.LazyBatches;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A profiled GeoJSON file streamed as batches (pass 2). The file is opened when
 * {@link #batches()} is called and closed when the features run out or on {@link #close()}.
 */
final class GeoJsonTableSource implements TableSource {
    /**
     * A batch also ends once its rows hold this many characters, so that a batch of big
     * geometries stays within a few tens of MB whatever the batch size.
     */
    private static final long BATCH_CHARS = 16L << 20;

    private final String name;
    private final Path path;
    private final GeoJsonProfile profile;
    private final int batchSize;
    private final ImportWarnings warnings = new ImportWarnings();
    private JsonParser parser;
    private boolean started;
    private boolean closed;

    GeoJsonTableSource(String name, Path path, GeoJsonProfile profile, int batchSize) {
        this.name = name;
        this.path = path;
        this.profile = profile;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Column> columns() {
        return profile.columns();
    }

    @Override
    public ImportWarnings warnings() {
        return warnings;
    }

    @Override
    public Iterator<RowBatch> batches() {
        requireOpen();
        if (started) {
            throw new IllegalStateException("The rows of GeoJSON source '" + name + "' can be read only once");
        }
        started = true;
        parser = GeoJsonParsing.open(path);
        PropertyValues values = new PropertyValues();
        GeometryReader geometries = new GeometryReader();
        FeatureWalker<RowFeature> walker = new FeatureWalker<>(parser,
                () -> new RowFeature(profile, values, geometries, warnings));
        return new LazyBatches(() -> read(walker));
    }

    @Override
    public void close() {
        closed = true;
        closeParser();
    }

    /** The next batch, or null at the end of the file (closing it then). */
    private RowBatch read(FeatureWalker<RowFeature> walker) {
        requireOpen();
        if (parser == null) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
        long chars = 0;
        while (rows.size() < batchSize && chars < BATCH_CHARS) {
            RowFeature feature = walker.next();
            if (feature == null) {
                closeParser();
                break;
            }
            rows.add(feature.row());
            chars += feature.chars();
        }
        return rows.isEmpty() ? null : new RowBatch(rows);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("GeoJSON source '" + name + "' is closed");
        }
    }

    private void closeParser() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // Nothing was written: a failing close of a file we only read loses nothing.
            }
            parser = null;
        }
    }
}
