package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;

/**
 * Streaming JSON parsers for user files, with limits so that one hostile value cannot exhaust
 * memory, and the translation of parser failures into import errors that say where.
 */
final class GeoJsonParsing {
    /** Characters of one string value. */
    static final int MAX_STRING_CHARS = 64 << 20;
    /** Bytes of one geometry or one nested property value, which are held whole while read. */
    static final long MAX_VALUE_BYTES = 32L << 20;
    /** GeoJSON needs 6 levels for a MultiPolygon in a collection; nested properties rarely more. */
    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Correctly rounded like the JDK's parser, several times faster: coordinates are most of a file.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build();

    private GeoJsonParsing() {
    }

    static JsonParser open(DataFile file) {
        try {
            return FACTORY.createParser(new RecordSeparators(new BufferedInputStream(file.open(), 1 << 16)));
        } catch (IOException e) {
            throw fileError(e);
        }
    }

    static JsonGenerator generator(Writer out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** A parse failure as 3007 with its line and column, other I/O failures as 1000. */
    static ImportException error(IOException e) {
        if (e instanceof StreamConstraintsException c) {
            return invalid(c.getLocation(), "a value is too large or too deeply nested (" + c.getOriginalMessage() + ")", e);
        }
        if (e instanceof JsonProcessingException j) {
            return invalid(j.getLocation(), "not valid JSON: " + j.getOriginalMessage(), e);
        }
        return fileError(e);
    }

    static ImportException invalid(JsonParser p, String what) {
        return invalid(p.currentTokenLocation(), what, null);
    }

    private static ImportException invalid(JsonLocation at, String what, Throwable cause) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ImportException(ErrorCode.INVALID_GEOJSON, "invalid GeoJSON" + where + ": " + what, cause);
    }

    private static ImportException fileError(IOException e) {
        return new ImportException(ErrorCode.FILE_IO, "cannot read the file: " + e.getMessage(), e);
    }

    /**
     * Reads RFC 8142 GeoJSON text sequences as plain whitespace-separated JSON values: the record
     * separator (0x1E) becomes a space. It cannot occur inside a UTF-8 multi-byte character,
     * and inside a JSON string it would be invalid anyway.
     */
    private static final class RecordSeparators extends FilterInputStream {
        private static final int RS = 0x1E;

        RecordSeparators(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b == RS ? ' ' : b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = off; i < off + n; i++) {
                if (buf[i] == RS) {
                    buf[i] = ' ';
                }
            }
            return n;
        }
    }
}
