package io.geoingest.formats.features;

import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
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
     * One source per layer that has features, in layer order.
     *
     * @param textFields fields that stay text whatever their values (a KML Placemark's name)
     * @throws ImportException EMPTY_FILE when the file has no feature at all
     */
    public static List<TableSource> profile(FeatureFile file, boolean inferTypes, Set<String> textFields,
                                            int batchSize) {
        List<LayerProfile> profiles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (FeatureReader reader = file.open()) {
            for (Feature f = reader.next(); f != null; f = reader.next()) {
                while (profiles.size() <= f.layer()) {
                    profiles.add(new LayerProfile(inferTypes, textFields));
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
        List<TableSource> sources = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            LayerProfile p = profiles.get(i);
            if (p.features() > 0) {
                sources.add(new FeatureTableSource(names.get(i), i, p.columns(), file, batchSize));
            }
        }
        if (sources.isEmpty()) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "the file has no features to import");
        }
        return sources;
    }
}
