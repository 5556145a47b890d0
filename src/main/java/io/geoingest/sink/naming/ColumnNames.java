package io.geoingest.sink.naming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CARTO's column naming rules (contract.md, "Naming rules CARTO applied"). Pure functions.
 *
 * <p>Each name ({@link #sanitize(String)}):
 * <ol>
 * <li>lower case, accents and ligatures transliterated, Greek and Cyrillic romanised, exactly as for
 * tables ({@link TableNames});</li>
 * <li>every other character becomes {@code _}, except at the start and the end, where it is dropped
 * ({@code " Population (2020) "} → {@code population_2020}); the name's own underscores are kept;
 * runs of {@code _} collapse;</li>
 * <li>a name with no letter or digit left (empty, blank, only symbols, CJK) becomes
 * {@code untitled_column};</li>
 * <li>a name not starting with a letter or {@code _}, or a reserved word (PostgreSQL's reserved key
 * words and system column names such as {@code oid}, {@code xmin}, {@code ctid}), gets a leading
 * {@code _} ({@code 2020} → {@code _2020}, {@code select} → {@code _select}); {@code column} is the
 * one key word kept as it is, as CARTO did;</li>
 * <li>cut to 63 characters.</li>
 * </ol>
 *
 * <p>Then the list is made unique ({@link #normalize(List)}): the first column holding a name keeps
 * it; each later duplicate gets the first free {@code _1}, {@code _2}, ... (the base cut to fit 63
 * characters), where free means used by no other column of the list, earlier or later. So
 * {@code column,column,third} gives {@code column, column_1, third}, and
 * {@code column,column,column_1} gives {@code column, column_2, column_1}: a source column already
 * named {@code column_1} keeps its name.
 */
public final class ColumnNames {
    /** The name of a column whose source name gives nothing usable. */
    public static final String UNTITLED = "untitled_column";

    /** PostgreSQL's system columns: a user column cannot have these names. */
    static final Set<String> SYSTEM_COLUMNS = Set.of("oid", "tableoid", "xmin", "cmin", "xmax", "cmax", "ctid");

    /**
     * Reserved key words CARTO left alone in column names: its importer kept a CSV header
     * {@code column,column} as {@code column, column_1} (the corpus' duplicated_column_name.csv).
     * Safe, because every statement quotes column names.
     */
    static final Set<String> ALLOWED_KEY_WORDS = Set.of("column");

    static final Set<String> RESERVED = Stream.concat(Identifiers.RESERVED_WORDS.stream(), SYSTEM_COLUMNS.stream())
            .filter(w -> !ALLOWED_KEY_WORDS.contains(w))
            .collect(Collectors.toUnmodifiableSet());

    private ColumnNames() {
    }

    /**
     * The column names for {@code raw}, in the same order, unique, each a valid unquoted
     * PostgreSQL identifier of at most 63 characters. Null elements count as blank names.
     */
    public static List<String> normalize(List<String> raw) {
        List<String> bases = new ArrayList<>(raw.size());
        for (String r : raw) {
            bases.add(sanitize(r));
        }
        // Every name some column has after sanitising is kept by the first column holding it.
        Set<String> used = new HashSet<>(bases);
        Set<String> firstSeen = new HashSet<>();
        Map<String, Integer> nextSuffix = new HashMap<>();
        List<String> out = new ArrayList<>(bases.size());
        for (String base : bases) {
            if (firstSeen.add(base)) {
                out.add(base);
                continue;
            }
            // Candidates tried before for this base were taken then and still are: resume after them.
            int n = nextSuffix.getOrDefault(base, 1);
            String candidate = Identifiers.withSuffix(base, n);
            while (used.contains(candidate)) {
                n++;
                candidate = Identifiers.withSuffix(base, n);
            }
            nextSuffix.put(base, n + 1);
            used.add(candidate);
            out.add(candidate);
        }
        return List.copyOf(out);
    }

    /** One column name by the rules above, without deduplication; never null. */
    public static String sanitize(String raw) {
        String name = Identifiers.clean(raw);
        if (!Identifiers.hasLetterOrDigit(name)) {
            return UNTITLED;
        }
        if (!(Identifiers.startsWithLetter(name) || name.startsWith("_")) || RESERVED.contains(name)) {
            name = Identifiers.collapseUnderscores("_" + name);
        }
        return Identifiers.truncate(name, Identifiers.MAX_LENGTH);
    }

    /** Whether {@code name} is a reserved word or system column name that a column may not have as such. */
    public static boolean isReserved(String name) {
        return name != null && RESERVED.contains(name);
    }
}
