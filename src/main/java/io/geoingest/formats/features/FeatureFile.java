package io.geoingest.formats.features;

/** Opens a new pass over the same file: the profiling pass, then one per layer. */
@FunctionalInterface
public interface FeatureFile {
    FeatureReader open();
}
