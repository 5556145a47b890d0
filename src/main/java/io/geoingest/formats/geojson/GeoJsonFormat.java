package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import io.geoingest.formats.DataFile;
import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import io.geoingest.imports.ImportOptions;
import io.geoingest.imports.ImportProperties;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Reads GeoJSON files in two passes with bounded memory. {@link #open} runs pass 1: it reads
 * the whole file once to collect the properties and infer their types, and checks that it is
 * GeoJSON, so that every error of a bad file surfaces here. The returned source streams the
 * rows in pass 2.
 */
@Component("geojsonFormat")
public class GeoJsonFormat {
    private final ImportProperties properties;

    public GeoJsonFormat(ImportProperties properties) {
        this.properties = properties;
    }

    /**
     * @throws ImportException EMPTY_FILE, INVALID_GEOJSON, TOO_MANY_COLUMNS or FILE_IO when the
     *                         file cannot be imported
     */
    public TableSource open(DataFile file, ImportOptions options) {
        SchemaProfile schema = new SchemaProfile(properties.maxColumns());
        PropertyValues values = new PropertyValues();
        GeometryReader geometries = new GeometryReader();
        try (JsonParser parser = GeoJsonParsing.open(file)) {
            FeatureWalker<ProfilingFeature> walker = new FeatureWalker<>(parser,
                    () -> new ProfilingFeature(schema, values, geometries));
            while (walker.next() != null) {
                // Each feature adds what it holds to the schema as it finishes.
            }
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
        return new GeoJsonTableSource(file, schema.profile(options.typeGuessing()),
                properties.batchSize());
    }
}
