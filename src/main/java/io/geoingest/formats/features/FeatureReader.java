package io.geoingest.formats.features;

/**
 * One pass over a multi-layer file, one feature at a time. Layers are numbered in the order
 * their first feature appears, so that every pass numbers them alike.
 */
public interface FeatureReader extends AutoCloseable {

    /** The next feature of any layer, or null at the end of the file. */
    Feature next();

    /** The table name (before normalisation) of a layer this reader has returned a feature of. */
    String layerName(int layer);

    @Override
    void close();
}
