package io.geoingest.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Warnings reported in the import record's {@code warnings} field, e.g.
 * {@code {"invalid_geometries": 3}} or {@code {"max_rows_per_connection": 1000000}}.
 */
public final class ImportWarnings {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public void count(String key) {
        values.merge(key, 1L, (a, b) -> ((Long) a) + ((Long) b));
    }

    public void set(String key, Object value) {
        values.put(key, value);
    }

    public void addAll(ImportWarnings other) {
        other.values.forEach((k, v) -> {
            if (v instanceof Long n && values.get(k) instanceof Long m) {
                values.put(k, n + m);
            } else {
                values.put(k, v);
            }
        });
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }
}
