package io.geoingest.imports;

import java.util.Locale;

/** CARTO's {@code data_type} of an import: where its data comes from. */
public enum DataType {
    FILE, URL, DATASOURCE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataType of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
