package io.geoingest.api;

import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.imports.TooManyImports;
import io.geoingest.sync.InvalidSync;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** The JSON error answers of the Import and Synchronizations APIs. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(InvalidImportRequest.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidImportRequest e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidSync.class)
    ResponseEntity<Map<String, Object>> invalidSync(InvalidSync e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("errors", e.getMessage()));
    }

    @ExceptionHandler(TooManyImports.class)
    ResponseEntity<Map<String, Object>> tooMany(TooManyImports e) {
        return answer(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than spring.servlet.multipart.max-file-size");
    }

    /**
     * A multipart body that cannot be parsed (no or another boundary, cut off mid-part, not
     * multipart at all): the client's fault, 400 with the deepest cause's words, never a trace.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> brokenMultipart(MultipartException e) {
        return answer(HttpStatus.BAD_REQUEST, "Malformed multipart/form-data request: " + rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "the body could not be parsed" : message;
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, Object>> notFound(NotFound e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("errors", Map.of("imports", message)));
    }
}
