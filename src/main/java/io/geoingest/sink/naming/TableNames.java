package io.geoingest.sink.naming;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CARTO's table naming rules (contract.md, "Naming rules CARTO applied"). Pure functions.
 *
 * <p>{@link #normalize(String)}, in order:
 * <ol>
 * <li>lower case; accents removed (NFKD), {@code ß→ss}, {@code æ→ae}, {@code ø→o}, {@code œ→oe},
 * {@code ł→l} and a few more; Greek and Cyrillic romanised ({@code Москва→moskva});</li>
 * <li>every other character (punctuation, spaces, quotes, emoji, CJK...) becomes {@code _}, except
 * at the start and the end of the name, where it is dropped: {@code "my file (2)"} gives
 * {@code my_file_2} (CARTO kept a trailing {@code _} there; we do not). The name's own underscores
 * are kept; runs of {@code _} collapse into one;</li>
 * <li>a name with no letter or digit left (empty, blank, only symbols, CJK) becomes
 * {@code untitled_table};</li>
 * <li>a name not starting with a letter gets the prefix {@code table_} ({@code 2024} →
 * {@code table_2024}, {@code _x} → {@code table_x});</li>
 * <li>cut to 63 characters (PostgreSQL's limit; the name is ASCII now, so characters are bytes);</li>
 * <li>a reserved name gets the suffix {@code _t} ({@code all} → {@code all_t}): PostgreSQL's
 * reserved key words, CARTO's system and reserved table names, and the few extra words CARTO
 * also refused.</li>
 * </ol>
 * The result is a valid unquoted PostgreSQL identifier, and {@code normalize} is idempotent.
 */
public final class TableNames {
    /** The name of a table whose source name gives nothing usable. */
    public static final String UNTITLED = "untitled_table";

    /** Candidates {@link #nextFree} tries (the name, then {@code _1} ... {@code _9999}) before giving up. */
    public static final int MAX_ATTEMPTS = 10_000;

    /** Tables of PostGIS and CARTO living beside the user's tables, and names CARTO kept for itself. */
    static final Set<String> CARTO_RESERVED = Set.of(
            "spatial_ref_sys", "geography_columns", "geometry_columns", "raster_columns", "raster_overviews",
            "cdb_tablemetadata", "geometry", "raster", "layergroup", "all", "public",
            // CARTO refused these for tables too
            "between", "new", "off", "old", "format", "controller", "action");

    static final Set<String> RESERVED = Stream.concat(Identifiers.RESERVED_WORDS.stream(), CARTO_RESERVED.stream())
            .collect(Collectors.toUnmodifiableSet());

    private static final String PREFIX = "table_";
    private static final String RESERVED_SUFFIX = "_t";

    private TableNames() {
    }

    /** The table name CARTO's rules give {@code raw} (a file's base name, a layer, a query's name); never null. */
    public static String normalize(String raw) {
        String name = Identifiers.clean(raw);
        if (!Identifiers.hasLetterOrDigit(name)) {
            return UNTITLED;
        }
        if (!Identifiers.startsWithLetter(name)) {
            name = Identifiers.collapseUnderscores(PREFIX + name);
        }
        name = Identifiers.truncate(name, Identifiers.MAX_LENGTH);
        if (RESERVED.contains(name)) {
            name = name + RESERVED_SUFFIX;
        }
        return name;
    }

    /** Whether {@code name} is one of the names a table may not have. */
    public static boolean isReserved(String name) {
        return name != null && RESERVED.contains(name);
    }

    /**
     * The first of {@code name}, {@code name_1}, {@code name_2}, ... that is not {@code taken}
     * (CARTO's behaviour when no collision strategy is given). The base is cut so that the
     * candidate stays within 63 characters; every candidate is checked, so a cut never yields a
     * taken name. {@code normalized} is normalised again first (a no-op for a normalised name).
     *
     * @throws ImportException with {@link ErrorCode#INVALID_NAME} (1014) after {@link #MAX_ATTEMPTS} taken candidates
     */
    public static String nextFree(String normalized, Predicate<String> taken) {
        Objects.requireNonNull(taken, "taken");
        String base = normalize(normalized);
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 1; n < MAX_ATTEMPTS; n++) {
            String candidate = Identifiers.withSuffix(base, n);
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw new ImportException(ErrorCode.INVALID_NAME,
                "No free table name for '" + base + "' after " + MAX_ATTEMPTS + " attempts");
    }
}
