package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.geoingest.fetch.UrlDownloader;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GETs of an ArcGIS REST API answering JSON, through {@link UrlDownloader#open} (address
 * policy on every request and redirect, timeouts). Each answer is read whole as a tree, at most
 * {@code maxAnswerBytes} of it.
 *
 * <p>Errors ({@link ImportException}): ArcGIS answers its errors with HTTP 200 and
 * {@code {"error": {"code", "message", "details"}}}: 1101 for a layer that needs a token (498,
 * 499) or is forbidden (401, 403), else 1011 with the server's message; an answer that is not
 * a JSON object (truncated, HTML, trailing text) 1011; the server cannot be reached or answers
 * an HTTP error 1012; unknown host 1102, HTTP 404 1100 as for downloads; an answer not complete
 * within {@code geoingest.download.timeout} 1020; too large 6666.
 */
final class ArcGisClient {
    private final UrlDownloader downloader;
    private final Duration timeout;
    private final long maxAnswerBytes;
    /** Bare NaN is read (ArcGIS Server writes it for some empty coordinates); values are checked after. */
    private final ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** @param timeout the downloader's: it closes an answer still coming after it */
    ArcGisClient(UrlDownloader downloader, Duration timeout, long maxAnswerBytes) {
        this.downloader = downloader;
        this.timeout = timeout;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** The JSON object {@code resource} answers to {@code params} ({@code f=json} and the like). */
    JsonNode get(URI resource, Map<String, String> params) {
        String url = resource + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        JsonNode answer;
        long start = System.nanoTime();
        try (InputStream in = new Limited(open(url), maxAnswerBytes, url)) {
            answer = json.readTree(in);
        } catch (IOException e) {
            // Past the deadline the downloader closed the answer: whatever the read then saw.
            if (System.nanoTime() - start >= timeout.toNanos()) {
                throw new ImportException(ErrorCode.DOWNLOAD_TIMEOUT, "The ArcGIS server's answer to " + url
                        + " took longer than " + timeout + " (geoingest.download.timeout)", e);
            }
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "The ArcGIS server's answer to " + url
                    + (e instanceof JacksonException j ? " is not valid JSON: " + j.getOriginalMessage()
                            : " broke off: " + e), e);
        }
        if (answer == null || !answer.isObject()) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY,
                    "The ArcGIS server's answer to " + url + " is not a JSON object");
        }
        if (answer.has("error")) {
            throw serverError(answer.get("error"), url);
        }
        return answer;
    }

    private InputStream open(String url) {
        try {
            return downloader.open(url);
        } catch (ImportException e) {
            if (e.code() == ErrorCode.DOWNLOAD) {
                throw new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                        "Cannot get an answer from the ArcGIS server: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static ImportException serverError(JsonNode error, String url) {
        int code = error.path("code").asInt(0);
        StringBuilder message = new StringBuilder("The ArcGIS server answered error ").append(code).append(": ")
                .append(error.path("message").asText("(no message)"));
        for (JsonNode detail : error.path("details")) {
            if (!detail.asText().isBlank()) {
                message.append("; ").append(detail.asText());
            }
        }
        message.append(" (").append(url).append(')');
        ErrorCode ours = switch (code) {
            case 401, 403, 498, 499 -> ErrorCode.DOWNLOAD_FORBIDDEN;
            default -> ErrorCode.DATASOURCE_QUERY;
        };
        return new ImportException(ours, message.toString());
    }

    /** Fails with 6666 once more than {@code max} bytes have been read. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private final String url;
        private long count;

        Limited(InputStream in, long max, String url) {
            super(in);
            this.max = max;
            this.url = url;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > max) {
                throw new ImportException(ErrorCode.DATASET_TOO_BIG, "The ArcGIS server's answer to " + url
                        + " is larger than " + max + " bytes (geoingest.connectors.arcgis.max-answer-bytes)");
            }
        }
    }
}
