package io.geoingest.formats.csv;

/**
 * Where the rows' geometry comes from: a column holding geometries, a longitude/latitude
 * pair, a column naming countries (content guessing), or nowhere. Indexes are source column
 * positions, -1 when not used.
 */
record GeometryPlan(int column, int longitude, int latitude, int country) {
    static final GeometryPlan NONE = new GeometryPlan(-1, -1, -1, -1);

    static GeometryPlan fromColumn(int column) {
        return new GeometryPlan(column, -1, -1, -1);
    }

    static GeometryPlan fromPoints(int longitude, int latitude) {
        return new GeometryPlan(-1, longitude, latitude, -1);
    }

    static GeometryPlan fromCountries(int column) {
        return new GeometryPlan(-1, -1, -1, column);
    }

    boolean fromPoints() {
        return longitude >= 0;
    }

    /** Whether {@code the_geom} is a column of its own after the source's (points or countries). */
    boolean appendsGeometry() {
        return longitude >= 0 || country >= 0;
    }
}
