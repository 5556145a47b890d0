package io.geoingest.api;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.logging.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request (so that no odd spelling of a path slips past) by its api_key, given (as CARTO clients do) as a query
 * parameter, a form field, a field of a JSON body, or HTTP Basic {@code username:api_key}; on the
 * Import API also as {@code auth_token}, the name the seed gives it there.
 * Under {@code /user/{username}/} the key must be that user's.
 */
@Component
public class ApiKeyFilter extends OncePerRequestFilter {
    public static final String ACCOUNT = "geoingest.account";
    public static final String JSON_BODY = "geoingest.json";
    /** JSON bodies are small parameter objects; data travels as files or COPY streams. */
    private static final int MAX_JSON_BYTES = 1 << 20;
    private static final Pattern USER_PATH = Pattern.compile("^/user/([^/]+)/api/.*");
    /** The API's description (static/openapi.yaml): public, as API documentation is. */
    private static final String OPENAPI = "/openapi.yaml";
    /** Where the body is data streamed to COPY: the filter must not read it. */
    /** Where the seed names the key {@code auth_token}: the Import API (POST and GET of imports). */
    private static final Pattern AUTH_TOKEN_PATH = Pattern.compile("^(/user/[^/]+)?/api/v1/imports(/.*)?$");
    private static final Pattern RAW_BODY_PATH = Pattern.compile("^(/user/[^/]+)?/api/v2/sql/copyfrom$");

    private final AccountRegistry accounts;
    private final ObjectMapper json;

    public ApiKeyFilter(AccountRegistry accounts, ObjectMapper json) {
        this.accounts = accounts;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return OPENAPI.equals(request.getServletPath())
                && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean rawBody = RAW_BODY_PATH.matcher(request.getServletPath()).matches();
        JsonNode body = null;
        if (!rawBody && isJson(request)) {
            body = readJson(request, response);
            if (body == null) {
                return;
            }
            request.setAttribute(JSON_BODY, body);
        }
        String key = apiKey(request, body, rawBody);
        if (key == null && AUTH_TOKEN_PATH.matcher(request.getServletPath()).matches()) {
            key = authToken(request, body);
        }
        Optional<Account> account = accounts.authenticate(key);
        Matcher user = USER_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (account.isPresent() && user.matches() && !account.get().username().equals(user.group(1))) {
            account = Optional.empty();
        }
        if (account.isEmpty()) {
            write(response, HttpServletResponse.SC_UNAUTHORIZED,
                    Map.of("errors", Map.of("imports", "Unauthorized: missing or wrong api_key")));
            return;
        }
        request.setAttribute(ACCOUNT, account.get());
        if (rawBody) {
            if (isMultipart(request)) {
                // Would be parsed (spooled to disk) by the multipart resolver before the controller.
                write(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error",
                        List.of("COPY FROM takes the data as the request body, not as multipart/form-data")));
                return;
            }
            request = new QueryStringOnly(request);
        }
        try (LogContext log = LogContext.open().account(account.get().username())) {
            chain.doFilter(request, response);
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.trim().regionMatches(true, 0, "multipart/", 0, 10);
    }

    /**
     * A request whose parameters are its query string's alone: the container's would parse a form
     * body (curl --data-binary sends {@code application/x-www-form-urlencoded}) and so consume the
     * data, whoever asks (DispatcherServlet's request logging does).
     */
    static final class QueryStringOnly extends HttpServletRequestWrapper {
        private Map<String, String[]> parameters;

        QueryStringOnly(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                parameters = QueryString.all((HttpServletRequest) getRequest());
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }
    }

    private static String apiKey(HttpServletRequest request, JsonNode body, boolean rawBody) {
        // getParameter would parse a form body (curl --data-binary sends one) and consume the data,
        // and would spool an upload before the import is admitted: the query string comes first.
        String key = QueryString.get(request, "api_key");
        if (key == null && !rawBody) {
            key = request.getParameter("api_key");
        }
        if (key != null) {
            return key;
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return body != null && body.hasNonNull("api_key") ? body.get("api_key").asText() : null;
    }

    /** The seed's {@code auth_token} (its Import API parameters): the API key under another name. */
    private static String authToken(HttpServletRequest request, JsonNode body) {
        String token = request.getParameter("auth_token");
        if (token != null) {
            return token;
        }
        return body != null && body.hasNonNull("auth_token") ? body.get("auth_token").asText() : null;
    }

    /** Whether the body is JSON; an unparsable Content-Type is not, and is refused further on. */
    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || "GET".equals(request.getMethod())) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private JsonNode readJson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) {
                write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        Map.of("errors", Map.of("imports", "JSON body larger than 1 MB")));
                return null;
            }
            if (bytes.length == 0) {
                return json.createObjectNode();
            }
            // The seed's own BigQuery example ends its object with a trailing comma.
            return json.reader().with(JsonReadFeature.ALLOW_TRAILING_COMMA).readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST,
                    Map.of("errors", Map.of("imports", "Malformed JSON body: " + e.getOriginalMessage())));
            return null;
        }
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
