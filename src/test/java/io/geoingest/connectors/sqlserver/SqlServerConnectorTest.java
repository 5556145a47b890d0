package io.geoingest.connectors.sqlserver;

import static io.geoingest.connectors.ConnectorTestSupport.allMessages;
import static io.geoingest.connectors.ConnectorTestSupport.connector;
import static io.geoingest.connectors.ConnectorTestSupport.importFailure;
import static io.geoingest.connectors.ConnectorTestSupport.imports;
import static io.geoingest.connectors.ConnectorTestSupport.limits;
import static io.geoingest.connectors.ConnectorTestSupport.parse;
import static io.geoingest.connectors.ConnectorTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.sqlserver.jdbc.Geography;
import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorTestSupport.Result;
import io.geoingest.connectors.FakeJdbc.Col;
import io.geoingest.connectors.FakeJdbc;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.sources.TestPolicies;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * No SQL Server runs here: the real mssql-jdbc checks URLs (its own parser), reads geometry
 * bytes (its own serialiser makes them) and fails on a closed port; everything else runs through
 * the connector against {@link FakeJdbc}, a driver answering from memory as mssql-jdbc describes
 * SQL Server's types.
 */
class SqlServerConnectorTest {
    private static final SqlServerProperties SECURE = new SqlServerProperties("true", false);
    private static final Charset LATIN1 = Charset.forName("windows-1252");

    /** The connector with the fake driver in place of mssql-jdbc. */
    private static final class Faked extends SqlServerConnector {
        private final FakeJdbc fake;

        Faked(FakeJdbc fake, int maxRows) {
            super(limits(maxRows), imports(100, 256), TestPolicies.standard(), SECURE);
            this.fake = fake;
        }

        @Override
        protected Driver driver() {
            return fake.driver();
        }
    }

    private static ObjectNode request() {
        return connector("sqlserver", "127.0.0.1", 1433, "shop", "reader", "S3cret;pw}");
    }

    private static ConnectionSettings settings(String server, String database) {
        return new ConnectionSettings(server, 1433, database, "reader", "S3cret", null, null);
    }

    private static Map<String, String> parsedByMssqlJdbc(String url) throws SQLException {
        Map<String, String> values = new HashMap<>();
        for (DriverPropertyInfo i : new SQLServerDriver().getPropertyInfo(url, new Properties())) {
            values.put(i.name, i.value);
        }
        return values;
    }

    @Test
    void urlHoldsServerDatabaseAndTlsSettingsOnly() throws SQLException {
        SqlServerConnector c = new SqlServerConnector(limits(10), imports(10, 256), TestPolicies.standard(), SECURE);
        assertThat(c.url(settings("db.example.com", "shop")))
                .isEqualTo("jdbc:sqlserver://db.example.com:1433;databaseName={shop};encrypt=true;trustServerCertificate=false");
        Map<String, String> v = parsedByMssqlJdbc(c.url(settings("fd00::5", "shop")));
        assertThat(v).containsEntry("serverName", "fd00::5").containsEntry("portNumber", "1433")
                .containsEntry("databaseName", "shop");

        SqlServerConnector lax = new SqlServerConnector(limits(10), imports(10, 256), TestPolicies.standard(),
                new SqlServerProperties("strict", true));
        assertThat(lax.url(settings("h", "d"))).endsWith(";encrypt=strict;trustServerCertificate=true");
        assertThatThrownBy(() -> new SqlServerProperties("yes", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDatabaseNameCannotAddConnectionSettings() throws SQLException {
        SqlServerConnector c = new SqlServerConnector(limits(10), imports(10, 256), TestPolicies.standard(), SECURE);
        for (String hostile : new String[] {"x;encrypt=false;trustServerCertificate=true", "x};encrypt=false;a={b",
                "}}};trustServerCertificate=true;{", "a=b;user=sa"}) {
            Map<String, String> v = parsedByMssqlJdbc(c.url(settings("db.example.com", hostile)));
            assertThat(v).containsEntry("databaseName", hostile).containsEntry("encrypt", "true")
                    .containsEntry("trustServerCertificate", "false").containsEntry("serverName", "db.example.com");
            assertThat(v.get("user")).isNullOrEmpty();
        }
    }

    @Test
    void identifiersAreBracketedWithClosingBracketsDoubled() {
        SqlServerConnector c = new SqlServerConnector(limits(10), imports(10, 256), TestPolicies.standard(), SECURE);
        assertThat(c.quoteIdentifier("plain")).isEqualTo("[plain]");
        assertThat(c.quoteIdentifier("x]; DROP TABLE t; --")).isEqualTo("[x]]; DROP TABLE t; --]");
    }

    /** The whole import path, against the fake driver: SQL sent, session, types, binary and skipped columns, geometries. */
    @Test
    void importsEveryTypeAsMssqlJdbcDescribesIt() throws Exception {
        byte[] place = Geography.STGeomFromText("POINT(-3.7 40.4)", 4326).serialize();
        byte[] shape = com.microsoft.sqlserver.jdbc.Geometry.STGeomFromText("LINESTRING(0 0, 1 1)", 25830).serialize();
        OffsetDateTime dto = OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2));
        FakeJdbc fake = new FakeJdbc(List.of(
                new Col("id", Types.INTEGER, "int identity"), new Col("tiny", Types.TINYINT, "tinyint"),
                new Col("big", Types.BIGINT, "bigint"), new Col("price", Types.DECIMAL, "money"),
                new Col("ratio", Types.REAL, "real"), new Col("f", Types.DOUBLE, "float"),
                new Col("flag", Types.BIT, "bit"), new Col("d", Types.DATE, "date"), new Col("t", Types.TIME, "time"),
                new Col("dt", Types.TIMESTAMP, "datetime"), new Col("dto", microsoft.sql.Types.DATETIMEOFFSET, "datetimeoffset"),
                new Col("name", Types.NVARCHAR, "nvarchar"), new Col("code", Types.VARCHAR, "varchar"),
                new Col("guid", Types.CHAR, "uniqueidentifier"), new Col("doc", Types.LONGNVARCHAR, "xml"),
                new Col("pic", Types.VARBINARY, "varbinary"), new Col("v", microsoft.sql.Types.SQL_VARIANT, "sql_variant"),
                new Col("node", Types.VARBINARY, "hierarchyid"), new Col("rv", Types.BINARY, "timestamp"),
                new Col("shape", microsoft.sql.Types.GEOMETRY, "geometry"),
                new Col("geom", microsoft.sql.Types.GEOGRAPHY, "geography")),
                List.of(new Object[] {7, 255, 9007199254740993L, "12.3400", 0.1f, 1.5e300, true, LocalDate.of(2024, 2, 29),
                                LocalTime.of(13, 14, 15, 1234500), LocalDateTime.of(2024, 2, 29, 13, 14, 15), dto, "日本",
                                "café €".getBytes(LATIN1), "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "<a/>", new byte[] {1},
                                "x", new byte[] {2}, new byte[] {3}, shape, place},
                        new Object[21]),
                Set.of());
        ObjectNode n = request();
        n.put("table", "we]ird");
        n.put("encoding", "latin1");
        Result r = readAll(new Faked(fake, 1000).open(parse(n)));

        assertThat(fake.sql).containsExactly("SELECT * FROM [dbo].[we]]ird]");
        assertThat(fake.url).isEqualTo(
                "jdbc:sqlserver://127.0.0.1:1433;databaseName={shop};encrypt=true;trustServerCertificate=false");
        assertThat(fake.properties).containsEntry("user", "reader").containsEntry("password", "S3cret;pw}")
                .containsEntry("applicationIntent", "ReadOnly").containsEntry("responseBuffering", "adaptive")
                .containsEntry("integratedSecurity", "false");
        assertThat(fake.calls).contains("setAutoCommit[false]", "setReadOnly[true]", "setMaxRows[1001]",
                "createStatement[1003, 1007]");

        assertThat(r.columns()).containsExactly(new Column("id", ColumnType.INTEGER), new Column("tiny", ColumnType.INTEGER),
                new Column("big", ColumnType.BIGINT), new Column("price", ColumnType.NUMERIC),
                new Column("ratio", ColumnType.DOUBLE), new Column("f", ColumnType.DOUBLE),
                new Column("flag", ColumnType.BOOLEAN), new Column("d", ColumnType.DATE), new Column("t", ColumnType.TIME),
                new Column("dt", ColumnType.TIMESTAMP), new Column("dto", ColumnType.TIMESTAMPTZ),
                new Column("name", ColumnType.TEXT), new Column("code", ColumnType.TEXT), new Column("guid", ColumnType.TEXT),
                new Column("doc", ColumnType.TEXT), new Column("pic", ColumnType.BYTEA), new Column("rv", ColumnType.BYTEA),
                new Column("shape", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows().get(0)).startsWith(7, 255, 9007199254740993L, new BigDecimal("12.3400"), 0.1, 1.5e300, true,
                LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15, 1234500), LocalDateTime.of(2024, 2, 29, 13, 14, 15), dto,
                "日本", "café €", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "<a/>", new byte[] {1}, new byte[] {3},
                "SRID=25830;LINESTRING (0 0, 1 1)");
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(-3.7); // geography: longitude first
        assertThat(p.getY()).isEqualTo(40.4);
        assertThat(p.getSRID()).isEqualTo(4326);
        assertThat(r.rows().get(1)).containsOnlyNulls();
        assertThat(r.warnings()).isEqualTo(Map.of("skipped_columns", List.of("v", "node")));
    }

    /** The seed's tip: CONVERT(VARCHAR(1000), g.STAsBinary(), 2) AS the_geom, uppercase hex WKB; the query runs as given. */
    @Test
    void hexWkbTextOfTheSeedsTipBecomesTheGeometry() throws SQLException {
        String hex = HexFormat.of().withUpperCase().formatHex(
                Geography.STGeomFromText("POINT(2.17 41.39)", 4326).STAsBinary());
        String sql = "SELECT *, CONVERT(VARCHAR(1000), geography::Point(lat, lon, 4326).STAsBinary(), 2) AS the_geom"
                + " FROM places ORDER BY id";
        FakeJdbc fake = new FakeJdbc(List.of(new Col("id", Types.INTEGER, "int"),
                new Col("the_geom", Types.VARCHAR, "varchar")),
                List.of(new Object[] {1, hex}, new Object[] {2, "nonsense"}), Set.of());
        ObjectNode n = request();
        n.put("sql_query", sql + ";");
        n.put("import_as", "places");
        Result r = readAll(new Faked(fake, 1000).open(parse(n)));
        assertThat(fake.sql).containsExactly(sql);
        assertThat(r.names()).containsExactly("id", "the_geom");
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(2.17);
        assertThat(p.getY()).isEqualTo(41.39);
        assertThat(r.value(1, "the_geom")).isNull();
        assertThat(r.warnings()).isEqualTo(Map.of("invalid_geometries", 1L));
    }

    @Test
    void geometrySridsAsForMysqlGeographyAlwaysLongitudeLatitude() throws Exception {
        SqlServerGeometry geometry = SqlServerGeometry.geometry();
        Geometry unknown = geometry.geometry(
                com.microsoft.sqlserver.jdbc.Geometry.STGeomFromText("POINT(-3.7 40.4)", 0).serialize());
        assertThat(unknown.getCoordinate().x).isEqualTo(-3.7);
        assertThat(unknown.getSRID()).isEqualTo(4326);
        Geometry mercator = geometry.geometry(com.microsoft.sqlserver.jdbc.Geometry
                .STGeomFromText("POINT(1113194.9079327357 2273030.926987689)", 3857).serialize());
        assertThat(mercator.getCoordinate().x).isCloseTo(10.0, within(1e-9));
        assertThat(mercator.getCoordinate().y).isCloseTo(20.0, within(1e-9));
        assertThat(geometry.geometry(
                com.microsoft.sqlserver.jdbc.Geometry.STGeomFromText("POINT(700000 6600000)", 2154).serialize())).isNull();
        assertThat(geometry.geometry(new byte[] {1, 2, 3})).isNull();

        Geometry polygon = SqlServerGeometry.geography().geometry(
                Geography.STGeomFromText("POLYGON((-5 40, -4 40, -4 41, -5 40))", 4258).serialize());
        assertThat(polygon.getCoordinates()[0].x).isEqualTo(-5.0);
        assertThat(polygon.getCoordinates()[0].y).isEqualTo(40.0);
        assertThat(polygon.getSRID()).isEqualTo(4326);
    }

    /** Through the real mssql-jdbc: a closed local port fails at once, as 1012, without the password. */
    @Test
    void unreachableServerIs1012WithoutThePassword() {
        String secret = "Mssql-S3cret-pw";
        SqlServerConnector real = new SqlServerConnector(limits(10), imports(10, 256), TestPolicies.standard(), SECURE);
        ObjectNode n = connector("sqlserver", "127.0.0.1", 1, "shop", "reader", secret);
        n.put("table", "t");
        ImportException e = importFailure(() -> real.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("sqlserver server 127.0.0.1:1");
        assertThat(allMessages(e)).doesNotContain(secret);
    }
}
