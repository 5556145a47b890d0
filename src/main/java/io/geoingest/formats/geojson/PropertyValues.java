package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.geoingest.formats.csv.CellScanner;
import io.geoingest.rows.ColumnType;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Types, skips or converts one property value at the parser's current token. JSON says what a
 * value is, so only strings are looked into, and only for ISO dates and timestamps (the CSV
 * reader's rules, {@link CellScanner}): a string of digits stays text. Objects and arrays are
 * text holding their compact JSON, at most {@link GeoJsonParsing#MAX_VALUE_BYTES} of it; in a
 * text column numbers and booleans keep their JSON spelling, and in any other column a blank
 * string is null. Not thread-safe: one per parser.
 */
final class PropertyValues {
    /** How often a nested value being copied is measured (each measure allocates). */
    private static final int SIZE_CHECK_TOKENS = 1024;
    private final CellScanner scanner = new CellScanner();

    /**
     * The narrowest type the value needs, or null for a JSON null or a blank string; reads
     * nothing, so that the value can be {@link #skip skipped} or {@link #convert converted} next.
     */
    ColumnType type(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE, VALUE_FALSE -> ColumnType.BOOLEAN;
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> ColumnType.INTEGER;
                case LONG -> ColumnType.BIGINT;
                default -> ColumnType.NUMERIC;
            };
            // A double would be infinite: numeric holds it exactly.
            case VALUE_NUMBER_FLOAT -> finite(p) ? ColumnType.DOUBLE : ColumnType.NUMERIC;
            case VALUE_STRING -> stringType(p);
            default -> ColumnType.TEXT;
        };
    }

    /** Consumes the value: an object or an array whole, checking its size. */
    void skip(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            long start = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            checkNestedSize(p, start);
        }
    }

    /** Consumes the value, as the Java type of {@code type}, which {@link #type} said holds it. */
    Object convert(JsonParser p, ColumnType type) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            return compactJson(p);
        }
        if (t == JsonToken.VALUE_STRING && type != ColumnType.TEXT && isBlank(p)) {
            return null;
        }
        return switch (type) {
            case INTEGER -> p.getIntValue();
            case BIGINT -> p.getLongValue();
            case DOUBLE -> p.getDoubleValue();
            case NUMERIC -> p.getDecimalValue();
            case BOOLEAN -> p.getBooleanValue();
            case DATE, TIMESTAMP, TIMESTAMPTZ -> scanner.convert(type, p.getTextCharacters(), p.getTextOffset(),
                    p.getTextLength());
            default -> p.getText();
        };
    }

    /**
     * Whether the number is a finite double. Without an exponent, fewer than 309 characters
     * before the point stay below Double.MAX_VALUE (1.8e308): known without parsing, which
     * typing would otherwise do for every decimal number of the file.
     */
    private static boolean finite(JsonParser p) throws IOException {
        char[] b = p.getTextCharacters();
        int start = p.getTextOffset();
        int end = start + p.getTextLength();
        int point = end;
        for (int i = start; i < end; i++) {
            char c = b[i];
            if (c == 'e' || c == 'E') {
                return Double.isFinite(p.getDoubleValue());
            }
            if (c == '.' && point == end) {
                point = i;
            }
        }
        return point - start <= 308 || Double.isFinite(p.getDoubleValue());
    }

    private ColumnType stringType(JsonParser p) throws IOException {
        char[] b = p.getTextCharacters();
        int start = CellScanner.trimStart(b, p.getTextOffset(), p.getTextOffset() + p.getTextLength());
        int end = CellScanner.trimEnd(b, start, p.getTextOffset() + p.getTextLength());
        if (start == end) {
            return null;
        }
        ColumnType t = scanner.classify(b, start, end);
        return t == ColumnType.DATE || t == ColumnType.TIMESTAMP || t == ColumnType.TIMESTAMPTZ ? t : ColumnType.TEXT;
    }

    private static boolean isBlank(JsonParser p) throws IOException {
        int from = p.getTextOffset();
        int to = from + p.getTextLength();
        return CellScanner.trimStart(p.getTextCharacters(), from, to) == to;
    }

    /** Fails with 3007 once a nested value read from {@code start} on is past the limit. */
    private static void checkNestedSize(JsonParser p, long start) {
        if (p.currentLocation().getByteOffset() - start > GeoJsonParsing.MAX_VALUE_BYTES) {
            throw GeoJsonParsing.invalid(p, "a nested property value is larger than "
                    + (GeoJsonParsing.MAX_VALUE_BYTES >> 20) + " MB");
        }
    }

    /**
     * Numbers are copied as written, so that no precision is lost and none invented. The size
     * is checked as the value is read, so that a huge one fails before it fills the heap.
     */
    private static String compactJson(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        long start = p.currentTokenLocation().getByteOffset();
        try (JsonGenerator g = GeoJsonParsing.generator(out)) {
            int depth = 0;
            int tokens = 0;
            do {
                if (++tokens % SIZE_CHECK_TOKENS == 0) {
                    checkNestedSize(p, start);
                }
                switch (p.currentToken()) {
                    case START_OBJECT -> {
                        g.writeStartObject();
                        depth++;
                    }
                    case START_ARRAY -> {
                        g.writeStartArray();
                        depth++;
                    }
                    case END_OBJECT -> {
                        g.writeEndObject();
                        depth--;
                    }
                    case END_ARRAY -> {
                        g.writeEndArray();
                        depth--;
                    }
                    case FIELD_NAME -> g.writeFieldName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                    case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(p.currentToken() == JsonToken.VALUE_TRUE);
                    default -> g.writeNull();
                }
            } while (depth > 0 && p.nextToken() != null);
        }
        checkNestedSize(p, start);
        return out.toString();
    }
}
