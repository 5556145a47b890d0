package io.geoingest.formats.csv;

/**
 * Where the rows' geometry comes from: a column holding geometries, a longitude/latitude
 * pair, or nowhere. Indexes are source column positions, -1 when not used.
 */
record GeometryPlan(int column, int longitude, int latitude) {
    static final GeometryPlan NONE = new GeometryPlan(-1, -1, -1);

    static GeometryPlan fromColumn(int column) {
        return new GeometryPlan(column, -1, -1);
    }

    static GeometryPlan fromPoints(int longitude, int latitude) {
        return new GeometryPlan(-1, longitude, latitude);
    }

    boolean fromPoints() {
        return longitude >= 0;
    }
}
