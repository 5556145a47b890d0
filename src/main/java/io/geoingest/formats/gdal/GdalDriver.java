package io.geoingest.formats.gdal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The GDAL drivers geoingest lets read a file, by extension, each with a check of the file's
 * first bytes. GDAL picks a driver by content (GDAL 3.6's ogr2ogr has no {@code -if}), so a file
 * named {@code x.osm} holding a VRT could make GDAL read other server files or URLs: the check
 * makes sure the content is what the extension says (see also {@link Ogr2ogr#SKIPPED_DRIVERS}).
 */
enum GdalDriver {
    // File code 9994, big-endian.
    SHAPEFILE(List.of("shp"), List.of(), head -> startsWith(head, new byte[] {0, 0, 0x27, 0x0a})),
    MAPINFO(List.of("tab", "mif"), List.of(), head -> {
        String text = ascii(head).stripLeading().toLowerCase(Locale.ROOT);
        // View and seamless tables name other tables by path: GDAL would read files outside the upload.
        boolean refersToOtherFiles = text.contains("open table") || text.contains("seamless");
        return (text.startsWith("!table") || text.startsWith("version")) && !refersToOtherFiles;
    }),
    // GDAL's custom index mishandles dumps whose node ids do not increase (corpus map2.osm).
    OSM(List.of("osm"), List.of("--config", "OSM_USE_CUSTOM_INDEXING", "NO"), head -> ascii(head).contains("<osm")),
    GEOPACKAGE(List.of("gpkg"), List.of(),
            head -> startsWith(head, "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII))),
    // No schema downloads (network access from a user's file) and no .gfs written beside the input.
    GML(List.of("gml"), List.of("-oo", "DOWNLOAD_SCHEMA=NO", "-oo", "WRITE_GFS=NO"), head -> {
        String text = ascii(head);
        return text.stripLeading().startsWith("<") && text.contains("gml");
    });

    /** Enough for an XML prolog and comments before the root element. */
    static final int HEAD_BYTES = 4096;

    private final List<String> extensions;
    private final List<String> options;
    private final Predicate<byte[]> content;

    GdalDriver(List<String> extensions, List<String> options, Predicate<byte[]> content) {
        this.extensions = extensions;
        this.options = options;
        this.content = content;
    }

    static Optional<GdalDriver> of(String extension) {
        return Arrays.stream(values()).filter(d -> d.extensions.contains(extension)).findFirst();
    }

    /** Whether the first {@link #HEAD_BYTES} bytes of a file look like this format. */
    boolean accepts(byte[] head) {
        return content.test(head);
    }

    /** Driver-specific ogr2ogr arguments. */
    List<String> options() {
        return options;
    }

    private static String ascii(byte[] head) {
        return new String(head, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
