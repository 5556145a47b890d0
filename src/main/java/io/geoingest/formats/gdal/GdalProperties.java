package io.geoingest.formats.gdal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.formats.gdal.*}: how GDAL is run.
 *
 * @param ogr2ogr the ogr2ogr executable: a name looked up on PATH, or a path
 * @param timeout one conversion is killed after this long (error 6667)
 */
@ConfigurationProperties("geoingest.formats.gdal")
public record GdalProperties(@DefaultValue("ogr2ogr") String ogr2ogr,
                             @DefaultValue("30m") Duration timeout) {
}
