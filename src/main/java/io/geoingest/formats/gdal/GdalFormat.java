package io.geoingest.formats.gdal;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.csv.CsvFormat;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.TableSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The formats GDAL reads (Shapefile, MapInfo TAB and MIF/MID, OSM XML, GeoPackage, GML): ogr2ogr
 * converts every layer to a CSV with the geometry as WKT in EPSG:4326, which {@link CsvFormat}
 * then reads like any CSV. Both stream, so memory stays bounded; the CSVs go to a fresh
 * directory beside the input, inside the import's work dir, and leave with it.
 *
 * <p>Table names: a single-layer file gives the file's base name; a multi-layer file (OSM,
 * GeoPackage, GML) gives {@code <base>_<layer>} per layer, e.g. {@code map2_points}. Empty
 * layers are skipped; a file with no feature at all fails with 1005.
 */
@Component("gdalFormat")
public class GdalFormat {
    private static final Logger log = LoggerFactory.getLogger(GdalFormat.class);
    private static final String CSV = ".csv";

    /**
     * GDAL's messages when the source coordinate system cannot be turned into EPSG:4326: an
     * authority code PROJ's EPSG database (the one PostGIS's spatial_ref_sys comes from) does
     * not hold, a definition it cannot transform, or a .prj it cannot read at all.
     */
    private static final List<String> UNKNOWN_SRS = List.of("crs not found", "failed to create coordinate transformation",
            "cannot find coordinate operations", "source layer has no");

    private final CsvFormat csv;
    private final Ogr2ogr ogr2ogr;
    private final long maxOsmNodes;

    public GdalFormat(CsvFormat csv, GdalProperties properties, ImportProperties imports) {
        this.csv = csv;
        this.ogr2ogr = new Ogr2ogr(properties.ogr2ogr(), properties.timeout());
        this.maxOsmNodes = imports.maxOsmNodes();
    }

    /**
     * One source per non-empty layer of {@code file}, in layer-name order.
     *
     * @throws ImportException 1002 for a type GDAL is not used for, an unreadable file or a
     *                         missing ogr2ogr; 1006 for a broken shapefile; 3101 for a
     *                         shapefile without .prj; 3008 for a coordinate system that cannot
     *                         be reprojected to EPSG:4326; 1007 for an OSM file with more than
     *                         {@code geoingest.imports.max-osm-nodes} nodes; 1005 when no layer
     *                         has rows; 6667 on timeout; the CSV reader's errors
     */
    public List<TableSource> layers(DataFile file, ImportOptions options) {
        GdalDriver driver = GdalDriver.of(file.extension()).orElseThrow(() -> new ImportException(
                ErrorCode.UNSUPPORTED_FILE, "GDAL is not used to read " + file.originalName()));
        Path input = file.path().toAbsolutePath().normalize();
        Path dir = input.getParent();
        checkContent(file, driver, input);
        if (driver == GdalDriver.SHAPEFILE) {
            ShapefileParts.check(input, file.originalName());
        } else if (driver == GdalDriver.OSM) {
            OsmNodes.check(input, file.originalName(), maxOsmNodes);
        }
        Path output = outputDir(dir).resolve("layers");
        convert(file, driver, dir, input, output);
        return open(file, output, options);
    }

    private void convert(DataFile file, GdalDriver driver, Path dir, Path input, Path output) {
        List<String> args = new ArrayList<>(List.of("-q"));
        args.addAll(driver.options());
        args.addAll(List.of("-t_srs", "EPSG:4326",
                // CARTO's the_geom is 2D and JTS reads no curves.
                "-dim", "XY", "-nlt", "CONVERT_TO_LINEAR",
                "-f", "CSV",
                "-lco", "GEOMETRY=AS_WKT",
                // the_geom is the geometry name CsvFormat prefers over any other column.
                "-lco", "GEOMETRY_NAME=the_geom",
                "-lco", "CREATE_CSVT=NO",
                "-lco", "STRING_QUOTING=IF_NEEDED"));
        // Relative to dir: "./" keeps names starting with "-" from being read as options.
        args.add("./" + dir.relativize(output));
        args.add("./" + input.getFileName());
        try {
            String warnings = ogr2ogr.run(dir, args);
            if (!warnings.isBlank()) {
                log.debug("ogr2ogr on {}: {}", file.originalName(), warnings);
            }
        } catch (Ogr2ogr.Failure e) {
            String message = e.getMessage().toLowerCase(Locale.ROOT);
            if (UNKNOWN_SRS.stream().anyMatch(message::contains)) {
                throw new ImportException(ErrorCode.UNKNOWN_SRID, "The coordinate system of " + file.originalName()
                        + " is unknown (not in spatial_ref_sys nor PROJ's database) or cannot be reprojected to"
                        + " EPSG:4326: " + e.getMessage(), e);
            }
            ErrorCode code = driver == GdalDriver.SHAPEFILE ? ErrorCode.INVALID_SHP : ErrorCode.UNSUPPORTED_FILE;
            throw new ImportException(code, "GDAL could not read " + file.originalName() + ": " + e.getMessage(), e);
        }
    }

    private static void checkContent(DataFile file, GdalDriver driver, Path input) {
        byte[] head;
        try (InputStream in = Files.newInputStream(input)) {
            head = in.readNBytes(GdalDriver.HEAD_BYTES);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not read " + file.originalName(), e);
        }
        if (!driver.accepts(head)) {
            ErrorCode code = driver == GdalDriver.SHAPEFILE ? ErrorCode.INVALID_SHP : ErrorCode.UNSUPPORTED_FILE;
            throw new ImportException(code, file.originalName() + " is not a ." + file.extension() + " file");
        }
    }

    private List<TableSource> open(DataFile file, Path output, ImportOptions options) {
        List<Path> layers = layerFiles(output);
        List<TableSource> sources = new ArrayList<>();
        try {
            for (Path layer : layers) {
                if (hasRows(layer)) {
                    String name = layers.size() == 1 ? file.baseName() : file.baseName() + "_" + layerName(layer);
                    sources.add(csv.open(new DataFile(layer, name + CSV), options));
                }
            }
        } catch (RuntimeException e) {
            sources.forEach(TableSource::close);
            throw e;
        }
        if (sources.isEmpty()) {
            throw new ImportException(ErrorCode.EMPTY_FILE, file.originalName() + " has no features");
        }
        return sources;
    }

    private static List<Path> layerFiles(Path output) {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(p -> p.getFileName().toString().endsWith(CSV)).sorted().toList();
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not list GDAL's output", e);
        }
    }

    private static String layerName(Path layer) {
        String n = layer.getFileName().toString();
        return n.substring(0, n.length() - CSV.length());
    }

    /** GDAL writes a header-only CSV for an empty layer. GDAL's headers hold no line breaks. */
    private static boolean hasRows(Path layer) {
        // ISO-8859-1 decodes any byte: only the line structure matters here.
        try (BufferedReader reader = Files.newBufferedReader(layer, StandardCharsets.ISO_8859_1)) {
            return reader.readLine() != null && reader.readLine() != null;
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not read GDAL's output", e);
        }
    }

    private static Path outputDir(Path dir) {
        try {
            return Files.createTempDirectory(dir, "gdal-");
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not create a directory for GDAL's output", e);
        }
    }
}
