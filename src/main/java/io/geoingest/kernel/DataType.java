package io.geoingest.kernel;

import java.util.Locale;

/**
 * CARTO's {@code data_type} of an import: where its data comes from. {@code query}: the
 * Import API's {@code sql} over the account's tables; {@code table}: a copy of one of them
 * ({@code table_copy}).
 */
public enum DataType {
    FILE, URL, DATASOURCE, QUERY, TABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataType of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
