package io.geoingest.formats;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ImportException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which format reads a data file: by its content when that is unmistakable (a spreadsheet, JSON,
 * KML/GPX/OSM/GML XML), else by its extension; a file without extension holding plain text is
 * read as CSV. Each format is read by its route, {@code direct:format-<name>}, which the choice
 * of {@code routes/sources/file.camel.yaml} picks by the name answered here.
 */
@Component("formatResolver")
public class FormatResolver {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("csv", "csv"),
            Map.entry("tsv", "csv"),
            Map.entry("txt", "csv"),
            Map.entry("xlsx", "spreadsheet"),
            Map.entry("xls", "spreadsheet"),
            Map.entry("ods", "spreadsheet"),
            Map.entry("geojson", "geojson"),
            Map.entry("json", "geojson"),
            Map.entry("geojsonl", "geojson"),
            Map.entry("geojsons", "geojson"),
            Map.entry("ndjson", "geojson"),
            Map.entry("kml", "kml"),
            Map.entry("kmz", "kml"),
            Map.entry("gpx", "gpx"),
            // GDAL reads these; their sidecars (.shx .dbf .prj .cpg .map .id .dat .mid) sit beside them.
            Map.entry("shp", "gdal"),
            Map.entry("tab", "gdal"),
            Map.entry("mif", "gdal"),
            Map.entry("osm", "gdal"),
            Map.entry("gpkg", "gdal"),
            Map.entry("gml", "gdal"));

    private static final Set<String> ARCHIVES = Set.of("zip", "tar", "gz", "tgz");

    /** Parts of a Shapefile or MapInfo table that GDAL reads beside the main file. */
    private static final Set<String> SIDECARS = Set.of("shx", "dbf", "prj", "cpg", "qpj", "sbn", "sbx", "map", "id",
            "dat", "mid", "ind");

    /**
     * The files of an upload that some format reads; others in an archive (a README, an
     * image) are left out and named in the warning {@code skipped_files}, but an upload with
     * none fails with 1002.
     */
    public List<DataFile> supported(List<DataFile> files, ImportContext ctx) {
        List<DataFile> readable = readable(files);
        if (readable.isEmpty()) {
            format(files.get(0));
        }
        List<String> skipped = files.stream()
                .filter(f -> !readable.contains(f) && !SIDECARS.contains(f.extension()))
                .map(DataFile::originalName).toList();
        if (!skipped.isEmpty()) {
            ctx.warnings().set("skipped_files", skipped);
        }
        return readable;
    }

    /**
     * The files some format reads (a Shapefile's .shp, not its sidecars). A file named after a
     * Shapefile of the upload plus a further suffix ({@code x.VERSION.txt}, {@code x.README.html}
     * beside {@code x.shp}, as Natural Earth ships them) describes that Shapefile and is no data
     * of its own, so it is never read, whatever its extension.
     */
    public List<DataFile> readable(List<DataFile> files) {
        Set<String> shapefiles = files.stream().filter(f -> f.extension().equals("shp"))
                .map(f -> stem(f).toLowerCase(Locale.ROOT) + ".").collect(Collectors.toSet());
        return files.stream()
                .filter(f -> !describesShapefile(f, shapefiles))
                .filter(f -> resolve(f).isPresent()).toList();
    }

    private static boolean describesShapefile(DataFile file, Set<String> shapefilePrefixes) {
        String name = file.originalName().toLowerCase(Locale.ROOT);
        return !file.extension().equals("shp") && shapefilePrefixes.stream().anyMatch(name::startsWith);
    }

    /** The name without its last extension. */
    private static String stem(DataFile file) {
        String n = file.originalName();
        return n.substring(0, n.length() - file.extension().length() - 1);
    }

    /**
     * Whether a file of this name, not yet read, may be data: an extension some format reads
     * (not a sidecar), an archive, or none (it would be sniffed).
     */
    public static boolean mayBeRead(String name) {
        String extension = new DataFile(Path.of(""), name).extension();
        return extension.isEmpty() || BY_EXTENSION.containsKey(extension) || ARCHIVES.contains(extension);
    }

    public String format(DataFile file) {
        return resolve(file).orElseThrow(() -> new ImportException(ErrorCode.UNSUPPORTED_FILE,
                "Unsupported file type: " + file.originalName() + " (supported here: " + BY_EXTENSION.keySet() + ")"));
    }

    /**
     * The format a name announces by its extension, for tagging an import's metrics before its
     * file is read: a format route's name, {@code archive}, or {@code unknown}.
     */
    public String announced(String name) {
        String extension = new DataFile(Path.of(""), name).extension();
        if (ARCHIVES.contains(extension)) {
            return "archive";
        }
        return BY_EXTENSION.getOrDefault(extension, "unknown");
    }

    private static Optional<String> resolve(DataFile file) {
        Optional<String> sniffed = ContentSniffer.extensionOf(file);
        if (sniffed.isPresent() && !sniffed.get().equals("csv") && BY_EXTENSION.containsKey(sniffed.get())) {
            return Optional.of(BY_EXTENSION.get(sniffed.get()));
        }
        String byExtension = BY_EXTENSION.get(file.extension());
        if (byExtension != null) {
            return Optional.of(byExtension);
        }
        // Plain text is only a guess: taken for a file without extension, not for a .pdf.
        return file.extension().isEmpty() ? sniffed.map(BY_EXTENSION::get) : Optional.empty();
    }
}
