package io.geoingest.sql;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** A streamed download: its headers, and gzip when the client accepts it. */
public final class Attachment {
    private static final int BUFFER = 64 * 1024;

    private Attachment() {
    }

    /**
     * Sets the content type and {@code Content-Disposition: attachment; filename=...} (the name
     * percent-encoded as CARTO did, so no header can be forged through it) and opens the body,
     * gzip-compressed when the request's Accept-Encoding allows.
     */
    public static OutputStream open(HttpServletRequest request, HttpServletResponse response, String contentType,
                                    String filename) throws IOException {
        response.setContentType(contentType);
        response.setHeader("Content-Disposition", "attachment; filename="
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("Vary", "Accept-Encoding");
        // The container's own buffer as large as ours: each block goes out in one write, not eight.
        response.setBufferSize(BUFFER);
        OutputStream body = response.getOutputStream();
        if (acceptsGzip(request.getHeader("Accept-Encoding"))) {
            response.setHeader("Content-Encoding", "gzip");
            body = new FastGzip(body);
        }
        // Rows arrive one small write at a time (a COPY row, a CSV record): gathered here, they
        // reach the container and the deflater in large blocks.
        return new BufferedOutputStream(body, BUFFER);
    }

    /** Streams are large and the client waits: the fastest level still shrinks CSV several times. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** {@code gzip} (or {@code *}) listed without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) {
                return !refused(parts);
            }
        }
        return false;
    }

    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
