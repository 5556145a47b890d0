package io.geoingest.formats.geojson;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Receives the members of one feature from {@link FeatureWalker}, each with the parser on the
 * member's value, which the builder must consume whole.
 *
 * @param <R> what a finished feature gives (the builder itself, holding the row when it builds one)
 */
interface FeatureBuilder<R> {
    void property(String name, JsonParser p) throws IOException;

    /** The feature's {@code id}, a string or a number. */
    void id(JsonParser p) throws IOException;

    /** The feature's {@code geometry}, an object or null. */
    void geometry(JsonParser p) throws IOException;

    /** Called once the feature is known to be one; a builder never finished is dropped. */
    R finish();
}
