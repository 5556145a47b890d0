package io.geoingest.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.api.RequestParams;
import io.geoingest.sync.SyncRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;

/**
 * One route made from a geoingest template ({@code routes/templates/*.kamelet.yaml}): the
 * template's local bean, which Camel makes for each route with the template's parameters as its
 * properties, typed as the template declares them, placeholders ({@code {{env:PASSWORD}}})
 * resolved. Camel calls {@link #check} as it makes the route, so a route that can never work is
 * refused with the reason and nothing is created; the template's steps are its methods, each
 * handing the message and these parameters to the service that acts on them.
 */
public class TemplateRoute implements CamelContextAware {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camel;
    private String template;
    private String password;
    /** The parameters as the Import and Synchronizations APIs name theirs, null ones left out. */
    private final Map<String, String> values = new LinkedHashMap<>();

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camel) {
        this.camel = camel;
    }

    /** The template's id, which the template itself gives. */
    public void setTemplate(String template) {
        this.template = template;
    }

    public void setName(String name) {
        put("name", name);
    }

    public void setAccount(String account) {
        put("account", account);
    }

    public void setDirectory(String directory) {
        put("directory", directory);
    }

    public void setTable(String table) {
        put("table", table);
    }

    public void setFormat(String format) {
        put("format", format);
    }

    public void setInterval(Integer seconds) {
        put("interval", seconds);
    }

    public void setUrl(String url) {
        put("url", url);
    }

    /** The Import API's connector object, as JSON, without its password. */
    public void setConnector(String connector) {
        put("connector", connector);
    }

    /** The connector's password, a parameter of its own: never inside the connector's JSON. */
    public void setPassword(String password) {
        this.password = password;
    }

    public void setServiceName(String serviceName) {
        put("service_name", serviceName);
    }

    public void setServiceItemId(String serviceItemId) {
        put("service_item_id", serviceItemId);
    }

    public void setTypeGuessing(Boolean typeGuessing) {
        put("type_guessing", typeGuessing);
    }

    public void setQuotedFieldsGuessing(Boolean quotedFieldsGuessing) {
        put("quoted_fields_guessing", quotedFieldsGuessing);
    }

    /** The seed's spelling of quoted_fields_guessing. */
    public void setQuotedFieldGuessing(Boolean quotedFieldGuessing) {
        put("quoted_field_guessing", quotedFieldGuessing);
    }

    public void setContentGuessing(Boolean contentGuessing) {
        put("content_guessing", contentGuessing);
    }

    public void setPrivacy(String privacy) {
        put("privacy", privacy);
    }

    public void setCollisionStrategy(String collisionStrategy) {
        put("collision_strategy", collisionStrategy);
    }

    private void put(String name, Object value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value.toString());
        }
    }

    /** Camel's init method of the bean: fails, with the reason, when the route's parameters can never work. */
    public void check() {
        service(TemplateRequests.class).check(this);
    }

    /** {@code geoingest-sync}'s step: the sync's record becomes the body. */
    public SyncRecord declare(Exchange exchange) {
        return service(DeclaredSyncs.class).declare(exchange, this);
    }

    /** {@code geoingest-import}'s step. */
    public void remote(Exchange exchange) {
        service(TemplateImports.class).remote(exchange, this);
    }

    /** {@code geoingest-watch-directory}'s step. */
    public void watched(Exchange exchange) throws IOException {
        service(TemplateImports.class).watched(exchange, this);
    }

    /** {@code geoingest-copy-sink}'s step. */
    public void sink(Exchange exchange) throws IOException, InterruptedException {
        service(TemplateImports.class).sink(exchange, this);
    }

    private <T> T service(Class<T> type) {
        return camel.getRegistry().mandatoryFindSingleByType(type);
    }

    String template() {
        return template;
    }

    /** How messages name the route: by its name, else (a watched directory) by what it watches. */
    String route() {
        return values.containsKey("name") ? "Route " + values.get("name") : "Route watching " + values.get("directory");
    }

    /** A parameter's value, or null. */
    String value(String name) {
        return values.get(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(route() + " (template " + template + "): the parameter " + name
                    + " is empty");
        }
        return value;
    }

    /**
     * The parameters as the Import and Synchronizations APIs read theirs: the connector's
     * password, given apart, back in its connection. A connector that holds one itself is refused.
     */
    RequestParams params() {
        String connector = values.get("connector");
        if (connector == null) {
            return RequestParams.of(values);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(connector);
        } catch (JsonProcessingException e) {
            return RequestParams.of(values); // refused by the Import API's own reading, with its message
        }
        if (!parsed.isObject()) {
            return RequestParams.of(values);
        }
        if (parsed.path("connection").has("password")) {
            throw new IllegalArgumentException("Invalid parameters: the connector's password goes in the parameter"
                    + " password, not inside connector");
        }
        if (password != null && parsed.path("connection").isObject()) {
            ((ObjectNode) parsed.get("connection")).put("password", password);
        }
        Map<String, String> withPassword = new LinkedHashMap<>(values);
        withPassword.put("connector", parsed.toString());
        return RequestParams.of(withPassword);
    }

    @Override
    public String toString() {
        return route() + " (" + template + ")"; // never the password
    }
}
