package io.geoingest.fetch;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An archive member's path, flattened: its directories only tell datasets apart, never where
 * the file goes, so {@code ../../etc/x}, {@code /abs/x} and {@code C:\x} all become plain {@code x}.
 *
 * @param dir      the member's directories, '/'-joined, without "." and ".." segments
 * @param fileName the last segment, sanitised
 */
record EntryName(String dir, String fileName) {

    /**
     * The name of a member worth extracting; empty for junk: macOS metadata ({@code __MACOSX/},
     * {@code ._x}) and hidden files or directories (names starting with '.').
     */
    static Optional<EntryName> of(String rawPath) {
        List<String> segments = Arrays.stream(rawPath.replace('\\', '/').split("/"))
                .filter(s -> !s.isEmpty() && !s.equals(".") && !s.equals(".."))
                .toList();
        if (segments.isEmpty()
                || segments.stream().anyMatch(s -> s.startsWith(".") || s.equalsIgnoreCase("__MACOSX"))) {
            return Optional.empty();
        }
        String fileName = FileNames.sanitize(segments.get(segments.size() - 1));
        if (fileName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EntryName(String.join("/", segments.subList(0, segments.size() - 1)), fileName));
    }

    /**
     * Which dataset the member belongs to: members in one directory with one base name (a
     * Shapefile's .shp/.shx/.dbf/.prj) are one dataset. Also the order datasets are taken in.
     */
    String datasetKey() {
        return (dir + "/" + FileNames.stem(fileName)).toLowerCase(Locale.ROOT);
    }

    /**
     * As {@link #datasetKey()}, but a file describing a Shapefile of the archive
     * ({@code x.VERSION.txt}, {@code x.README.html} beside {@code x.shp}, as Natural Earth ships
     * them) joins that Shapefile's dataset instead of counting as a dataset of its own.
     *
     * @param shapefiles the dataset keys of the archive's {@code .shp} members
     */
    String datasetKey(Set<String> shapefiles) {
        String own = datasetKey();
        if (shapefiles.contains(own)) {
            return own;
        }
        String path = (dir + "/" + fileName).toLowerCase(Locale.ROOT);
        return shapefiles.stream().filter(k -> path.startsWith(k + "."))
                .max(Comparator.comparingInt(String::length)).orElse(own);
    }
}
