package io.geoingest.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Safe local file names for names that come from outside (URLs, headers, archive entries). */
final class FileNames {
    /** Well under the usual 255-byte limit, leaving room for a "_12" suffix. */
    private static final int MAX_BYTES = 200;
    private static final int MAX_ATTEMPTS = 10_000;

    private FileNames() {
    }

    /**
     * The last path segment of {@code raw} ('/' or '\' separated) without control or format
     * characters and without leading dots, so it can only name a visible file in one directory;
     * "" when nothing is left.
     */
    static String sanitize(String raw) {
        String name = raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(sb::appendCodePoint);
        String clean = sb.toString().strip();
        int start = 0;
        while (start < clean.length() && clean.charAt(start) == '.') {
            start++;
        }
        int end = clean.length();
        while (end > start && (clean.charAt(end - 1) == '.' || Character.isWhitespace(clean.charAt(end - 1)))) {
            end--;
        }
        return truncate(clean.substring(start, end).strip());
    }

    /** The lower-case extension without the dot, or "". */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name without its last extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /**
     * Creates a new empty file in {@code dir} named {@code stem.ext}, or {@code stem_1.ext},
     * {@code stem_2.ext}, ... when taken; never overwrites nor follows an existing link.
     */
    static Path createUnique(Path dir, String stem, String ext) throws IOException {
        String suffix = ext.isEmpty() ? "" : "." + ext;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            try {
                return Files.createFile(dir.resolve(i == 0 ? stem + suffix : stem + "_" + i + suffix));
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
        throw new IOException("No free file name for " + stem + suffix);
    }

    static Path createUnique(Path dir, String name) throws IOException {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? createUnique(dir, name, "") : createUnique(dir, name.substring(0, dot), name.substring(dot + 1));
    }

    /** Cuts the stem, never the extension, until the name fits {@link #MAX_BYTES}. */
    private static String truncate(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - ext.length());
        while (!stem.isEmpty() && utf8Length(stem) + utf8Length(ext) > MAX_BYTES) {
            stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
        }
        return stem + ext;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
