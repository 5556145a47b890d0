package io.geoingest.fetch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
}
