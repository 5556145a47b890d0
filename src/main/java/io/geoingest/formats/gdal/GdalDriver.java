package io.geoingest.formats.gdal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The GDAL drivers geoingest lets read a file, by extension. The driver is forced with
 * {@code -if}: GDAL otherwise picks a driver by content, and a file named {@code x.osm} holding a
 * VRT could make GDAL read other server files or URLs.
 */
enum GdalDriver {
    SHAPEFILE("ESRI Shapefile", List.of("shp"), List.of()),
    MAPINFO("MapInfo File", List.of("tab", "mif"), List.of()),
    // GDAL's custom index mishandles dumps whose node ids do not increase (corpus map2.osm).
    OSM("OSM", List.of("osm"), List.of("--config", "OSM_USE_CUSTOM_INDEXING", "NO")),
    GEOPACKAGE("GPKG", List.of("gpkg"), List.of()),
    // No schema downloads (network access from a user's file) and no .gfs written beside the input.
    GML("GML", List.of("gml"), List.of("-oo", "DOWNLOAD_SCHEMA=NO", "-oo", "WRITE_GFS=NO"));

    private final String name;
    private final List<String> extensions;
    private final List<String> options;

    GdalDriver(String name, List<String> extensions, List<String> options) {
        this.name = name;
        this.extensions = extensions;
        this.options = options;
    }

    static Optional<GdalDriver> of(String extension) {
        return Arrays.stream(values()).filter(d -> d.extensions.contains(extension)).findFirst();
    }

    /** GDAL's short name of the driver, for {@code -if}. */
    String gdalName() {
        return name;
    }

    /** Driver-specific ogr2ogr arguments. */
    List<String> options() {
        return options;
    }
}
