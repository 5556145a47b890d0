package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's requirement of ArcGIS Server 10.1 or later (error 1013 otherwise). Servers state
 * {@code currentVersion} as a number (10.1, 10.81 for 10.8.1, 11.3) in every service and layer
 * answer, and in the site's {@code rest/info}; some proxies write it as text ("10.8.1").
 */
final class ServerVersion {
    static final double MINIMUM = 10.1;
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,4}(?:\\.\\d{1,4})?).*");

    private ServerVersion() {
    }

    /**
     * Passes when {@code answer}, else the site's {@code rest/info} (asked only then), states
     * a version of at least 10.1.
     *
     * @throws ImportException 1013 when the version is older or neither states one
     */
    static void require(JsonNode answer, Supplier<JsonNode> info) {
        Double version = of(answer);
        if (version == null) {
            try {
                version = of(info.get());
            } catch (ImportException e) {
                throw new ImportException(ErrorCode.INVALID_ARCGIS_VERSION, "The ArcGIS server does not state its"
                        + " version (" + e.getMessage() + "); ArcGIS Server " + MINIMUM + " or later is needed", e);
            }
        }
        if (version == null) {
            throw new ImportException(ErrorCode.INVALID_ARCGIS_VERSION,
                    "The ArcGIS server does not state its version; ArcGIS Server " + MINIMUM + " or later is needed");
        }
        if (version < MINIMUM) {
            throw new ImportException(ErrorCode.INVALID_ARCGIS_VERSION,
                    "The ArcGIS server runs version " + version + "; ArcGIS Server " + MINIMUM + " or later is needed");
        }
    }

    /** The {@code currentVersion} of an answer, or null when it states none. */
    static Double of(JsonNode answer) {
        JsonNode v = answer.path("currentVersion");
        if (v.isNumber()) {
            return v.doubleValue();
        }
        Matcher m = TEXT.matcher(v.isTextual() ? v.asText() : "");
        return m.matches() ? Double.valueOf(m.group(1)) : null;
    }
}
