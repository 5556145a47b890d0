package io.geoingest.connectors.arcgis;

import com.fasterxml.jackson.databind.JsonNode;

/** The query answers of a layer, one page at a time, each requested only when asked for. */
interface Pages {
    /** The next page (an answer with a {@code features} array, possibly empty), or null after the last. */
    JsonNode next();
}
