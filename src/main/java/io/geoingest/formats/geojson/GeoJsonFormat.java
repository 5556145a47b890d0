package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Reads GeoJSON files with bounded memory. {@link #open} profiles the first
 * {@code geoingest.imports.profile-sample} features (or the whole file) to collect the
 * properties and infer their types; the returned source streams the rows. When the sample was
 * not the whole file, the source checks every later value against the sample's types and, at
 * the first that needs another, profiles the rest and starts over
 * ({@link io.geoingest.rows.RowBatch#columnsChanged()}): one pass over a file whose sample
 * holds every type, and the same table as two full passes in any case.
 */
@Component("geojsonFormat")
public class GeoJsonFormat {
    private final ImportProperties properties;

    public GeoJsonFormat(ImportProperties properties) {
        this.properties = properties;
    }

    /**
     * @throws ImportException EMPTY_FILE, INVALID_GEOJSON, TOO_MANY_COLUMNS or FILE_IO when the
     *                         sample cannot be imported; an error past it surfaces while the rows are read
     */
    public TableSource open(DataFile file, ImportOptions options) {
        SchemaProfile schema = new SchemaProfile(properties.maxColumns(), options.typeGuessing());
        PropertyValues values = new PropertyValues();
        GeometryReader geometries = new GeometryReader();
        int sample = properties.profileSample();
        boolean wholeFile = false;
        try (JsonParser parser = GeoJsonParsing.open(file)) {
            FeatureWalker<ProfilingFeature> walker = new FeatureWalker<>(parser,
                    () -> new ProfilingFeature(schema, values, geometries));
            // Each feature adds what it holds to the schema as it finishes. One past the sample
            // tells whether the sample is the whole file.
            for (int read = 0; sample <= 0 || read <= sample; read++) {
                if (walker.next() == null) {
                    wholeFile = true;
                    break;
                }
            }
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
        return new GeoJsonTableSource(file, schema, !wholeFile, properties.batchSize());
    }
}
