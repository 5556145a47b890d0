package io.geoingest.sink;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.ColumnType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes rows in PostgreSQL's binary COPY format, for
 * {@code COPY t (c1, c2, ...) FROM STDIN (FORMAT binary)}: the signature header, then per row
 * an int16 field count and each field as an int32 length (-1 for NULL) and its bytes, then the
 * trailer. Cells hold the Java type their {@link ColumnType} documents.
 *
 * <p>Encodings: int4, int8, float8 (NaN and infinities included), numeric, bool; date as days
 * and timestamps as microseconds since 2000-01-01 (timestamptz converted to UTC, nanoseconds
 * rounded to the nearest microsecond); time as microseconds since midnight (nanoseconds rounded
 * down, {@code LocalTime.MAX} as 24:00:00), timetz as that and its offset; text as UTF-8 with U+0000 dropped, since PostgreSQL
 * rejects it in text and one stray NUL should not fail a whole import; json as its text and jsonb as version 1 and its text; bytea as its bytes; geometry as 2D
 * little-endian EWKB with the geometry's own SRID (PostGIS's binary input reads EWKB).
 *
 * <p>Rows are encoded into one reusable buffer, sent to the stream in writes of about 64 KB.
 * A value PostgreSQL cannot hold fails with {@link ImportException} ({@code LOAD_FAILED}) and
 * a cell of the wrong Java type with {@link IllegalArgumentException}; either way nothing of
 * that row has been written, so the caller may skip it or abort the COPY.
 *
 * <p>Not thread-safe: one writer per COPY. It does not close the stream.
 */
public final class BinaryCopyWriter {
    private static final byte[] HEADER = {
            'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, // signature
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // header extension length
    private static final int FLUSH_AT = 64 * 1024;
    /** 2000-01-01T00:00Z, PostgreSQL's epoch. */
    private static final long PG_EPOCH_SECOND = 946_684_800L;
    private static final long PG_EPOCH_DAY = 10_957L;

    private final ColumnType[] layout;
    private final OutputStream out;
    private final CopyBuffer buffer = new CopyBuffer(2 * FLUSH_AT);
    private final NumericEncoder numeric = new NumericEncoder();
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private long sent;

    /**
     * @param layout the COPY's columns in order
     * @param out    where the COPY data goes, usually a PgJDBC {@code PGCopyOutputStream}
     */
    public BinaryCopyWriter(List<ColumnType> layout, OutputStream out) {
        this.layout = layout.toArray(ColumnType[]::new);
        this.out = out;
        buffer.write(HEADER, HEADER.length);
    }

    /** Writes one row; {@code cells} is aligned with the layout and may hold nulls. */
    public void writeRow(Object[] cells) throws IOException {
        if (cells.length != layout.length) {
            throw new IllegalArgumentException("Row has " + cells.length + " cells, the COPY " + layout.length);
        }
        int rowStart = buffer.size();
        try {
            buffer.int16(layout.length);
            for (int i = 0; i < layout.length; i++) {
                writeField(i, cells[i]);
            }
        } catch (RuntimeException e) {
            buffer.truncate(rowStart);
            throw e;
        }
        if (buffer.size() >= FLUSH_AT) {
            drain();
        }
    }

    /** The bytes handed to the output so far. */
    public long bytesSent() {
        return sent;
    }

    private void drain() throws IOException {
        sent += buffer.size();
        buffer.drainTo(out);
    }

    /** Writes the trailer and sends everything buffered; the caller then ends the COPY. */
    public void finish() throws IOException {
        buffer.int16(-1);
        drain();
        out.flush();
    }

    private void writeField(int column, Object value) throws IOException {
        if (value == null) {
            buffer.int32(-1);
            return;
        }
        try {
            switch (layout[column]) {
                case INTEGER -> {
                    buffer.int32(4);
                    buffer.int32((Integer) value);
                }
                case BIGINT -> {
                    buffer.int32(8);
                    buffer.int64((Long) value);
                }
                case DOUBLE -> {
                    buffer.int32(8);
                    buffer.int64(Double.doubleToLongBits((Double) value));
                }
                case NUMERIC -> numeric.write((BigDecimal) value, buffer);
                case BOOLEAN -> {
                    buffer.int32(1);
                    buffer.int8((Boolean) value ? 1 : 0);
                }
                case DATE -> {
                    buffer.int32(4);
                    buffer.int32(days((LocalDate) value));
                }
                case TIME -> {
                    buffer.int32(8);
                    buffer.int64(timeMicros((LocalTime) value));
                }
                case TIMETZ -> {
                    // PostgreSQL's timetz: the time, then the zone in seconds west of UTC.
                    OffsetTime t = (OffsetTime) value;
                    buffer.int32(12);
                    buffer.int64(timeMicros(t.toLocalTime()));
                    buffer.int32(-t.getOffset().getTotalSeconds());
                }
                case TIMESTAMP -> {
                    LocalDateTime t = (LocalDateTime) value;
                    buffer.int32(8);
                    buffer.int64(micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), value));
                }
                case TIMESTAMPTZ -> {
                    OffsetDateTime t = (OffsetDateTime) value;
                    buffer.int32(8);
                    buffer.int64(micros(t.toEpochSecond(), t.getNano(), value));
                }
                case TEXT -> {
                    int at = buffer.beginField();
                    buffer.utf8((String) value);
                    buffer.endField(at);
                }
                case JSON -> {
                    int at = buffer.beginField();
                    buffer.utf8((String) value);
                    buffer.endField(at);
                }
                case JSONB -> {
                    // jsonb's binary input: format version 1, then the JSON text.
                    int at = buffer.beginField();
                    buffer.int8(1);
                    buffer.utf8((String) value);
                    buffer.endField(at);
                }
                case BYTEA -> {
                    byte[] b = (byte[]) value;
                    buffer.int32(b.length);
                    buffer.write(b, b.length);
                }
                case GEOMETRY -> {
                    int at = buffer.beginField();
                    wkb.write((Geometry) value, buffer);
                    buffer.endField(at);
                }
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("Column " + column + " is " + layout[column] + " but holds a "
                    + value.getClass().getName(), e);
        }
    }

    /**
     * Microseconds since midnight, nanoseconds rounded down (rounding up could pass midnight);
     * LocalTime.MAX is PostgreSQL's 24:00:00.
     */
    private static long timeMicros(LocalTime t) {
        return t.equals(LocalTime.MAX) ? 86_400_000_000L : t.toNanoOfDay() / 1000;
    }

    private static int days(LocalDate date) {
        long days = date.toEpochDay() - PG_EPOCH_DAY;
        if (days != (int) days) {
            throw outOfRange(date);
        }
        return (int) days;
    }

    private static long micros(long epochSecond, int nano, Object value) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECOND, 1_000_000L), (nano + 500) / 1000);
        } catch (ArithmeticException e) {
            throw outOfRange(value);
        }
    }

    private static ImportException outOfRange(Object value) {
        return new ImportException(ErrorCode.LOAD_FAILED, "Date or time out of PostgreSQL's range: " + value);
    }
}
