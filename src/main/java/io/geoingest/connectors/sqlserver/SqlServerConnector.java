package io.geoingest.connectors.sqlserver;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
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
import io.geoingest.sources.SourceAddressPolicy;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code sqlserver} connector (Microsoft's mssql-jdbc).
 *
 * <ul>
 * <li>URL {@code jdbc:sqlserver://<server>:<port>;databaseName={<database>};encrypt=...;
 *     trustServerCertificate=...} (an IPv6 server goes in {@code serverName=}): the database
 *     name is braced, {@code }} doubled, so it cannot add {@code ;key=value} settings; user and
 *     password are driver properties. TLS comes from {@link SqlServerProperties} (secure by
 *     default); Windows (integrated) authentication is off, so no credential of this service is
 *     offered.</li>
 * <li>Rows stream: adaptive response buffering, a forward-only read-only statement, the
 *     session's application intent {@code ReadOnly} (read-only replicas of availability groups).
 *     T-SQL has no read-only session, so the query runs in a transaction that is never
 *     committed: what a batch writes is rolled back when the connection closes, unless the
 *     batch commits itself. The account's permissions are the real limit.</li>
 * <li>Types: {@code tinyint}, {@code smallint}, {@code int} INTEGER; {@code bigint} BIGINT;
 *     {@code decimal}, {@code numeric}, {@code money}, {@code smallmoney} NUMERIC;
 *     {@code float}, {@code real} DOUBLE; {@code bit} BOOLEAN; {@code date} DATE; {@code time}
 *     TIME; {@code datetime}, {@code datetime2}, {@code smalldatetime} TIMESTAMP;
 *     {@code datetimeoffset} TIMESTAMPTZ; character types, {@code uniqueidentifier} and
 *     {@code xml} TEXT; {@code binary}, {@code varbinary}, {@code image} and
 *     {@code timestamp}/{@code rowversion} bytea. Skipped: {@code sql_variant},
 *     {@code hierarchyid} and other CLR types. {@code geometry} and {@code geography}: {@link SqlServerGeometry}.</li>
 * <li>{@code encoding}: {@code char}, {@code varchar} and {@code text} values are read as the
 *     bytes stored and decoded with it; without it, with the column's collation. The
 *     {@code n...} types hold Unicode already.</li>
 * </ul>
 */
/* Named as the provider: the route (and Connector's convention) refer to sqlserverConnector. */
@Component("sqlserverConnector")
public class SqlServerConnector extends JdbcConnector {
    private static final Set<String> UNSUPPORTED_TYPES =
            Set.of("sql_variant", "hierarchyid");

    private final SqlServerProperties sqlserver;

    public SqlServerConnector(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses,
                              SqlServerProperties sqlserver) {
        super(Provider.SQLSERVER, properties, imports, addresses);
        this.sqlserver = sqlserver;
    }

    @Override
    protected Driver driver() {
        return new SQLServerDriver();
    }

    @Override
    protected String url(ConnectionSettings c) {
        String server = c.server().indexOf(':') >= 0
                ? ";serverName=" + c.server() + ";portNumber=" + c.port()
                : c.server() + ":" + c.port();
        return "jdbc:sqlserver://" + server + (c.database() == null ? "" : ";databaseName=" + braced(c.database()))
                + ";encrypt=" + sqlserver.encrypt() + ";trustServerCertificate=" + sqlserver.trustServerCertificate();
    }

    /** A connection-string value in braces, closing braces doubled: nothing in it is syntax. */
    static String braced(String value) {
        return "{" + value.replace("}", "}}") + "}";
    }

    @Override
    protected void driverProperties(ConnectorRequest request, Properties p) {
        p.setProperty("loginTimeout", Integer.toString(seconds(properties.connectTimeout())));
        // Raised to socket-timeout once logged in (setNetworkTimeout).
        p.setProperty("socketTimeout", Integer.toString(millis(properties.connectTimeout())));
        p.setProperty("applicationName", "geoingest");
        p.setProperty("applicationIntent", "ReadOnly");
        p.setProperty("responseBuffering", "adaptive");
        p.setProperty("selectMethod", "direct");
        p.setProperty("integratedSecurity", "false");
        // A dropped connection must fail the import, not resume in a new session mid-result.
        p.setProperty("connectRetryCount", "0");
    }

    /** The transaction that is never committed. */
    @Override
    protected void configure(Connection conn) throws SQLException {
        conn.setAutoCommit(false);
    }

    /** Adaptive response buffering (a connection property) already streams a forward-only result. */
    @Override
    protected void stream(Statement statement) {
    }

    @Override
    protected String quoteIdentifier(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    @Override
    protected boolean isGeometry(SourceColumn column) {
        String t = type(column);
        return t.equals("geometry") || t.equals("geography");
    }

    @Override
    protected GeometryReader geometryReader() {
        return SqlServerGeometry.geometry();
    }

    @Override
    protected GeometryReader geometryReader(SourceColumn column) {
        return type(column).equals("geography") ? SqlServerGeometry.geography() : geometryReader();
    }

    @Override
    protected boolean unsupported(SourceColumn column) {
        return super.unsupported(column) || UNSUPPORTED_TYPES.contains(type(column));
    }

    @Override
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request) {
        String name = c.name();
        Charset charset = request.charset();
        return switch (type(c)) {
            case "tinyint", "smallint", "int" -> new ColumnReader(new Column(name, ColumnType.INTEGER), JdbcValues.integer(index));
            case "bigint" -> new ColumnReader(new Column(name, ColumnType.BIGINT), JdbcValues.bigint(index));
            case "decimal", "numeric", "money", "smallmoney" ->
                    new ColumnReader(new Column(name, ColumnType.NUMERIC), JdbcValues.numeric(index));
            case "float" -> new ColumnReader(new Column(name, ColumnType.DOUBLE), JdbcValues.float8(index));
            case "real" -> new ColumnReader(new Column(name, ColumnType.DOUBLE), JdbcValues.float4(index));
            case "bit" -> new ColumnReader(new Column(name, ColumnType.BOOLEAN), JdbcValues.bool(index));
            case "binary", "varbinary", "image", "timestamp", "rowversion" ->
                    new ColumnReader(new Column(name, ColumnType.BYTEA), JdbcValues.bytes(index));
            case "date" -> new ColumnReader(new Column(name, ColumnType.DATE), JdbcValues.date(index));
            case "time" -> new ColumnReader(new Column(name, ColumnType.TIME), JdbcValues.time(index));
            case "datetime", "datetime2", "smalldatetime" ->
                    new ColumnReader(new Column(name, ColumnType.TIMESTAMP), JdbcValues.timestamp(index));
            case "datetimeoffset" -> new ColumnReader(new Column(name, ColumnType.TIMESTAMPTZ), JdbcValues.timestamptz(index));
            case "char", "varchar", "text" -> new ColumnReader(new Column(name, ColumnType.TEXT),
                    charset == null ? JdbcValues.text(index) : JdbcValues.decoded(index, charset));
            case "nchar", "nvarchar", "ntext", "uniqueidentifier", "xml" ->
                    new ColumnReader(new Column(name, ColumnType.TEXT), JdbcValues.text(index));
            default -> super.map(c, index, request);
        };
    }

    /** The type's name without what mssql-jdbc may add after it ({@code int identity}). */
    static String type(SourceColumn c) {
        String t = c.baseTypeName();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }
}
