package io.geoingest.formats.features;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tables of a multi-layer file in two passes: pass 1 here reads the whole file once to
 * learn each layer's columns, types and size (so that every error of a bad file surfaces
 * before any table is created); each returned source then streams its own layer's rows.
 */
public final class FeatureLayers {
    private FeatureLayers() {
    }

    /**
     * How a file's layers become tables.
     *
     * @param inferTypes      whether values are typed (else every field is text)
     * @param textFields      fields that stay text whatever their values (a KML Placemark's name)
     * @param batchSize       rows per batch
     * @param maxColumns      a layer with more fields fails with TOO_MANY_COLUMNS (2004)
     * @param maxLayers       more non-empty layers fail with TOO_MANY_LAYERS (1019)
     * @param singleLayerName the table's name when only one layer has features (KML: the
     *                        file's name, as CARTO splits only multi-layer files), or null to
     *                        keep the layer's own name
     */
    public record Rules(boolean inferTypes, Set<String> textFields, int batchSize, int maxColumns, int maxLayers,
                        String singleLayerName) {
    }

    /**
     * One source per layer that has features, in layer order.
     *
     * @throws ImportException EMPTY_FILE when the file has no feature at all, TOO_MANY_COLUMNS
     *                         or TOO_MANY_LAYERS past the rules' limits
     */
    public static List<TableSource> profile(FeatureFile file, Rules rules) {
        List<LayerProfile> profiles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (FeatureReader reader = file.open()) {
            for (Feature f = reader.next(); f != null; f = reader.next()) {
                while (profiles.size() <= f.layer()) {
                    profiles.add(new LayerProfile(rules.inferTypes(), rules.textFields(), rules.maxColumns()));
                    names.add(null);
                }
                profiles.get(f.layer()).observe(f);
            }
            for (int i = 0; i < profiles.size(); i++) {
                if (profiles.get(i).features() > 0) {
                    names.set(i, reader.layerName(i));
                }
            }
        }
        long layers = profiles.stream().filter(p -> p.features() > 0).count();
        if (layers == 0) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "the file has no features to import");
        }
        if (layers > rules.maxLayers()) {
            throw new ImportException(ErrorCode.TOO_MANY_LAYERS, "the file has " + layers
                    + " layers with features; at most " + rules.maxLayers() + " can be imported from one file");
        }
        List<TableSource> sources = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            LayerProfile p = profiles.get(i);
            if (p.features() > 0) {
                String name = layers == 1 && rules.singleLayerName() != null ? rules.singleLayerName() : names.get(i);
                sources.add(new FeatureTableSource(name, i, p.columns(), file, rules.batchSize()));
            }
        }
        return sources;
    }
}
