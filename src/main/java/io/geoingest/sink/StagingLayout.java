package io.geoingest.sink;

import io.geoingest.kernel.Sql;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryNames;
import io.geoingest.sink.naming.ColumnNames;
import java.util.ArrayList;
import java.util.List;

/**
 * How a source's columns land in the cartodbfied table: {@code cartodb_id}, {@code the_geom},
 * {@code the_geom_webmercator}, then the data columns under normalised, unique names.
 *
 * <p>A source column named {@code cartodb_id} with integer values feeds {@code cartodb_id}
 * (kept when unique and non-null). A source {@code the_geom_webmercator} is derived data
 * (CARTO exports carry it): when the source has a geometry it is recomputed from that, not
 * kept twice. Any other source column whose name clashes with the three cartodbfy columns is
 * kept as data under a suffixed name, never dropped.
 */
public final class StagingLayout {
    public static final String CARTODB_ID = "cartodb_id";
    public static final String THE_GEOM = "the_geom";
    public static final String THE_GEOM_WEBMERCATOR = "the_geom_webmercator";

    /** Index in the source row of the geometry, or -1. */
    private final int geometryIndex;
    /** Index in the source row of an integer cartodb_id, or -1. */
    private final int cartodbIdIndex;
    /** For each data column of the table: its index in the source row. */
    private final int[] dataIndexes;
    private final List<String> dataNames;
    private final List<ColumnType> dataTypes;

    public StagingLayout(List<Column> source) {
        int geometry = -1;
        int cartodbId = -1;
        boolean hasGeometry = source.stream().anyMatch(c -> c.type() == ColumnType.GEOMETRY);
        List<String> raw = new ArrayList<>(List.of(CARTODB_ID, THE_GEOM, THE_GEOM_WEBMERCATOR));
        List<Integer> indexes = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            Column c = source.get(i);
            if (c.type() == ColumnType.GEOMETRY && geometry < 0) {
                geometry = i;
                continue;
            }
            boolean integer = c.type() == ColumnType.INTEGER || c.type() == ColumnType.BIGINT;
            if (integer && cartodbId < 0 && GeometryNames.key(c.name()).equals(CARTODB_ID)) {
                cartodbId = i;
                continue;
            }
            if (hasGeometry && GeometryNames.key(c.name()).equals(THE_GEOM_WEBMERCATOR)) {
                continue;
            }
            raw.add(c.name());
            indexes.add(i);
            // A second geometry column travels as text; only one column is the_geom.
            types.add(c.type() == ColumnType.GEOMETRY ? ColumnType.TEXT : c.type());
        }
        List<String> names = ColumnNames.normalize(raw);
        this.geometryIndex = geometry;
        this.cartodbIdIndex = cartodbId;
        this.dataIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
        this.dataNames = List.copyOf(names.subList(3, names.size()));
        this.dataTypes = List.copyOf(types);
    }

    public int geometryIndex() {
        return geometryIndex;
    }

    public int cartodbIdIndex() {
        return cartodbIdIndex;
    }

    public int[] dataIndexes() {
        return dataIndexes.clone();
    }

    public List<String> dataNames() {
        return dataNames;
    }

    /** Every column of the table, in COPY order. */
    public List<String> allNames() {
        List<String> all = new ArrayList<>(List.of(CARTODB_ID, THE_GEOM, THE_GEOM_WEBMERCATOR));
        all.addAll(dataNames);
        return all;
    }

    /** The types of {@link #allNames()}; the web-mercator geometry is encoded like the_geom. */
    public List<ColumnType> allTypes() {
        List<ColumnType> all = new ArrayList<>(List.of(ColumnType.BIGINT, ColumnType.GEOMETRY, ColumnType.GEOMETRY));
        all.addAll(dataTypes);
        return all;
    }

    /**
     * The staging table, kept from autovacuum while it loads and is indexed (its lock would
     * hold up the index builds) until {@link #resetAutovacuumSql} runs.
     */
    public String createTableSql(String qualifiedName) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualifiedName).append(" (")
                .append(CARTODB_ID).append(" bigint, ")
                .append(THE_GEOM).append(" geometry(Geometry,4326), ")
                .append(THE_GEOM_WEBMERCATOR).append(" geometry(Geometry,3857)");
        for (int i = 0; i < dataNames.size(); i++) {
            sql.append(", ").append(Sql.ident(dataNames.get(i))).append(' ').append(dataTypes.get(i).sqlType());
        }
        return sql.append(") WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false)").toString();
    }

    static String resetAutovacuumSql(String qualifiedName) {
        return "ALTER TABLE " + qualifiedName + " RESET (autovacuum_enabled, toast.autovacuum_enabled)";
    }

    public String copySql(String qualifiedName) {
        StringBuilder sql = new StringBuilder("COPY ").append(qualifiedName).append(" (");
        List<String> all = allNames();
        for (int i = 0; i < all.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Sql.ident(all.get(i)));
        }
        // FREEZE: the table was created in this transaction, so rows can be written frozen.
        return sql.append(") FROM STDIN (FORMAT binary, FREEZE)").toString();
    }
}
