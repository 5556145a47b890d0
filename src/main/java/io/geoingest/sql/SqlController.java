package io.geoingest.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.accounts.Account;
import io.geoingest.api.ApiKeyFilter;
import io.geoingest.api.RequestParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * CARTO's SQL API query endpoint: {@code GET|POST /api/v2/sql?q=...} (also under
 * {@code /user/{username}}; {@code q} in the query string, a form or a JSON body) runs one
 * statement as the account's own role; statements that change database roles are refused
 * ({@link RoleStatements}).
 */
@RestController
public class SqlController {
    private static final int DEFAULT_DECIMALS = 6;
    private static final int MAX_DECIMALS = 15;

    private final QueryRunner runner;
    private final ObjectMapper json;

    public SqlController(QueryRunner runner, ObjectMapper json) {
        this.runner = runner;
        this.json = json;
    }

    @RequestMapping(path = {"/api/v2/sql", "/user/{username}/api/v2/sql"},
            method = {RequestMethod.GET, RequestMethod.POST})
    public void query(HttpServletRequest request, HttpServletResponse response,
                      @RequestAttribute(ApiKeyFilter.ACCOUNT) Account account,
                      @RequestAttribute(name = ApiKeyFilter.JSON_BODY, required = false) JsonNode body)
            throws IOException {
        RequestParams params = new RequestParams(request, body);
        String q = params.text("q");
        if (q == null) {
            throw new SqlFailure(400, "You must indicate a sql query");
        }
        ResultFormat format = ResultFormat.of(params.text("format"));
        SqlTokens.Statement statement = SqlTokens.single(q);
        RoleStatements.refuse(statement.tokens());
        runner.run(account, statement.text(), format.open(request, response, json, params.text("filename"),
                decimals(params.text("dp"))));
    }

    /** {@code dp}: decimals of GeoJSON coordinates (CARTO's default 6). */
    private static int decimals(String dp) {
        if (dp == null) {
            return DEFAULT_DECIMALS;
        }
        try {
            int n = Integer.parseInt(dp.trim());
            if (n >= 0 && n <= MAX_DECIMALS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new SqlFailure(400, "Invalid dp: " + dp + " (0 to " + MAX_DECIMALS + ")");
    }
}
