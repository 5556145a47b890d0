package io.geoingest.formats.gpx;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.features.FeatureFile;
import io.geoingest.formats.features.FeatureLayers;
import io.geoingest.formats.features.XmlCursor;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads GPX files as GDAL does: the non-empty ones of {@code <file>_waypoints}, {@code _routes},
 * {@code _tracks}, {@code _route_points} and {@code _track_points} ({@link GpxReader}). GPX
 * values are typed by its schema, so types are inferred whatever the type_guessing option;
 * labels (name, desc, sym, ...) stay text. Errors as for KML: 1005 without any point, 1000 for
 * malformed XML or a DOCTYPE.
 */
@Component("gpxFormat")
public class GpxFormat {
    private final ImportProperties properties;

    public GpxFormat(ImportProperties properties) {
        this.properties = properties;
    }

    public List<TableSource> layers(DataFile file, ImportOptions options) {
        Path path = file.path();
        try {
            if (XmlCursor.isBlank(Files.newInputStream(path))) {
                throw new ImportException(ErrorCode.EMPTY_FILE, "the file is empty");
            }
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
        String name = file.baseName();
        FeatureFile features = () -> new GpxReader(open(file), name);
        return FeatureLayers.profile(features, new FeatureLayers.Rules(true, GpxReader.TEXT_FIELDS,
                properties.batchSize(), properties.maxColumns(), Integer.MAX_VALUE, null));
    }

    private static InputStream open(DataFile file) {
        try {
            return file.open();
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
    }
}
