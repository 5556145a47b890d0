package io.geoingest.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.MediaType;

/** The {@code format} parameter of the query endpoint: json (default), csv or geojson. */
enum ResultFormat {
    JSON, CSV, GEOJSON;

    static ResultFormat of(String name) {
        if (name == null) {
            return JSON;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "csv" -> CSV;
            case "geojson" -> GEOJSON;
            default -> throw new SqlFailure(400, "Invalid format: " + name);
        };
    }

    /**
     * Sets the answer's headers and makes its writer. CSV and GeoJSON are downloads named
     * {@code filename} (CARTO's default: cartodb-query) with their extension.
     */
    ResultWriter open(HttpServletRequest request, HttpServletResponse response, ObjectMapper json, String filename,
                      int decimals) throws IOException {
        String name = (filename == null ? "cartodb-query" : filename) + "." + name().toLowerCase(Locale.ROOT);
        return switch (this) {
            case JSON -> {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                yield new JsonResult(json.createGenerator(response.getOutputStream()), response::isCommitted);
            }
            case CSV -> new CsvResult(Attachment.open(request, response, "text/csv; charset=utf-8", name),
                    response::isCommitted);
            case GEOJSON -> new GeoJsonResult(json.createGenerator(Attachment.open(request, response,
                    "application/geo+json", name)), response::isCommitted, decimals);
        };
    }
}
