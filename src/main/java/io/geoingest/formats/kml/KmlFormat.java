package io.geoingest.formats.kml;

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
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Reads KML and KMZ files as one table per layer ({@link KmlReader} has the layering rule;
 * a file with one layer holding features gives one table named after the file, as CARTO,
 * whose {@code kml_splitter} split only multi-layer files; more than {@value #MAX_LAYERS}
 * such layers fail with TOO_MANY_LAYERS, 1019),
 * with columns name, description and the ExtendedData fields, types inferred over the layer
 * like CSV, and the_geom. Pass 1 runs here, so every error surfaces before a table is created:
 * EMPTY_FILE (1005) without Placemarks, EMPTY_KML (3202) with only NetworkLinks, FILE_IO
 * (1000) for malformed XML or a DOCTYPE, DECOMPRESSION (1003) for a broken KMZ.
 */
@Component("kmlFormat")
public class KmlFormat {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** More layers with features fail with 1019 (the seed's limit). */
    static final int MAX_LAYERS = 50;

    private final ImportProperties properties;

    public KmlFormat(ImportProperties properties) {
        this.properties = properties;
    }

    public List<TableSource> layers(DataFile file, ImportOptions options) {
        Supplier<InputStream> document = document(file);
        try {
            if (XmlCursor.isBlank(document.get())) {
                throw new ImportException(ErrorCode.EMPTY_FILE, "the file is empty");
            }
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
        String name = file.baseName();
        FeatureFile features = () -> new KmlReader(document.get(), name);
        return FeatureLayers.profile(features, new FeatureLayers.Rules(options.typeGuessing(), KmlReader.TEXT_FIELDS,
                properties.batchSize(), properties.maxColumns(), MAX_LAYERS, name));
    }

    /** KMZ is recognised by content, so a zipped KML named .kml is read too. */
    private static Supplier<InputStream> document(DataFile file) {
        if (isZip(file.path())) {
            return KmzEntry.find(file.path())::open;
        }
        return () -> {
            try {
                return file.open();
            } catch (IOException e) {
                throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
            }
        };
    }

    private static boolean isZip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(ZIP_MAGIC.length);
            return java.util.Arrays.equals(head, ZIP_MAGIC);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
        }
    }
}
