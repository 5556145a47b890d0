package io.geoingest.formats.csv;

import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import java.util.HashSet;
import java.util.Set;

/**
 * What pass 1 learns about one column without keeping any of its values: the narrowest type
 * that holds them all and, for columns whose name makes them a geometry or coordinate
 * candidate, how many values qualify.
 *
 * <p>A column "holds geometry" when more than half of its first {@value #GEOMETRY_SAMPLE}
 * non-blank values are readable geometries ({@link GeometryText}). Geometry columns are
 * uniform in practice, and judging on a sample spares parsing every geometry twice. A
 * coordinate column "holds numbers" when more than half of all its non-blank values are
 * numbers; the others become rows without geometry, counted as invalid. With content guessing,
 * a column "names countries" when more than half of its first {@value #GEOMETRY_SAMPLE}
 * non-blank values name one ({@link CountryBoundaries}), and they name two countries or more
 * (a yes/no column is not Norway).
 */
public final class ColumnProfile {
    static final int GEOMETRY_SAMPLE = 1000;

    private final CellScanner scanner;
    private final boolean inferType;
    private final boolean quotedFieldsTyped;
    /** Null unless the column is a geometry candidate. */
    private final GeometryText geometryText;
    private final boolean coordinate;
    /** Null unless content guessing looks for countries. */
    private final CountryBoundaries countries;

    /** Null until the first non-blank value. */
    private ColumnType type;
    private long values;
    private long numbers;
    private int sampled;
    private int geometries;
    private int countrySampled;
    private int countryMatches;
    private final Set<String> countriesSeen = new HashSet<>();

    ColumnProfile(CellScanner scanner, boolean inferType, boolean quotedFieldsTyped, GeometryText geometryText,
                  boolean coordinate, CountryBoundaries countries) {
        this.scanner = scanner;
        this.inferType = inferType;
        this.quotedFieldsTyped = quotedFieldsTyped;
        this.geometryText = geometryText;
        this.coordinate = coordinate;
        this.countries = countries;
    }

    void observe(char[] b, int off, int len, boolean quoted) {
        boolean typing = inferType && type != ColumnType.TEXT;
        if (len == 0 || (!typing && geometryText == null && !coordinate && countries == null)) {
            return;
        }
        int start = CellScanner.trimStart(b, off, off + len);
        int end = CellScanner.trimEnd(b, start, off + len);
        if (start == end) {
            return;
        }
        values++;
        if (typing) {
            ColumnType valueType = quoted && !quotedFieldsTyped ? ColumnType.TEXT : scanner.classify(b, start, end);
            type = type == null ? valueType : widen(type, valueType);
        }
        if (coordinate && CellScanner.isNumber(b, start, end)) {
            numbers++;
        }
        if (geometryText != null && sampled < GEOMETRY_SAMPLE) {
            sampled++;
            if (geometryText.parse(new String(b, start, end - start)) != null) {
                geometries++;
            }
        }
        if (countries != null && countrySampled < GEOMETRY_SAMPLE) {
            countrySampled++;
            countries.country(new String(b, start, end - start)).ifPresent(country -> {
                countryMatches++;
                if (countriesSeen.size() < 2) {
                    countriesSeen.add(country);
                }
            });
        }
    }

    /** TEXT when not inferring or when the column never had a value. */
    ColumnType type() {
        return inferType && type != null ? type : ColumnType.TEXT;
    }

    boolean holdsGeometry() {
        return geometries > 0 && geometries * 2 > sampled;
    }

    /** The share of sampled values that name a country, when the column names countries; else 0. */
    double countryShare() {
        boolean names = countryMatches * 2 > countrySampled && countriesSeen.size() >= 2;
        return names ? (double) countryMatches / countrySampled : 0;
    }

    boolean holdsNumbers() {
        return numbers > 0 && numbers * 2 > values;
    }

    /**
     * The narrowest type holding values of both types: INTEGER, BIGINT, DOUBLE and NUMERIC
     * widen to the larger (NUMERIC, exact, beats DOUBLE), DATE and TIMESTAMP to TIMESTAMP;
     * anything else (a local time with a zoned one included, which would need a guessed time
     * zone) is TEXT; null (no value seen yet) gives the other. Public for the GeoJSON, KML and
     * GPX readers, which type their values by the CSV rules.
     */
    public static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == null || a == b) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (numericRank(a) >= 0 && numericRank(b) >= 0) {
            return numericRank(a) > numericRank(b) ? a : b;
        }
        if (isLocalTime(a) && isLocalTime(b)) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.TEXT;
    }

    private static int numericRank(ColumnType t) {
        return switch (t) {
            case INTEGER -> 0;
            case BIGINT -> 1;
            case DOUBLE -> 2;
            case NUMERIC -> 3;
            default -> -1;
        };
    }

    private static boolean isLocalTime(ColumnType t) {
        return t == ColumnType.DATE || t == ColumnType.TIMESTAMP;
    }
}
