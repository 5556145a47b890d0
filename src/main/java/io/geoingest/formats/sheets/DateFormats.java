package io.geoingest.formats.sheets;

/**
 * Whether an Excel number format shows a date or time. fastexcel-reader has no such test
 * (POI's DateUtil lives in the XLS jar, but needs its own cell objects); this one follows the
 * same rules: the built-in date formats, or a format string with date/time letters outside
 * quotes, escapes and brackets.
 */
final class DateFormats {
    private DateFormats() {
    }

    static boolean isDate(Integer formatId, String format) {
        if (formatId != null && ((formatId >= 14 && formatId <= 22) || (formatId >= 45 && formatId <= 47))) {
            return true;
        }
        if (format == null || format.isBlank() || format.equalsIgnoreCase("General")) {
            return false;
        }
        String f = format.split(";", 2)[0]; // the positive-number section decides
        boolean quoted = false;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '\\' || c == '_' || c == '*') {
                i++; // the next char is a literal or a padding
            } else if (c == '[') {
                int end = f.indexOf(']', i);
                String inside = end < 0 ? "" : f.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT);
                if (inside.matches("h+|m+|s+")) {
                    return true; // elapsed time, [h]:mm
                }
                i = end < 0 ? f.length() : end;
            } else if ("yYmMdDhHsS".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
