package io.geoingest.rows;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Which source columns carry the geometry, by CARTO's naming rules (contract.md): the first
 * geometry-named column that holds a readable geometry wins; else a longitude/latitude pair.
 */
public final class GeometryNames {
    /** In order of preference. */
    public static final List<String> GEOMETRY = List.of("the_geom", "geometry", "wkb_geometry", "geom", "geojson", "wkt");
    public static final List<String> LONGITUDE = List.of("longitude", "lon", "lng", "long", "longitudedecimal",
            "longitud", "decimallongitude", "decimallong", "point_longitude");
    public static final List<String> LATITUDE = List.of("latitude", "lat", "latitudedecimal", "latitud", "lati",
            "decimallatitude", "decimallat", "point_latitude");

    private GeometryNames() {
    }

    public static String key(String columnName) {
        return columnName == null ? "" : columnName.trim().toLowerCase(Locale.ROOT);
    }

    /** Index of the geometry-named column with the given rank in {@link #GEOMETRY}, if present. */
    public static List<Integer> geometryCandidates(List<String> names) {
        return GEOMETRY.stream()
                .flatMap(g -> indexOf(names, List.of(g)).stream())
                .toList();
    }

    /**
     * The first column, taking the names of {@link #GEOMETRY} in their order, that is so named
     * and for which {@code eligible} holds (a text column, say); -1 when there is none.
     */
    public static int firstNamed(List<String> names, IntPredicate eligible) {
        for (String preferred : GEOMETRY) {
            for (int i = 0; i < names.size(); i++) {
                if (key(names.get(i)).equals(preferred) && eligible.test(i)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Which of the geometry-typed columns {@code candidates} becomes {@code the_geom}: the first
     * named as in {@link #GEOMETRY}, else the first of them; -1 when there are none.
     */
    public static int preferred(List<String> names, List<Integer> candidates) {
        if (candidates.isEmpty()) {
            return -1;
        }
        int named = firstNamed(names, candidates::contains);
        return named >= 0 ? named : candidates.get(0);
    }

    public static Optional<Integer> longitude(List<String> names) {
        return indexOf(names, LONGITUDE);
    }

    public static Optional<Integer> latitude(List<String> names) {
        return indexOf(names, LATITUDE);
    }

    private static Optional<Integer> indexOf(List<String> names, List<String> wanted) {
        for (String w : wanted) {
            for (int i = 0; i < names.size(); i++) {
                if (key(names.get(i)).equals(w)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }
}
