package io.geoingest.sql;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The SQL API's error answers: {@code {"error": [message]}}, 400 or 403, as CARTO's. */
@RestControllerAdvice(basePackages = {"io.geoingest.sql", "io.geoingest.copy"})
public class SqlErrors {

    @ExceptionHandler(SqlFailure.class)
    ResponseEntity<Map<String, List<String>>> failed(SqlFailure e, HttpServletResponse response) {
        if (response.isCommitted()) {
            throw new BrokenResponse(e.getMessage());
        }
        // Drops the headers of a download that never got its first byte out.
        response.reset();
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", List.of(e.getMessage())));
    }
}
