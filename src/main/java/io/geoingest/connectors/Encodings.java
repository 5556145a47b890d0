package io.geoingest.connectors;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL character set names and aliases (the {@code encoding} parameter, as PostgreSQL's
 * own {@code encnames.c} accepts them: case and punctuation are ignored) mapped to Java charsets.
 *
 * <p>{@code LATIN1}/{@code iso88591} maps to windows-1252: the parameter describes text stored in
 * MySQL, and MySQL's {@code latin1} is cp1252 (it agrees with ISO-8859-1 except for 0x80-0x9F,
 * where ISO-8859-1 only has control characters). Encodings the JVM cannot decode
 * ({@code MULE_INTERNAL}, {@code LATIN6}, {@code LATIN8}) are not accepted.
 */
final class Encodings {
    /** Normalised alias → PostgreSQL encoding. */
    private static final Map<String, String> ALIASES = new HashMap<>();
    /** PostgreSQL encoding → Java charset name. */
    private static final Map<String, String> JAVA = new HashMap<>();

    static {
        java("BIG5", "Big5");
        java("EUC_CN", "GB2312");
        java("EUC_JP", "EUC-JP");
        java("EUC_JIS_2004", "EUC-JP");
        java("EUC_KR", "EUC-KR");
        java("EUC_TW", "x-EUC-TW");
        java("GB18030", "GB18030");
        java("GBK", "GBK");
        java("ISO_8859_5", "ISO-8859-5");
        java("ISO_8859_6", "ISO-8859-6");
        java("ISO_8859_7", "ISO-8859-7");
        java("ISO_8859_8", "ISO-8859-8");
        java("JOHAB", "x-Johab");
        java("KOI8R", "KOI8-R");
        java("KOI8U", "KOI8-U");
        java("LATIN1", "windows-1252");
        java("LATIN2", "ISO-8859-2");
        java("LATIN3", "ISO-8859-3");
        java("LATIN4", "ISO-8859-4");
        java("LATIN5", "ISO-8859-9");
        java("LATIN6", "ISO-8859-10");
        java("LATIN7", "ISO-8859-13");
        java("LATIN8", "ISO-8859-14");
        java("LATIN9", "ISO-8859-15");
        java("LATIN10", "ISO-8859-16");
        java("SJIS", "windows-31j");
        java("SHIFT_JIS_2004", "x-SJIS_0213");
        java("SQL_ASCII", "US-ASCII");
        java("UHC", "x-windows-949");
        java("UTF8", "UTF-8");
        java("WIN866", "IBM866");
        java("WIN874", "x-windows-874");
        for (int i = 1250; i <= 1258; i++) {
            java("WIN" + i, "windows-" + i);
        }

        alias("abc", "WIN1258");
        alias("alt", "WIN866");
        alias("iso88591", "LATIN1");
        alias("iso88592", "LATIN2");
        alias("iso88593", "LATIN3");
        alias("iso88594", "LATIN4");
        alias("iso88599", "LATIN5");
        alias("iso885910", "LATIN6");
        alias("iso885913", "LATIN7");
        alias("iso885914", "LATIN8");
        alias("iso885915", "LATIN9");
        alias("iso885916", "LATIN10");
        alias("koi8", "KOI8R");
        alias("mskanji", "SJIS");
        alias("shiftjis", "SJIS");
        alias("tcvn", "WIN1258");
        alias("tcvn5712", "WIN1258");
        alias("unicode", "UTF8");
        alias("vscii", "WIN1258");
        alias("win", "WIN1251");
        alias("win932", "SJIS");
        alias("win936", "GBK");
        alias("win949", "UHC");
        alias("win950", "BIG5");
        alias("windows866", "WIN866");
        alias("windows874", "WIN874");
        alias("windows932", "SJIS");
        alias("windows936", "GBK");
        alias("windows949", "UHC");
        alias("windows950", "BIG5");
        for (int i = 1250; i <= 1258; i++) {
            alias("windows" + i, "WIN" + i);
        }
    }

    private Encodings() {
    }

    private static void java(String pgName, String javaName) {
        JAVA.put(pgName, javaName);
        ALIASES.put(clean(pgName), pgName);
    }

    private static void alias(String alias, String pgName) {
        ALIASES.put(alias, pgName);
    }

    /** PostgreSQL's clean_encoding_name: lower case, letters and digits only. */
    static String clean(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The Java charset for a PostgreSQL encoding name or alias, if known and available. */
    static Optional<Charset> forPostgresName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String pg = ALIASES.get(clean(name));
        String javaName = pg == null ? null : JAVA.get(pg);
        if (javaName == null || !Charset.isSupported(javaName)) {
            return Optional.empty();
        }
        return Optional.of(Charset.forName(javaName));
    }
}
