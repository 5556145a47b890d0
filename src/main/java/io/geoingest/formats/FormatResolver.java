package io.geoingest.formats;

import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Which format route ({@code direct:format-<name>}) reads a data file, by its extension. */
@Component("formatResolver")
public class FormatResolver {
    private static final Map<String, String> BY_EXTENSION = Map.of(
            "csv", "csv",
            "tsv", "csv",
            "txt", "csv",
            // GDAL formats. A Shapefile's or MapInfo table's other parts (.shx .dbf .prj .cpg,
            // .map .id .dat, .mid) are not listed: supported() leaves them out, GDAL finds them
            // beside the main file.
            "shp", "gdal",
            "tab", "gdal",
            "mif", "gdal",
            "osm", "gdal",
            "gpkg", "gdal",
            "gml", "gdal");

    /**
     * The files of an upload that some format reads; others in an archive (a README, an
     * image) are left out, but an upload with none fails with 1002.
     */
    public List<DataFile> supported(List<DataFile> files) {
        List<DataFile> readable = files.stream().filter(f -> BY_EXTENSION.containsKey(f.extension())).toList();
        if (readable.isEmpty()) {
            format(files.get(0));
        }
        return readable;
    }

    public String format(DataFile file) {
        String format = BY_EXTENSION.get(file.extension());
        if (format == null) {
            throw new ImportException(ErrorCode.UNSUPPORTED_FILE,
                    "Unsupported file type: " + file.originalName() + " (supported here: " + BY_EXTENSION.keySet() + ")");
        }
        return format;
    }
}
