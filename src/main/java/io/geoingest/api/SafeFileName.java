package io.geoingest.api;

/** A user-given file name made safe to create on disk: no directories, no control characters. */
final class SafeFileName {
    private SafeFileName() {
    }

    static String of(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '_' : cp));
        String safe = out.toString().strip();
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.length() > 200) {
            safe = safe.substring(safe.length() - 200);
        }
        return safe.isEmpty() ? "upload" : safe;
    }
}
