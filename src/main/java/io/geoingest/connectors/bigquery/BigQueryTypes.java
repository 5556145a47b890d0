package io.geoingest.connectors.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.geoingest.rows.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * BigQuery's column types as import column types, and their values (as the REST API writes
 * them: strings, timestamps as integer microseconds) as the Java values those types carry.
 * BYTES is bytea, INTERVAL its text. Arrays (REPEATED), STRUCT and RANGE have no column type: they are skipped.
 */
final class BigQueryTypes {
    private static final Map<StandardSQLTypeName, ColumnType> TYPES = Map.ofEntries(
            Map.entry(StandardSQLTypeName.STRING, ColumnType.TEXT),
            Map.entry(StandardSQLTypeName.JSON, ColumnType.JSON),
            // Its canonical text ("1-2 3 4:5:6.5": years-months days hours:minutes:seconds).
            Map.entry(StandardSQLTypeName.INTERVAL, ColumnType.TEXT),
            // Kept as WKT text unless it is chosen as the_geom.
            Map.entry(StandardSQLTypeName.GEOGRAPHY, ColumnType.TEXT),
            Map.entry(StandardSQLTypeName.INT64, ColumnType.BIGINT),
            Map.entry(StandardSQLTypeName.FLOAT64, ColumnType.DOUBLE),
            Map.entry(StandardSQLTypeName.NUMERIC, ColumnType.NUMERIC),
            Map.entry(StandardSQLTypeName.BIGNUMERIC, ColumnType.NUMERIC),
            Map.entry(StandardSQLTypeName.BOOL, ColumnType.BOOLEAN),
            Map.entry(StandardSQLTypeName.BYTES, ColumnType.BYTEA),
            Map.entry(StandardSQLTypeName.DATE, ColumnType.DATE),
            Map.entry(StandardSQLTypeName.TIME, ColumnType.TIME),
            Map.entry(StandardSQLTypeName.DATETIME, ColumnType.TIMESTAMP),
            Map.entry(StandardSQLTypeName.TIMESTAMP, ColumnType.TIMESTAMPTZ));

    private BigQueryTypes() {
    }

    /** The column type of a field, or null when it cannot be imported. */
    static ColumnType columnType(Field field) {
        StandardSQLTypeName type = standardType(field);
        return field.getMode() == Field.Mode.REPEATED || type == null ? null : TYPES.get(type);
    }

    /**
     * The field's type, or null when unknown. Schemas use the legacy names (INTEGER, FLOAT,
     * BOOLEAN, RECORD), which the client maps; their standard aliases (INT64, ...) it does not.
     */
    static StandardSQLTypeName standardType(Field field) {
        LegacySQLTypeName type = field.getType();
        if (type == null || type.getStandardType() != null) {
            return type == null ? null : type.getStandardType();
        }
        try {
            return StandardSQLTypeName.valueOf(type.name());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The value as {@code type} documents it, or null. */
    static Object value(ColumnType type, FieldValue v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (type) {
            case TEXT, JSON -> v.getStringValue();
            case BIGINT -> v.getLongValue();
            case DOUBLE -> v.getDoubleValue();
            case NUMERIC -> v.getNumericValue();
            case BOOLEAN -> v.getBooleanValue();
            // Base64 in the REST API.
            case BYTEA -> v.getBytesValue();
            case DATE -> LocalDate.parse(v.getStringValue());
            case TIME -> LocalTime.parse(v.getStringValue());
            // The REST API writes "2024-01-02T03:04:05.123456"; some tools a space instead of T.
            case TIMESTAMP -> LocalDateTime.parse(v.getStringValue().replace(' ', 'T'));
            case TIMESTAMPTZ -> timestamp(v.getTimestampValue());
            default -> throw new IllegalArgumentException("no BigQuery value for " + type);
        };
    }

    private static OffsetDateTime timestamp(long micros) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
        return instant.atOffset(ZoneOffset.UTC);
    }
}
