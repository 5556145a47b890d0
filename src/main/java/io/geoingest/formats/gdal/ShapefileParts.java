package io.geoingest.formats.gdal;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a Shapefile's parts before GDAL reads it, for errors that name the missing part. As
 * CARTO, every Shapefile needs its {@code .prj}: a projection is never guessed from the
 * coordinates (a projected file whose numbers happen to fit longitudes and latitudes would be
 * placed silently in the wrong spot).
 */
final class ShapefileParts {
    private ShapefileParts() {
    }

    /**
     * Checks that the {@code .shp} at {@code shp} has its {@code .shx}, {@code .dbf} and
     * {@code .prj} beside it, and that its parts count the same records ({@link ShapefileRecords}).
     *
     * @throws ImportException 1006 when the .shx or .dbf is missing or the parts disagree; 3101
     *                         when the .prj is missing
     */
    static void check(Path shp, String name) {
        Path shx = required(shp, "shx", name);
        Path dbf = required(shp, "dbf", name);
        if (sibling(shp, "prj").isEmpty()) {
            throw new ImportException(ErrorCode.MISSING_PRJ, "CARTO requires a PRJ file for every Shapefile archive: "
                    + name + " has none; add the .prj, named like the .shp, that the data came with");
        }
        ShapefileRecords.check(shp, shx, dbf, name);
    }

    private static Path required(Path shp, String part, String name) {
        return sibling(shp, part).orElseThrow(() -> new ImportException(ErrorCode.INVALID_SHP,
                name + " has no ." + part + " file beside it: upload every part of the shapefile together, e.g. in a zip"));
    }

    /** The part GDAL would open: same base name, extension in lower or upper case. */
    private static Optional<Path> sibling(Path shp, String extension) {
        String file = shp.getFileName().toString();
        String stem = file.substring(0, file.lastIndexOf('.') + 1);
        return Stream.of(extension, extension.toUpperCase(Locale.ROOT))
                .map(e -> shp.resolveSibling(stem + e))
                .filter(Files::isRegularFile)
                .findFirst();
    }
}
