package io.geoingest.formats.gdal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Breaks the parts of a test shapefile the way real broken uploads are broken. */
final class ShapefileBytes {
    private static final int SHX_HEADER = 100;
    private static final int SHX_ENTRY = 8;
    private static final byte DBF_END = 0x1A;

    private ShapefileBytes() {
    }

    /** Keeps the first {@code records} records of a .dbf, its header counting them. */
    static void keepDbfRecords(Path dbf, int records) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dbf)).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.getShort(8) + records * bytes.getShort(10);
        bytes.putInt(4, records);
        Files.write(dbf, withEnd(Arrays.copyOf(bytes.array(), end)));
    }

    /** Appends a copy of the last record to a .dbf, its header counting it. */
    static void duplicateLastDbfRecord(Path dbf) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dbf)).order(ByteOrder.LITTLE_ENDIAN);
        int count = bytes.getInt(4);
        int headerLength = bytes.getShort(8);
        int recordLength = bytes.getShort(10);
        int end = headerLength + count * recordLength;
        byte[] longer = Arrays.copyOf(bytes.array(), end + recordLength);
        System.arraycopy(longer, end - recordLength, longer, end, recordLength);
        ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putInt(4, count + 1);
        Files.write(dbf, withEnd(longer));
    }

    /** Changes only the record count of a .dbf's header. */
    static void setDbfRecordCount(Path dbf, int records) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dbf)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(4, records);
        Files.write(dbf, bytes.array());
    }

    /** Keeps the first {@code records} entries of a .shx, its header's length matching. */
    static void keepShxRecords(Path shx, int records) throws IOException {
        byte[] kept = Arrays.copyOf(Files.readAllBytes(shx), SHX_HEADER + records * SHX_ENTRY);
        ByteBuffer.wrap(kept).putInt(24, kept.length / 2);
        Files.write(shx, kept);
    }

    /** Points the entry of record {@code index} (0-based) at {@code offsetWords} 16-bit words. */
    static void setShxOffset(Path shx, int index, int offsetWords) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(shx));
        bytes.putInt(SHX_HEADER + index * SHX_ENTRY, offsetWords);
        Files.write(shx, bytes.array());
    }

    private static byte[] withEnd(byte[] records) {
        byte[] ended = Arrays.copyOf(records, records.length + 1);
        ended[records.length] = DBF_END;
        return ended;
    }
}
