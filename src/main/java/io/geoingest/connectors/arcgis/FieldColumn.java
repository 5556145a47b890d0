package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.JdbcValues;
import io.geoingest.rows.ColumnType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ArcGIS attribute field as a column, and its JSON values as the column type's Java values.
 * Types: OID, BigInteger → bigint (object ids are 64-bit since ArcGIS 11.2); Integer,
 * SmallInteger → integer; Double, Single → double; String, GUID, GlobalID, XML → text; Date
 * (epoch milliseconds) and TimestampOffset → timestamptz; DateOnly → date; TimeOnly → time;
 * a type this does not know → text. Blob and Raster fields cannot be read (the query answers
 * leave them out) and the Geometry field is the feature's geometry: they are no column.
 */
record FieldColumn(String name, ColumnType type) {
    private static final Map<String, ColumnType> TYPES = Map.ofEntries(
            Map.entry("esriFieldTypeOID", ColumnType.BIGINT), Map.entry("esriFieldTypeBigInteger", ColumnType.BIGINT),
            Map.entry("esriFieldTypeInteger", ColumnType.INTEGER),
            Map.entry("esriFieldTypeSmallInteger", ColumnType.INTEGER),
            Map.entry("esriFieldTypeDouble", ColumnType.DOUBLE), Map.entry("esriFieldTypeSingle", ColumnType.DOUBLE),
            Map.entry("esriFieldTypeString", ColumnType.TEXT), Map.entry("esriFieldTypeGUID", ColumnType.TEXT),
            Map.entry("esriFieldTypeGlobalID", ColumnType.TEXT), Map.entry("esriFieldTypeXML", ColumnType.TEXT),
            Map.entry("esriFieldTypeDate", ColumnType.TIMESTAMPTZ),
            Map.entry("esriFieldTypeTimestampOffset", ColumnType.TIMESTAMPTZ),
            Map.entry("esriFieldTypeDateOnly", ColumnType.DATE), Map.entry("esriFieldTypeTimeOnly", ColumnType.TIME));
    /** Fields that are not columns: the shape, and binary values query answers do not carry. */
    static final String GEOMETRY = "esriFieldTypeGeometry";
    static final Set<String> UNREADABLE = Set.of("esriFieldTypeBlob", "esriFieldTypeRaster");
    /** PostgreSQL's timestamptz range. */
    private static final Instant EARLIEST = Instant.parse("-4713-11-24T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59Z");

    /** The column of a field of type {@code esriType}, empty for the geometry and unreadable fields. */
    static Optional<FieldColumn> of(String name, String esriType) {
        if (GEOMETRY.equals(esriType) || UNREADABLE.contains(esriType)) {
            return Optional.empty();
        }
        return Optional.of(new FieldColumn(name, TYPES.getOrDefault(esriType, ColumnType.TEXT)));
    }

    /**
     * The value of {@code v} (null when missing or JSON null).
     *
     * @throws IllegalArgumentException when it is not a value of this column's type
     */
    Object read(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        try {
            return switch (type) {
                case INTEGER -> {
                    require(v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToInt(), v);
                    yield v.intValue();
                }
                case BIGINT -> {
                    require(v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToLong(), v);
                    yield v.longValue();
                }
                case DOUBLE -> {
                    require(v.isNumber(), v);
                    yield v.doubleValue();
                }
                case TIMESTAMPTZ -> v.isNumber() ? epochMillis(v) : OffsetDateTime.parse(v.asText());
                case DATE -> v.isNumber() ? epochMillis(v).toLocalDate() : LocalDate.parse(v.asText());
                case TIME -> LocalTime.parse(v.asText());
                default -> JdbcValues.clean(v.isContainerNode() ? v.toString() : v.asText());
            };
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a " + type.sqlType() + " value: " + v, e);
        }
    }

    private static OffsetDateTime epochMillis(JsonNode v) {
        require(v.canConvertToLong(), v);
        Instant t = Instant.ofEpochMilli(v.longValue());
        require(!t.isBefore(EARLIEST) && !t.isAfter(LATEST), v);
        return t.atOffset(ZoneOffset.UTC);
    }

    private static void require(boolean ok, JsonNode v) {
        if (!ok) {
            throw new IllegalArgumentException("unexpected value " + v);
        }
    }
}
