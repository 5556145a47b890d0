package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.kernel.DataFile;
import io.geoingest.rows.Column;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.ReadOnceTableSource;
import io.geoingest.rows.RowBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A profiled GeoJSON file streamed as batches. The file is opened when
 * {@link #batches()} is called and closed when the features run out or on {@link #close()}.
 * A profile guessed from a sample is checked feature by feature ({@link RowFeature}); the
 * first feature that needs other columns ends the guess: the rest of the file is profiled, the
 * profile becomes the whole file's, and the rows start over with
 * {@link RowBatch#columnsChangedStartingOver()}.
 */
final class GeoJsonTableSource extends ReadOnceTableSource {
    /**
     * A batch also ends once its rows hold this many characters, so that a batch of big
     * geometries stays within a few tens of MB whatever the batch size.
     */
    private static final long BATCH_CHARS = 16L << 20;

    private final DataFile file;
    private final SchemaProfile schema;
    private final int batchSize;
    private final PropertyValues values = new PropertyValues();
    private final GeometryReader geometries = new GeometryReader();
    /** What the features being read become. */
    private enum Pass {
        /** Rows, each checked against the guessed profile. */
        CHECKING_GUESS,
        /** Nothing but what they add to the schema: the guess failed. */
        PROFILING_REST,
        /** Rows of the whole file's profile. */
        ROWS
    }

    /** Warnings of rows read under a guess, which are void if the guess fails. */
    private final ImportWarnings guessWarnings = new ImportWarnings();
    /** Set by the thread reading the rows, read by the sink's after {@link RowBatch#columnsChanged()}. */
    private volatile GeoJsonProfile profile;
    private Pass pass;
    private JsonParser parser;
    private FeatureWalker<Object> walker;

    /** @param guessed whether {@code schema} comes from a sample of the file rather than all of it */
    GeoJsonTableSource(DataFile file, SchemaProfile schema, boolean guessed, int batchSize) {
        super("GeoJSON source", file.baseName());
        this.file = file;
        this.schema = schema;
        this.pass = guessed ? Pass.CHECKING_GUESS : Pass.ROWS;
        this.batchSize = batchSize;
        this.profile = schema.profile();
    }

    @Override
    public List<Column> columns() {
        return profile.columns();
    }

    @Override
    protected Supplier<RowBatch> openRows() {
        openWalker();
        return this::read;
    }

    private void openWalker() {
        parser = GeoJsonParsing.open(file);
        walker = new FeatureWalker<>(parser, () -> switch (pass) {
            case CHECKING_GUESS -> new RowFeature(profile, values, geometries, guessWarnings, schema);
            case PROFILING_REST -> new ProfilingFeature(schema, values, geometries);
            case ROWS -> new RowFeature(profile, values, geometries, warnings());
        });
    }

    /** The next batch, or null at the end of the file (closing it then). */
    private RowBatch read() {
        if (parser == null) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
        long chars = 0;
        while (rows.size() < batchSize && chars < BATCH_CHARS) {
            RowFeature feature = (RowFeature) walker.next();
            if (feature == null) {
                release();
                if (pass == Pass.CHECKING_GUESS) {
                    warnings().addAll(guessWarnings);
                }
                break;
            }
            if (feature.changedSchema() && !schema.profile().equals(profile)) {
                return startOver();
            }
            rows.add(feature.row());
            chars += feature.chars();
        }
        return rows.isEmpty() ? null : new RowBatch(rows);
    }

    /**
     * Profiles the rest of the file, then reads it again from the start with the whole file's
     * profile. Profiling a big file takes long: an interrupt (the sink closing the read) ends it.
     */
    private RowBatch startOver() {
        pass = Pass.PROFILING_REST;
        Thread reader = Thread.currentThread();
        while (!reader.isInterrupted() && walker.next() != null) {
            // Each feature adds what it holds to the schema as it finishes.
        }
        release();
        if (reader.isInterrupted()) {
            return null;
        }
        profile = schema.profile();
        pass = Pass.ROWS;
        openWalker();
        return RowBatch.columnsChangedStartingOver();
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
