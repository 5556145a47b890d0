package io.geoingest.rows;

/** The column types every source maps its values to, with the PostgreSQL type each becomes. */
public enum ColumnType {
    /** {@link Integer} values. */
    INTEGER("integer"),
    /** {@link Long} values. */
    BIGINT("bigint"),
    /** {@link Double} values. */
    DOUBLE("double precision"),
    /** {@link java.math.BigDecimal} values. */
    NUMERIC("numeric"),
    /** {@link Boolean} values. */
    BOOLEAN("boolean"),
    /** {@link java.time.LocalDate} values. */
    DATE("date"),
    /**
     * {@link java.time.LocalTime} values; {@link java.time.LocalTime#MAX} stands for
     * PostgreSQL's {@code 24:00:00}, which LocalTime cannot hold.
     */
    TIME("time"),
    /** {@link java.time.OffsetTime} values (time of day with its UTC offset); a LocalTime.MAX time is 24:00:00. */
    TIMETZ("timetz"),
    /** {@link java.time.LocalDateTime} values. */
    TIMESTAMP("timestamp"),
    /** {@link java.time.OffsetDateTime} values. */
    TIMESTAMPTZ("timestamptz"),
    /** {@link String} values. */
    TEXT("text"),
    /** {@link String} values holding JSON text, kept exactly as written. */
    JSON("json"),
    /** {@link String} values holding JSON text, stored as PostgreSQL's binary JSON. */
    JSONB("jsonb"),
    /** {@code byte[]} values. */
    BYTEA("bytea"),
    /** {@link org.locationtech.jts.geom.Geometry} values in EPSG:4326 (SRID set to 4326). */
    GEOMETRY("geometry(Geometry,4326)");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    public String sqlType() {
        return sqlType;
    }
}
