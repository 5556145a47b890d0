package io.geoingest.formats.gdal;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that the three parts of a Shapefile count the same records. GDAL reads as many
 * features as the {@code .shx} indexes and the {@code .dbf} holds, whichever is fewer, and says
 * nothing of the rest: a {@code .dbf} one record short, or a {@code .shx} from an older export,
 * would drop rows silently. The {@code .shp} is counted by walking its record headers, the
 * {@code .shx} by its length, the {@code .dbf} by its header and its length.
 */
final class ShapefileRecords {
    private static final int MAIN_HEADER = 100;
    private static final int RECORD_HEADER = 8;
    private static final int DBF_HEADER = 12;

    private final String name;
    private final String stem;

    private ShapefileRecords(String name) {
        this.name = name;
        this.stem = name.substring(0, name.lastIndexOf('.') + 1);
    }

    /**
     * @param name the .shp's name as uploaded, which messages name the parts after
     * @throws ImportException 1006 when the parts disagree or one is cut short; 1000 when one
     *                         cannot be read
     */
    static void check(Path shp, Path shx, Path dbf, String name) {
        new ShapefileRecords(name).check(shp, shx, dbf);
    }

    private void check(Path shp, Path shx, Path dbf) {
        try {
            long dbfRecords = dbfRecords(dbf);
            long shpSize = Files.size(shp);
            long indexed = indexedRecords(shx, shpSize);
            long held = shpRecords(shp);
            if (held != indexed) {
                throw disagreeing(name + " holds " + held + " records but " + stem + "shx indexes " + indexed);
            }
            if (held != dbfRecords) {
                throw disagreeing(name + " holds " + held + " records but " + stem + "dbf holds " + dbfRecords);
            }
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not read the parts of " + name, e);
        }
    }

    /**
     * Records that begin before the end of the file. One cut short is counted: GDAL reports it
     * as an error when it reads it.
     */
    private static long shpRecords(Path shp) throws IOException {
        long records = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(shp), 1 << 16))) {
            in.skipNBytes(MAIN_HEADER);
            while (in.available() > 0) {
                records++;
                in.readInt();
                // Content length in 16-bit words, big-endian like the record number.
                long content = 2 * Integer.toUnsignedLong(in.readInt());
                in.skipNBytes(content);
            }
        } catch (EOFException cutShort) {
            // The last record counted is incomplete.
        }
        return records;
    }

    /**
     * The .shx's entries, each checked to start inside the .shp. A record that starts there
     * but is cut short is GDAL's to report, as it does.
     */
    private long indexedRecords(Path shx, long shpSize) throws IOException {
        long size = Files.size(shx);
        if (size < MAIN_HEADER || (size - MAIN_HEADER) % RECORD_HEADER != 0) {
            throw invalid(stem + "shx is cut short or is not a shapefile index");
        }
        long entries = (size - MAIN_HEADER) / RECORD_HEADER;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(shx), 1 << 16))) {
            in.skipNBytes(MAIN_HEADER);
            for (long record = 1; record <= entries; record++) {
                long offset = 2 * Integer.toUnsignedLong(in.readInt());
                in.skipNBytes(4);
                if (offset < MAIN_HEADER || offset + RECORD_HEADER > shpSize) {
                    throw disagreeing(stem + "shx points record " + record + " outside " + name);
                }
            }
        }
        return entries;
    }

    /** The records the .dbf's header counts, checked against the records its length holds. */
    private long dbfRecords(Path dbf) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(DBF_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        try (var in = Files.newInputStream(dbf)) {
            header.put(in.readNBytes(DBF_HEADER));
        }
        long size = Files.size(dbf);
        int headerLength = Short.toUnsignedInt(header.getShort(8));
        int recordLength = Short.toUnsignedInt(header.getShort(10));
        if (size < DBF_HEADER || recordLength == 0 || headerLength > size) {
            throw invalid(stem + "dbf is cut short or is not a dBASE file");
        }
        long counted = Integer.toUnsignedLong(header.getInt(4));
        long held = (size - headerLength) / recordLength;
        // The end-of-file byte (0x1A) after the records is a record of its own when records are one byte long.
        if (held != counted && !(recordLength == 1 && held == counted + 1)) {
            throw invalid(stem + "dbf says it holds " + counted + " records but holds " + held
                    + ": it is cut short or damaged");
        }
        return counted;
    }

    private static ImportException invalid(String message) {
        return new ImportException(ErrorCode.INVALID_SHP, message);
    }

    private ImportException disagreeing(String message) {
        return invalid(message + ": the parts come from different exports or one is damaged, and only some records"
                + " would be imported; export the shapefile again and upload all its parts together");
    }
}
