package io.geoingest.connectors.mysql;

import io.geoingest.connectors.CellReader;
import io.geoingest.connectors.ColumnReader;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.GeometryReader;
import io.geoingest.connectors.JdbcConnector;
import io.geoingest.connectors.JdbcValues;
import io.geoingest.connectors.SourceColumn;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.sources.SourceAddressPolicy;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;

/**
 * The {@code mysql} connector (MySQL Connector/J; works with MySQL and MariaDB).
 *
 * <ul>
 * <li>Rows are streamed ({@code setFetchSize(Integer.MIN_VALUE)} on a forward-only, read-only
 *     statement); the session is read-only. Closing early aborts the connection instead of
 *     reading the rest of the result. The query is a server-side prepared statement, so rows
 *     come in the binary protocol: the server sends numbers and dates as they are stored
 *     instead of formatting them as text for the driver to parse back (for a table of
 *     doubles and dates, a third of the server's CPU time and less of ours).</li>
 * <li>{@code TINYINT(1)} is an INTEGER ({@code tinyInt1isBit=false}): MySQL's BOOLEAN is
 *     TINYINT(1), but so are many small counters, and reading them as booleans would turn 2
 *     into true; {@code BIT(1)} is BOOLEAN, {@code BIT(n)} a BIGINT. {@code YEAR} is an
 *     INTEGER, {@code INT UNSIGNED} a BIGINT, {@code BIGINT UNSIGNED} a NUMERIC. Zero dates
 *     ({@code 0000-00-00}) are null ({@code zeroDateTimeBehavior=CONVERT_TO_NULL}).
 *     {@code DATETIME} is TIMESTAMP (a wall-clock time, as stored); {@code TIMESTAMP}, which
 *     MySQL stores as an instant, is TIMESTAMPTZ (the session's time zone is UTC, so a
 *     {@code sql_query}'s {@code NOW()} is UTC too).
 *     {@code TIME} (a duration, -838:59:59 to 838:59:59) is TIME, to the microsecond, from
 *     00:00:00 to 24:00:00; other values are null, counted in {@code out_of_range_values}
 *     ({@link JdbcValues#mysqlTime}).
 *     {@code BLOB}, {@code BINARY} and {@code VARBINARY} columns are bytea, {@code JSON} json.</li>
 * <li>{@code encoding}: without it the server's own character sets are trusted and text is
 *     decoded per column. With it, text columns are read as the bytes stored and decoded with
 *     that encoding (CARTO's meaning: "the character encoding used by the MySQL database"), which
 *     also recovers e.g. UTF-8 text stored in a latin1 column.</li>
 * <li>Geometry columns (MySQL's internal format: 4-byte little-endian SRID, then WKB) are read
 *     in Java. SRID 0 and 4326 are taken as longitude/latitude, Web Mercator (3857 and its
 *     aliases) is projected back; any other SRID gives a null geometry counted in
 *     {@code invalid_geometries}. Other geometry columns become EWKT text.</li>
 * <li>Safety: {@code LOAD DATA LOCAL}, URL-loaded files, object deserialisation and multiple
 *     statements are off; SSL is used when the server offers it.</li>
 * </ul>
 */
@Component
public class MysqlConnector extends JdbcConnector {
    private static final Set<String> GEOMETRY_TYPES = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    public MysqlConnector(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses) {
        super(Provider.MYSQL, properties, imports, addresses);
    }

    @Override
    protected Driver driver() {
        try {
            return new com.mysql.cj.jdbc.Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL JDBC driver unavailable", e);
        }
    }

    @Override
    protected String url(ConnectionSettings c) {
        return "jdbc:mysql://" + urlHost(c.server()) + ":" + c.port() + "/" + encodePath(c.database());
    }

    @Override
    protected void driverProperties(ConnectorRequest request, Properties p) {
        p.setProperty("connectTimeout", Integer.toString(millis(properties.connectTimeout())));
        // Raised to socket-timeout once logged in (setNetworkTimeout): a silent server cannot
        // hold the handshake longer than connect-timeout.
        p.setProperty("socketTimeout", Integer.toString(millis(properties.connectTimeout())));
        // How long the server waits for us to read while streaming (net_write_timeout).
        p.setProperty("netTimeoutForStreamingResults", Integer.toString(seconds(properties.socketTimeout())));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("sslMode", "PREFERRED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        p.setProperty("tinyInt1isBit", "false");
        p.setProperty("yearIsDateType", "false");
        p.setProperty("useCursorFetch", "false");
        // Statements the server cannot prepare are still run, as text (emulateUnsupportedPstmts).
        p.setProperty("useServerPrepStmts", "true");
        // The user's SQL goes as written: no JDBC escapes ({fn ...}) rewritten when preparing.
        p.setProperty("processEscapeCodesForPrepStmts", "false");
        p.setProperty("allowLoadLocalInfile", "false");
        p.setProperty("allowUrlInLocalInfile", "false");
        p.setProperty("autoDeserialize", "false");
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("connectionAttributes", "program_name:geoingest");
    }

    /**
     * Connector/J only makes the session read-only for servers it believes are MySQL 5.6.5 or
     * later, and MariaDB announces itself as 5.5.5: say it ourselves. Servers older than 5.6.5
     * cannot, and are read as they are.
     */
    @Override
    protected void configure(Connection conn) throws SQLException {
        try (Statement s = conn.createStatement()) {
            // TIMESTAMP values are instants: the session shows them in UTC, read as timestamptz.
            s.execute("SET SESSION time_zone = '+00:00'");
        }
        try (Statement s = conn.createStatement()) {
            s.execute("SET SESSION TRANSACTION READ ONLY");
        } catch (SQLSyntaxErrorException e) {
            // MySQL before 5.6.5
        }
    }

    @Override
    protected void stream(Statement statement) throws SQLException {
        statement.setFetchSize(Integer.MIN_VALUE);
    }

    /**
     * Runs the query as a prepared statement set up like {@code statement}, which only a
     * PreparedStatement can make binary; it is closed with the connection.
     */
    @Override
    protected ResultSet execute(Statement statement, String sql) throws SQLException {
        PreparedStatement prepared = statement.getConnection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        prepared.setMaxRows(statement.getMaxRows());
        stream(prepared);
        return prepared.executeQuery();
    }

    @Override
    protected String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    protected boolean isGeometry(SourceColumn column) {
        return switch (column.jdbcType()) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.OTHER ->
                    GEOMETRY_TYPES.contains(column.baseTypeName());
            default -> false;
        };
    }

    @Override
    protected GeometryReader geometryReader() {
        MysqlGeometry reader = new MysqlGeometry();
        return new GeometryReader() {
            @Override
            public Geometry geometry(byte[] value) {
                return reader.toWgs84(value);
            }

            @Override
            public String text(ResultSet rs, int index) throws SQLException {
                byte[] b = rs.getBytes(index);
                return b == null ? null : reader.toEwkt(b);
            }
        };
    }

    @Override
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request, ImportWarnings warnings) {
        if (c.jdbcType() == Types.TIME) {
            return new ColumnReader(new Column(c.name(), ColumnType.TIME), JdbcValues.mysqlTime(index, warnings));
        }
        if (c.jdbcType() == Types.TIMESTAMP && c.baseTypeName().equals("timestamp")) {
            return new ColumnReader(new Column(c.name(), ColumnType.TIMESTAMPTZ), utcTimestamp(index));
        }
        if (c.jdbcType() == Types.BIT && c.precision() > 1) {
            return new ColumnReader(new Column(c.name(), ColumnType.BIGINT), JdbcValues.bigint(index));
        }
        if (c.baseTypeName().equals("json")) {
            // json, not jsonb: MySQL's JSON may hold the escape \\u0000, which jsonb refuses.
            return new ColumnReader(new Column(c.name(), ColumnType.JSON), JdbcValues.text(index));
        }
        Charset charset = request.charset();
        if (charset != null && TEXT_TYPES.contains(c.jdbcType())) {
            return new ColumnReader(new Column(c.name(), ColumnType.TEXT), JdbcValues.decoded(index, charset));
        }
        return super.map(c, index, request, warnings);
    }

    /** A TIMESTAMP as the UTC session shows it, made the instant it is. */
    private static CellReader utcTimestamp(int index) {
        CellReader local = JdbcValues.timestamp(index);
        return (rs, row) -> local.read(rs, row) instanceof LocalDateTime t ? t.atOffset(ZoneOffset.UTC) : null;
    }

    @Override
    protected ResultSet listTables(DatabaseMetaData md, ConnectorRequest request) throws SQLException {
        return md.getTables(request.remoteSchema(), null, "%", new String[] {"TABLE", "VIEW"});
    }
}
