package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.formats.DataFile;
import io.geoingest.rows.Column;
import io.geoingest.rows.ReadOnceTableSource;
import io.geoingest.rows.RowBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A profiled GeoJSON file streamed as batches (pass 2). The file is opened when
 * {@link #batches()} is called and closed when the features run out or on {@link #close()}.
 */
final class GeoJsonTableSource extends ReadOnceTableSource {
    /**
     * A batch also ends once its rows hold this many characters, so that a batch of big
     * geometries stays within a few tens of MB whatever the batch size.
     */
    private static final long BATCH_CHARS = 16L << 20;

    private final DataFile file;
    private final GeoJsonProfile profile;
    private final int batchSize;
    private JsonParser parser;

    GeoJsonTableSource(DataFile file, GeoJsonProfile profile, int batchSize) {
        super("GeoJSON source", file.baseName());
        this.file = file;
        this.profile = profile;
        this.batchSize = batchSize;
    }

    @Override
    public List<Column> columns() {
        return profile.columns();
    }

    @Override
    protected Supplier<RowBatch> openRows() {
        parser = GeoJsonParsing.open(file);
        PropertyValues values = new PropertyValues();
        GeometryReader geometries = new GeometryReader();
        FeatureWalker<RowFeature> walker = new FeatureWalker<>(parser,
                () -> new RowFeature(profile, values, geometries, warnings()));
        return () -> read(walker);
    }

    /** The next batch, or null at the end of the file (closing it then). */
    private RowBatch read(FeatureWalker<RowFeature> walker) {
        if (parser == null) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
        long chars = 0;
        while (rows.size() < batchSize && chars < BATCH_CHARS) {
            RowFeature feature = walker.next();
            if (feature == null) {
                release();
                break;
            }
            rows.add(feature.row());
            chars += feature.chars();
        }
        return rows.isEmpty() ? null : new RowBatch(rows);
    }

    @Override
    protected void release() {
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
