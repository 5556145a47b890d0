package io.geoingest.copy;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.Account;
import io.geoingest.api.ApiKeyFilter;
import io.geoingest.api.QueryString;
import io.geoingest.api.RequestParams;
import io.geoingest.copy.CopyStatement.Direction;
import io.geoingest.sql.Attachment;
import io.geoingest.sql.SqlFailure;
import io.geoingest.sql.Timing;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * CARTO's COPY endpoints: {@code POST /api/v2/sql/copyfrom} streams the request body into
 * {@code COPY ... FROM STDIN}; {@code GET|POST /api/v2/sql/copyto} streams {@code COPY ... TO
 * STDOUT} out (both also under {@code /user/{username}}).
 */
@RestController
public class CopyController {
    private static final String DEFAULT_FILENAME = "carto-sql-copyto.dmp";

    private final CopyService copies;

    public CopyController(CopyService copies) {
        this.copies = copies;
    }

    @PostMapping({"/api/v2/sql/copyfrom", "/user/{username}/api/v2/sql/copyfrom"})
    public Map<String, Object> copyFrom(HttpServletRequest request,
                                        @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account) throws IOException {
        long start = System.nanoTime();
        // The body is the data: q is read from the query string alone, never from a parsed form.
        String sql = CopyStatement.check(QueryString.get(request, "q"), Direction.FROM);
        long rows = copies.copyIn(account, sql, request.getInputStream(), gzip(request.getHeader("Content-Encoding")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("time", Timing.seconds(start));
        answer.put("total_rows", rows);
        return answer;
    }

    @RequestMapping(path = {"/api/v2/sql/copyto", "/user/{username}/api/v2/sql/copyto"},
            method = {RequestMethod.GET, RequestMethod.POST})
    public void copyTo(HttpServletRequest request, HttpServletResponse response,
                       @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account,
                       @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body)
            throws IOException {
        RequestParams params = new RequestParams(request, body);
        String sql = CopyStatement.check(params.text("q"), Direction.TO);
        String filename = params.text("filename");
        copies.copyOut(account, sql, new CopyService.Download() {
            @Override
            public OutputStream open() throws IOException {
                return Attachment.open(request, response, "application/octet-stream",
                        filename == null ? DEFAULT_FILENAME : filename);
            }

            @Override
            public boolean sent() {
                return response.isCommitted();
            }
        });
    }

    private static boolean gzip(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.trim().equalsIgnoreCase("identity")) {
            return false;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
            return true;
        }
        throw new SqlFailure(400, "Unsupported Content-Encoding: " + contentEncoding + " (gzip or none)");
    }
}
