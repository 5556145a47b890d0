package io.geoingest.connectors.arcgis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code geoingest.connectors.arcgis.*}: bounds on reading ArcGIS layers. Each request is
 * also bound by {@code geoingest.download.*} (connect timeout, timeout, redirects).
 *
 * @param maxAnswerBytes the largest answer read (one page of features, a layer's metadata, its
 *                       object ids); a page is held in memory as a JSON tree, a few times its
 *                       size. Error 6666 past it
 * @param maxRows        rows read per layer at most; a larger layer is cut to exactly this
 *                       many with the warning {@code max_rows_per_connection}, as connectors do
 */
@ConfigurationProperties("geoingest.connectors.arcgis")
public record ArcGisProperties(@DefaultValue("128MB") DataSize maxAnswerBytes,
                               @DefaultValue("1000000") int maxRows) {

    public ArcGisProperties {
        if (maxAnswerBytes == null || maxAnswerBytes.toBytes() < 1) {
            throw new IllegalArgumentException("geoingest.connectors.arcgis.max-answer-bytes must be positive");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("geoingest.connectors.arcgis.max-rows must be at least 1");
        }
    }
}
