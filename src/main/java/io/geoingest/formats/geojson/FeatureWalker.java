package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Walks a GeoJSON file feature by feature, on demand, holding one feature at a time.
 *
 * <p>The file is a sequence of one or more top-level objects (one for a plain {@code .geojson},
 * many for newline-delimited or RFC 8142 sequences), each a FeatureCollection or a Feature.
 * Members may come in any order: a top-level {@code features} array is read as it comes, and
 * a top-level object's {@code properties}/{@code geometry}/{@code id} are kept in a builder
 * that only becomes a row if the object's {@code type} says Feature, so foreign members of a
 * collection never reach the table.
 */
final class FeatureWalker<R> {
    private static final String FEATURE = "Feature";
    private static final String COLLECTION = "FeatureCollection";

    private final JsonParser p;
    private final Supplier<? extends FeatureBuilder<? extends R>> builders;
    private boolean sawValue;
    private boolean inRoot;
    private boolean inFeatures;
    private String rootType;
    private boolean rootHasFeatures;
    private FeatureBuilder<? extends R> rootFeature;

    /** @param builders a builder for each feature; the walker may be asked for another kind between features */
    FeatureWalker(JsonParser p, Supplier<? extends FeatureBuilder<? extends R>> builders) {
        this.p = p;
        this.builders = builders;
    }

    /**
     * The next feature, or null at the end of the file.
     *
     * @throws ImportException 3007 for what is not GeoJSON, 1005 for a file without any value
     */
    R next() {
        try {
            while (true) {
                if (inFeatures) {
                    if (p.nextToken() == JsonToken.END_ARRAY) {
                        inFeatures = false;
                    } else {
                        return feature();
                    }
                } else if (inRoot) {
                    R root = rootMember();
                    if (root != null) {
                        return root;
                    }
                } else if (!startRoot()) {
                    return null;
                }
            }
        } catch (IOException e) {
            throw GeoJsonParsing.error(e);
        }
    }

    private boolean startRoot() throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            if (!sawValue) {
                throw new ImportException(ErrorCode.EMPTY_FILE, "the file is empty or holds only whitespace");
            }
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            throw GeoJsonParsing.invalid(p, "expected a GeoJSON object (FeatureCollection or Feature), found " + t);
        }
        sawValue = true;
        inRoot = true;
        rootType = null;
        rootHasFeatures = false;
        rootFeature = null;
        return true;
    }

    /** Reads one member of a top-level object; at its end, the object's feature if it is one. */
    private R rootMember() throws IOException {
        if (p.nextToken() == JsonToken.END_OBJECT) {
            inRoot = false;
            return endRoot();
        }
        String name = p.currentName();
        p.nextToken();
        boolean maybeFeature = rootType == null || rootType.equals(FEATURE);
        boolean maybeCollection = rootType == null || rootType.equals(COLLECTION);
        switch (name) {
            case "type" -> rootType = type(rootType);
            case "features" -> {
                if (maybeCollection) {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw GeoJsonParsing.invalid(p, "\"features\" must be an array, found " + p.currentToken());
                    }
                    rootHasFeatures = true;
                    inFeatures = true;
                } else {
                    p.skipChildren();
                }
            }
            default -> {
                if (maybeFeature && isFeatureMember(name)) {
                    if (rootFeature == null) {
                        rootFeature = builders.get();
                    }
                    featureMember(name, rootFeature);
                } else {
                    p.skipChildren();
                }
            }
        }
        return null;
    }

    private R endRoot() {
        if (rootType == null) {
            throw GeoJsonParsing.invalid(p, "the object has no \"type\": not GeoJSON");
        }
        if (rootType.equals(COLLECTION)) {
            if (!rootHasFeatures) {
                throw GeoJsonParsing.invalid(p, "the FeatureCollection has no \"features\" array");
            }
            return null;
        }
        if (!rootType.equals(FEATURE)) {
            throw GeoJsonParsing.invalid(p, "unsupported GeoJSON type \"" + rootType
                    + "\" (a FeatureCollection or a Feature is needed)");
        }
        if (rootHasFeatures) {
            throw GeoJsonParsing.invalid(p, "a Feature cannot hold \"features\"");
        }
        return (rootFeature == null ? builders.get() : rootFeature).finish();
    }

    /** One element of a features array: a Feature object. */
    private R feature() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw GeoJsonParsing.invalid(p, "a feature must be an object, found " + p.currentToken());
        }
        FeatureBuilder<? extends R> builder = builders.get();
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("type")) {
                type = type(type);
            } else if (isFeatureMember(name)) {
                featureMember(name, builder);
            } else {
                p.skipChildren();
            }
        }
        if (!FEATURE.equals(type)) {
            throw GeoJsonParsing.invalid(p, "a member of \"features\" is not a Feature (type " + type + ")");
        }
        return builder.finish();
    }

    /** The value of a {@code type} member, which must be a string and said once. */
    private String type(String before) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw GeoJsonParsing.invalid(p, "\"type\" must be a string, found " + p.currentToken());
        }
        if (before != null) {
            throw GeoJsonParsing.invalid(p, "\"type\" is given twice");
        }
        return p.getText();
    }

    private static boolean isFeatureMember(String name) {
        return name.equals("properties") || name.equals("geometry") || name.equals("id");
    }

    private void featureMember(String name, FeatureBuilder<?> builder) throws IOException {
        JsonToken t = p.currentToken();
        switch (name) {
            case "geometry" -> builder.geometry(p);
            case "id" -> {
                if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT
                        && t != JsonToken.VALUE_NULL) {
                    throw GeoJsonParsing.invalid(p, "a feature \"id\" must be a string or a number, found " + t);
                }
                builder.id(p);
            }
            default -> properties(builder);
        }
    }

    private void properties(FeatureBuilder<?> builder) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw GeoJsonParsing.invalid(p, "\"properties\" must be an object or null, found " + p.currentToken());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            builder.property(name, p);
        }
    }
}
