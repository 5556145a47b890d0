package io.geoingest.connectors.arcgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class EsriGeometryTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    /** Clockwise: an outer ring in Esri JSON. */
    private static final String OUTER = "[[0,0],[0,10],[10,10],[10,0],[0,0]]";
    /** Counter-clockwise: a hole. */
    private static final String HOLE = "[[2,2],[4,2],[4,4],[2,4],[2,2]]";

    private final EsriGeometry reader = new EsriGeometry();

    private Geometry read(String json) throws Exception {
        return read(json, false);
    }

    private Geometry read(String json, boolean hasZ) throws Exception {
        Geometry g = reader.read(JSON.readTree(json), hasZ);
        if (g != null) {
            assertThat(g.getSRID()).isEqualTo(4326);
        }
        return g;
    }

    @Test
    void pointsAndMultipoints() throws Exception {
        assertThat(read("{'x': -3.7038, 'y': 40.4168, 'spatialReference': {'wkid': 4326}}").toText())
                .isEqualTo("POINT (-3.7038 40.4168)");
        assertThat(read("{'points': [[1, 2], [3, 4]]}").toText()).isEqualTo("MULTIPOINT ((1 2), (3 4))");
    }

    @Test
    void zIsKeptWhenTheAnswerHasZAndMIsDropped() throws Exception {
        assertThat(read("{'x': 1, 'y': 2, 'z': 3}", true).getCoordinate().getZ()).isEqualTo(3.0);
        assertThat(read("{'x': 1, 'y': 2, 'z': 3}", false).getCoordinate().getZ()).isNaN();
        // hasM without hasZ: the third value is an m.
        assertThat(read("{'paths': [[[0, 0, 7], [1, 1, 8]]]}", false).getCoordinates()[1].getZ()).isNaN();
        assertThat(read("{'paths': [[[0, 0, 7, 1], [1, 1, 8, 2]]]}", true).getCoordinates()[1].getZ()).isEqualTo(8.0);
    }

    @Test
    void polylinesAreAlwaysMultiLineStrings() throws Exception {
        assertThat(read("{'paths': [[[0, 0], [1, 1], [2, 0]]]}").toText())
                .isEqualTo("MULTILINESTRING ((0 0, 1 1, 2 0))");
        assertThat(read("{'paths': [[[0, 0], [1, 1]], [], [[5, 5], [6, 6]]]}").toText())
                .isEqualTo("MULTILINESTRING ((0 0, 1 1), (5 5, 6 6))");
    }

    @Test
    void aClockwiseRingWithACounterClockwiseHoleIsOnePolygonWithAHole() throws Exception {
        Geometry g = read("{'rings': [" + OUTER + ", " + HOLE + "]}");
        assertThat(g).isInstanceOf(MultiPolygon.class);
        assertThat(g.toText()).isEqualTo("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2)))");
        assertThat(g.isValid()).isTrue();
        assertThat(g.getArea()).isEqualTo(96.0);
    }

    @Test
    void eachHoleGoesToTheOuterRingContainingItWhereverItIsListed() throws Exception {
        String second = "[[20,0],[20,10],[30,10],[30,0],[20,0]]";
        String holeOfSecond = "[[22,2],[24,2],[24,4],[22,4],[22,2]]";
        Geometry g = read("{'rings': [" + OUTER + ", " + second + ", " + HOLE + ", " + holeOfSecond + "]}");
        assertThat(g.getNumGeometries()).isEqualTo(2);
        assertThat(g.getGeometryN(0).toText())
                .isEqualTo("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
        assertThat(g.getGeometryN(1).toText())
                .isEqualTo("POLYGON ((20 0, 20 10, 30 10, 30 0, 20 0), (22 2, 24 2, 24 4, 22 4, 22 2))");
        assertThat(g.isValid()).isTrue();
    }

    @Test
    void anIslandInsideAHoleIsItsOwnPolygonAndTheHoleStaysWithTheOuterRing() throws Exception {
        String bigHole = "[[1,1],[9,1],[9,9],[1,9],[1,1]]";
        String island = "[[3,3],[3,7],[7,7],[7,3],[3,3]]";
        Geometry g = read("{'rings': [" + island + ", " + OUTER + ", " + bigHole + "]}");
        assertThat(g.getNumGeometries()).isEqualTo(2);
        assertThat(g.getGeometryN(0).toText()).isEqualTo("POLYGON ((3 3, 3 7, 7 7, 7 3, 3 3))");
        assertThat(g.getGeometryN(1).toText())
                .isEqualTo("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (1 1, 9 1, 9 9, 1 9, 1 1))");
        assertThat(g.isValid()).isTrue();
    }

    @Test
    void aHoleTouchingItsOuterRingStillBelongsToIt() throws Exception {
        String touching = "[[0,5],[5,2],[5,8],[0,5]]";
        Geometry g = read("{'rings': [" + OUTER + ", " + touching + "]}");
        assertThat(g.getNumGeometries()).isEqualTo(1);
        assertThat(((Polygon) g.getGeometryN(0)).getNumInteriorRing()).isEqualTo(1);
    }

    @Test
    void aCounterClockwiseRingInsideNothingIsAnOuterRingWoundTheWrongWay() throws Exception {
        Geometry g = read("{'rings': [" + HOLE + "]}");
        assertThat(g.toText()).isEqualTo("MULTIPOLYGON (((2 2, 4 2, 4 4, 2 4, 2 2)))");
    }

    @Test
    void unclosedRingsAreClosed() throws Exception {
        assertThat(read("{'rings': [[[0,0],[0,10],[10,10],[10,0]]]}").toText())
                .isEqualTo("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)))");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{'spatialReference': {'wkid': 4326}}", "{'x': null, 'y': null}",
            "{'x': 'NaN', 'y': 'NaN'}", "{'x': NaN, 'y': NaN}", "{'rings': []}", "{'rings': [[]]}", "{'paths': []}",
            "{'points': []}"})
    void emptyGeometriesAreNull(String json) throws Exception {
        assertThat(read(json)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'POINT (1 2)'", "[1, 2]", "{'x': 'abc', 'y': 1}", "{'x': 1}", "{'x': 1, 'y': Infinity}",
            "{'rings': 'oops'}", "{'rings': [[[0,0],[1,1],[0,0]]]}", "{'rings': [[0, 0, 1, 1]]}",
            "{'rings': [[[0,0],['a',1],[1,1],[0,0]]]}", "{'rings': [[[0,0],[1],[1,1],[0,0]]]}",
            "{'paths': [[[0,0]]]}", "{'paths': {'a': 1}}", "{'points': [[1, null]]}",
            "{'curveRings': [[[0,0],{'c': [[3,3],[1,4]]}]]}", "{'xmin': 0, 'ymin': 0, 'xmax': 1, 'ymax': 1}",
            "{'type': 'Point', 'coordinates': [1, 2]}"})
    void garbledGeometriesAreRefused(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
