package io.geoingest.formats.gdal;

import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a Shapefile's parts before GDAL reads it, for errors that name the missing part, and
 * decides its source projection when the {@code .prj} is missing.
 */
final class ShapefileParts {
    /** The main file header: file code 9994, then the bounding box at byte 36. */
    private static final int HEADER_BYTES = 100;
    private static final int FILE_CODE = 9994;

    private ShapefileParts() {
    }

    /**
     * Extra ogr2ogr arguments for the {@code .shp} at {@code shp}: none when it has a
     * {@code .prj}; {@code -s_srs EPSG:4326} when it has none but its extent fits longitudes
     * and latitudes (CARTO's guess).
     *
     * @throws ImportException 1006 when the .shx or .dbf is missing or the .shp is not a
     *                         shapefile; 3101 when the .prj is missing and the coordinates are
     *                         projected
     */
    static List<String> sourceSrs(Path shp, String name) {
        for (String part : List.of("shx", "dbf")) {
            if (sibling(shp, part).isEmpty()) {
                throw new ImportException(ErrorCode.INVALID_SHP,
                        name + " has no ." + part + " file beside it: upload every part of the shapefile together, e.g. in a zip");
            }
        }
        if (sibling(shp, "prj").isPresent()) {
            return List.of();
        }
        double[] box = boundingBox(shp, name);
        boolean lonLat = box[0] >= -180 && box[2] <= 180 && box[1] >= -90 && box[3] <= 90;
        if (!lonLat) {
            throw new ImportException(ErrorCode.MISSING_PRJ,
                    name + " has no .prj file and its coordinates are not longitudes and latitudes: add the .prj");
        }
        return List.of("-s_srs", "EPSG:4326");
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

    /** xmin, ymin, xmax, ymax from the header; NaN fails every comparison, so it counts as projected. */
    private static double[] boundingBox(Path shp, String name) {
        byte[] header;
        try (InputStream in = Files.newInputStream(shp)) {
            header = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not read " + name, e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        if (header.length < HEADER_BYTES || buffer.getInt(0) != FILE_CODE) {
            throw new ImportException(ErrorCode.INVALID_SHP, name + " is not a shapefile (bad header)");
        }
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return new double[] {buffer.getDouble(36), buffer.getDouble(44), buffer.getDouble(52), buffer.getDouble(60)};
    }
}
