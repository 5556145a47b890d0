package io.geoingest.formats.gdal;

import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
     * {@code .prj} beside it.
     *
     * @throws ImportException 1006 when the .shx or .dbf is missing; 3101 when the .prj is
     */
    static void check(Path shp, String name) {
        for (String part : List.of("shx", "dbf")) {
            if (sibling(shp, part).isEmpty()) {
                throw new ImportException(ErrorCode.INVALID_SHP,
                        name + " has no ." + part + " file beside it: upload every part of the shapefile together, e.g. in a zip");
            }
        }
        if (sibling(shp, "prj").isEmpty()) {
            throw new ImportException(ErrorCode.MISSING_PRJ, "CARTO requires a PRJ file for every Shapefile archive: "
                    + name + " has none; add the .prj, named like the .shp, that the data came with");
        }
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
