package io.geoingest.sink.naming;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The character rules shared by {@link TableNames} and {@link ColumnNames}: transliteration to
 * ASCII, the replacement of other characters, PostgreSQL's length limit and reserved key words.
 */
final class Identifiers {
    /** PostgreSQL's identifier limit (NAMEDATALEN - 1) in bytes; our names are ASCII. */
    static final int MAX_LENGTH = 63;

    /**
     * PostgreSQL's key words that cannot be used as an unquoted name: those marked "reserved" and
     * "reserved (can be function or type)" in the SQL key words appendix, i.e.
     * {@code pg_get_keywords()} with catcode R or T (PostgreSQL 15), plus {@code system_user}
     * (reserved since PostgreSQL 16).
     */
    static final Set<String> RESERVED_WORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
            "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
            "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
            "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
            "verbose", "when", "where", "window", "with");

    /**
     * Letters that lose information or survive under NFKD, and the Greek and Cyrillic alphabets
     * (a simple, one-way romanisation). Keys are lower case; values are ASCII.
     */
    private static final Map<Integer, String> TRANSLITERATION = Map.ofEntries(
            // Latin letters without a canonical decomposition
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'æ', "ae"), Map.entry((int) 'ø', "o"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'ł', "l"), Map.entry((int) 'đ', "d"),
            Map.entry((int) 'ð', "d"), Map.entry((int) 'þ', "th"), Map.entry((int) 'ı', "i"),
            Map.entry((int) 'ħ', "h"), Map.entry((int) 'ŧ', "t"), Map.entry((int) 'ĸ', "k"),
            Map.entry((int) 'ŀ', "l"), Map.entry((int) 'ŉ', "n"), Map.entry((int) 'ŋ', "n"),
            Map.entry((int) 'ƒ', "f"), Map.entry((int) 'ə', "e"), Map.entry((int) 'ɨ', "i"),
            // Greek (accents are removed by NFD before this table is applied a second time)
            Map.entry((int) 'α', "a"), Map.entry((int) 'β', "v"), Map.entry((int) 'γ', "g"),
            Map.entry((int) 'δ', "d"), Map.entry((int) 'ε', "e"), Map.entry((int) 'ζ', "z"),
            Map.entry((int) 'η', "i"), Map.entry((int) 'θ', "th"), Map.entry((int) 'ι', "i"),
            Map.entry((int) 'κ', "k"), Map.entry((int) 'λ', "l"), Map.entry((int) 'μ', "m"),
            Map.entry((int) 'ν', "n"), Map.entry((int) 'ξ', "x"), Map.entry((int) 'ο', "o"),
            Map.entry((int) 'π', "p"), Map.entry((int) 'ρ', "r"), Map.entry((int) 'σ', "s"),
            Map.entry((int) 'ς', "s"), Map.entry((int) 'τ', "t"), Map.entry((int) 'υ', "y"),
            Map.entry((int) 'φ', "f"), Map.entry((int) 'χ', "ch"), Map.entry((int) 'ψ', "ps"),
            Map.entry((int) 'ω', "o"),
            // Cyrillic (й and ё before NFD would reduce them to и and е)
            Map.entry((int) 'а', "a"), Map.entry((int) 'б', "b"), Map.entry((int) 'в', "v"),
            Map.entry((int) 'г', "g"), Map.entry((int) 'ґ', "g"), Map.entry((int) 'д', "d"),
            Map.entry((int) 'е', "e"), Map.entry((int) 'ё', "yo"), Map.entry((int) 'є', "ye"),
            Map.entry((int) 'ж', "zh"), Map.entry((int) 'з', "z"), Map.entry((int) 'и', "i"),
            Map.entry((int) 'і', "i"), Map.entry((int) 'ї', "yi"), Map.entry((int) 'й', "y"),
            Map.entry((int) 'к', "k"), Map.entry((int) 'л', "l"), Map.entry((int) 'м', "m"),
            Map.entry((int) 'н', "n"), Map.entry((int) 'о', "o"), Map.entry((int) 'п', "p"),
            Map.entry((int) 'р', "r"), Map.entry((int) 'с', "s"), Map.entry((int) 'т', "t"),
            Map.entry((int) 'у', "u"), Map.entry((int) 'ў', "u"), Map.entry((int) 'ф', "f"),
            Map.entry((int) 'х', "kh"), Map.entry((int) 'ц', "ts"), Map.entry((int) 'ч', "ch"),
            Map.entry((int) 'ш', "sh"), Map.entry((int) 'щ', "shch"), Map.entry((int) 'ъ', ""),
            Map.entry((int) 'ы', "y"), Map.entry((int) 'ь', ""), Map.entry((int) 'э', "e"),
            Map.entry((int) 'ю', "yu"), Map.entry((int) 'я', "ya"));

    private Identifiers() {
    }

    /**
     * Lower case ASCII letters, digits and underscores only: accents and ligatures are
     * transliterated, every other character becomes {@code _} except at the start and the end,
     * where it is dropped (so {@code " Name (2) "} gives {@code name_2}); the name's own
     * underscores are kept, and runs of underscores collapse into one. May return "" or a name
     * without any letter or digit; the callers decide what that means.
     */
    static String clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String ascii = transliterate(raw);
        // '-' marks a replaced character: dropped at the ends, '_' elsewhere.
        StringBuilder marked = new StringBuilder(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            marked.append(kept ? c : '-');
        }
        int start = 0;
        int end = marked.length();
        while (start < end && marked.charAt(start) == '-') {
            start++;
        }
        while (end > start && marked.charAt(end - 1) == '-') {
            end--;
        }
        return collapseUnderscores(marked.substring(start, end).replace('-', '_'));
    }

    /** Lower case, accents removed, ligatures and compatibility forms decomposed, Greek and Cyrillic romanised. */
    static String transliterate(String raw) {
        String s = applyTable(raw.toLowerCase(Locale.ROOT));
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return applyTable(s.toLowerCase(Locale.ROOT));
    }

    private static String applyTable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String r = TRANSLITERATION.get(cp);
            if (r != null) {
                out.append(r);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static String collapseUnderscores(String s) {
        return s.replaceAll("_{2,}", "_");
    }

    /** Whether the name holds at least one letter or digit (else it is only underscores, or empty). */
    static boolean hasLetterOrDigit(String cleaned) {
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (c != '_') {
                return true;
            }
        }
        return false;
    }

    static boolean startsWithLetter(String s) {
        return !s.isEmpty() && s.charAt(0) >= 'a' && s.charAt(0) <= 'z';
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * {@code base} followed by {@code _n}, with the base cut (and a trailing underscore the cut
     * exposes dropped) so that the whole fits in {@link #MAX_LENGTH}.
     */
    static String withSuffix(String base, int n) {
        String suffix = "_" + n;
        String head = truncate(base, MAX_LENGTH - suffix.length());
        while (head.length() > 1 && head.endsWith("_")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + suffix;
    }
}
