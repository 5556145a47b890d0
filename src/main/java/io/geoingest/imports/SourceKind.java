package io.geoingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What an import reads, decided once, when the request is read (the API's {@code ImportRequests},
 * for an import, a sync or a declared route), and stored with the source as its field
 * {@value #FIELD}: {@code {"kind": "url", "url": ...}}. The import route's choice
 * ({@code routes/import.camel.yaml}) sends the import to the route of its kind; nothing else
 * looks at the source's shape to tell.
 */
public enum SourceKind {
    /** An upload, or a file handed over by a route: {@code {"file": path, "name": stored name}}. */
    FILE,
    /** {@code {"url": ...}}. */
    URL,
    /** The account's own data: {@code {"sql": ...}} or {@code {"table_copy": ...}}. */
    QUERY,
    /** A cloud drive's file: {@code {"drive": {...}}}. */
    DRIVE,
    /** An ArcGIS layer or service: {@code {"arcgis": url}}. */
    ARCGIS,
    /** A database connector: {@code {"connector": {...}}}, read by the route of its provider. */
    CONNECTOR,
    /** A route's own rows, in the memory of the replica that runs the import ({@link RouteRows}). */
    ROWS;

    public static final String FIELD = "kind";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source, tagged with this kind. */
    public ObjectNode tag(ObjectNode source) {
        return source.put(FIELD, label());
    }

    /** The kind a stored source was tagged with. */
    public static SourceKind of(JsonNode source) {
        String label = source.path(FIELD).asText("");
        if (label.isEmpty()) {
            throw new IllegalStateException("a stored source without its kind: " + source.fieldNames().next());
        }
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Whether a sync's later run of this kind asks for the source only if it changed (URLs and drives). */
    public boolean versioned() {
        return this == URL || this == DRIVE;
    }
}
