package io.geoingest.connectors.snowflake;

import io.geoingest.connectors.CellReader;
import io.geoingest.connectors.ColumnReader;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.GeometryReader;
import io.geoingest.connectors.JdbcConnector;
import io.geoingest.connectors.JdbcValues;
import io.geoingest.connectors.SourceColumn;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import io.geoingest.sources.SourceAddressPolicy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import net.snowflake.client.jdbc.SnowflakeDriver;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;

/**
 * The {@code snowflake} connector (snowflake-jdbc, password authentication).
 *
 * <ul>
 * <li>Connects to {@code https://<server>:<port>/}; user, password, database, schema and
 *     warehouse go in the driver's properties (the login request's body), never in the URL.
 *     Only password logins: the authenticator is fixed, so no browser, Okta, OAuth or key-pair
 *     login can be started from a request. {@code PUT}/{@code GET} file transfers are off (a
 *     {@code sql_query} cannot read or write this machine's files), and so are the driver's
 *     telemetry and its caching of credentials on this machine.</li>
 * <li>A table is {@code "DATABASE"."SCHEMA"."TABLE"} (schema {@code PUBLIC} by default). Names
 *     are resolved as Snowflake resolves them in SQL: a plain identifier (letters, digits,
 *     {@code _}, {@code $}, not starting with a digit) is case-insensitive, that is upper case;
 *     any other name is taken exactly as given. Every name is quoted, embedded quotes doubled.</li>
 * <li>A {@code sql_query} runs as {@code SELECT * FROM (query)} in a session that allows one
 *     statement per query ({@code MULTI_STATEMENT_COUNT=1}): only a query can run (Snowflake
 *     sessions have no read-only mode). Its columns need distinct names, as in any subquery.</li>
 * <li>Results come as JSON chunks (Arrow would need {@code --add-opens} on Java 17), the smallest
 *     chunk size Snowflake allows, {@code prefetch-threads} downloaded ahead, at most
 *     {@code memory-limit} held: memory stays bounded whatever the result's size.</li>
 * <li>Types: {@code NUMBER(p,0)} with p &le; 18 is BIGINT, other {@code NUMBER}s NUMERIC (exact);
 *     {@code FLOAT} DOUBLE; {@code BOOLEAN}, {@code DATE} and {@code TIME} as such;
 *     {@code TIMESTAMP_NTZ} TIMESTAMP; {@code TIMESTAMP_LTZ}/{@code TIMESTAMP_TZ} TIMESTAMPTZ; text
 *     TEXT; {@code BINARY} bytea; {@code VARIANT}, {@code OBJECT} and {@code ARRAY} json (their JSON
 *     text). {@code MAP} and {@code VECTOR} columns are left out and named in the warning {@code skipped_columns}.</li>
 * <li>{@code GEOGRAPHY} and {@code GEOMETRY} columns come as WKT and EWKT (GeoJSON, Snowflake's
 *     default, is read too); the_geom is chosen among them by name. Without one, a text column
 *     named like a geometry ({@code the_geom}, {@code geometry}, {@code wkb_geometry},
 *     {@code geom}, {@code geojson}, {@code wkt}) holding WKT, GeoJSON or hex WKB becomes the_geom.
 *     A {@code GEOMETRY} in an SRID other than 4326 (or 0) gives a null geometry counted in
 *     {@code invalid_geometries}.</li>
 * </ul>
 *
 * <p>Residual gap: the {@link SourceAddressPolicy} checks the server; the result chunk URLs (and
 * the headers sent with them) are whatever that server answers, and the driver downloads them
 * unchecked. A request naming a server that only imitates Snowflake can make this service send
 * GET requests to addresses the policy refuses.
 */
@Component
public class SnowflakeConnector extends JdbcConnector {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Set<String> GEOMETRY_TYPES = Set.of("geography", "geometry");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("map", "vector");
    /** Snowflake's smallest result chunk (MB): the less one chunk holds, the less memory a download takes. */
    private static final int CHUNK_SIZE_MB = 48;
    /** Beyond this precision a NUMBER(p,0) may not fit in a bigint. */
    private static final int BIGINT_DIGITS = 18;

    private final SnowflakeProperties snowflake;
    private final Driver driver = new SnowflakeDriver();

    public SnowflakeConnector(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses,
                              SnowflakeProperties snowflake) {
        super(Provider.SNOWFLAKE, properties, imports, addresses);
        this.snowflake = snowflake;
    }

    @Override
    protected Driver driver() {
        return driver;
    }

    /** The driver derives the account from the host name's first label. */
    @Override
    protected String url(ConnectionSettings c) {
        return "jdbc:snowflake://" + urlHost(c.server()) + ":" + c.port() + "/";
    }

    @Override
    protected void driverProperties(ConnectorRequest request, Properties p) {
        ConnectionSettings c = request.connection();
        if (c.database() != null) {
            p.setProperty("db", c.database());
        }
        p.setProperty("schema", request.remoteSchema());
        if (c.warehouse() != null) {
            p.setProperty("warehouse", c.warehouse());
        }
        p.setProperty("ssl", snowflake.ssl() ? "on" : "off");
        p.setProperty("authenticator", "snowflake");
        p.setProperty("application", "geoingest");
        // The login, retries included, within connect-timeout; then a silent server or a query
        // still running after socket-timeout fails the import.
        p.setProperty("loginTimeout", Integer.toString(seconds(properties.connectTimeout())));
        p.setProperty("HTTP_CLIENT_CONNECTION_TIMEOUT", Integer.toString(millis(properties.connectTimeout())));
        p.setProperty("HTTP_CLIENT_SOCKET_TIMEOUT", Integer.toString(millis(properties.socketTimeout())));
        p.setProperty("queryTimeout", Integer.toString(seconds(properties.socketTimeout())));
        p.setProperty("enablePutGet", "false");
        p.setProperty("clientStoreTemporaryCredential", "false");
        p.setProperty("clientRequestMfaToken", "false");
        p.setProperty("CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED", "false");
        p.setProperty("htapOOBTelemetryEnabled", "false");

        // Session parameters (sent with the login):
        p.setProperty("CLIENT_TELEMETRY_ENABLED", "false");
        p.setProperty("MULTI_STATEMENT_COUNT", "1");
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        p.setProperty("CLIENT_RESULT_CHUNK_SIZE", Integer.toString(CHUNK_SIZE_MB));
        p.setProperty("CLIENT_PREFETCH_THREADS", Integer.toString(snowflake.prefetchThreads()));
        p.setProperty("CLIENT_MEMORY_LIMIT", Long.toString(snowflake.memoryLimit().toMegabytes()));
        p.setProperty("GEOGRAPHY_OUTPUT_FORMAT", "WKT");
        p.setProperty("GEOMETRY_OUTPUT_FORMAT", "EWKT");
        SnowflakeValues.OUTPUT_FORMATS.forEach(p::setProperty);
    }

    /** The driver downloads the result in chunks by itself, within the limits set at login. */
    @Override
    protected void stream(Statement statement) {
    }

    /** Only a query can run: the statement of another kind is a syntax error inside the wrapper. */
    @Override
    protected String userQuery(Connection conn, String sqlQuery) throws SQLException {
        return "SELECT * FROM (\n" + super.userQuery(conn, sqlQuery) + "\n)";
    }

    @Override
    protected String tableReference(ConnectorRequest request) {
        String database = request.connection().database();
        String schemaAndTable = quoteIdentifier(request.remoteSchema()) + "." + quoteIdentifier(request.table());
        return database == null ? schemaAndTable : quoteIdentifier(database) + "." + schemaAndTable;
    }

    /** Quoted as Snowflake resolves the name unquoted when it can be written so (upper case), else as given. */
    @Override
    protected String quoteIdentifier(String identifier) {
        return "\"" + resolved(identifier).replace("\"", "\"\"") + "\"";
    }

    @Override
    protected ResultSet listTables(DatabaseMetaData md, ConnectorRequest request) throws SQLException {
        String database = request.connection().database();
        return md.getTables(database == null ? null : resolved(database), resolved(request.remoteSchema()), "%",
                new String[] {"TABLE", "VIEW"});
    }

    private static String resolved(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }

    @Override
    protected boolean isGeometry(SourceColumn column) {
        return GEOMETRY_TYPES.contains(column.baseTypeName());
    }

    /** The driver gives a text column's bytes (also GEOGRAPHY and GEOMETRY's) as its UTF-8 text. */
    @Override
    protected GeometryReader geometryReader() {
        GeometryText text = new GeometryText();
        return new GeometryReader() {
            @Override
            public Geometry geometry(byte[] value) {
                return text.parse(new String(value, StandardCharsets.UTF_8));
            }

            @Override
            public String text(ResultSet rs, int index) throws SQLException {
                return rs.getString(index);
            }
        };
    }

    @Override
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request) {
        String type = c.baseTypeName();
        if (UNSUPPORTED_TYPES.contains(type)) {
            return null;
        }
        return switch (type) {
            case "binary" -> reader(c, ColumnType.BYTEA, JdbcValues.bytes(index));
            // The driver gives semi-structured values as their JSON text.
            case "variant", "object", "array" -> reader(c, ColumnType.JSON, JdbcValues.text(index));
            case "date" -> reader(c, ColumnType.DATE, SnowflakeValues.date(index));
            case "time" -> reader(c, ColumnType.TIME, SnowflakeValues.time(index));
            case "timestampntz" -> reader(c, ColumnType.TIMESTAMP, SnowflakeValues.timestamp(index));
            case "timestampltz", "timestamptz" -> reader(c, ColumnType.TIMESTAMPTZ, SnowflakeValues.timestamptz(index));
            default -> switch (c.jdbcType()) {
                case Types.BIGINT -> c.precision() <= BIGINT_DIGITS
                        ? reader(c, ColumnType.BIGINT, JdbcValues.bigint(index))
                        : reader(c, ColumnType.NUMERIC, JdbcValues.numeric(index));
                case Types.DECIMAL, Types.NUMERIC -> reader(c, ColumnType.NUMERIC, JdbcValues.numeric(index));
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> reader(c, ColumnType.DOUBLE, JdbcValues.float8(index));
                case Types.BOOLEAN -> reader(c, ColumnType.BOOLEAN, JdbcValues.bool(index));
                default -> reader(c, ColumnType.TEXT, JdbcValues.text(index));
            };
        };
    }

    private static ColumnReader reader(SourceColumn c, ColumnType type, CellReader cells) {
        return new ColumnReader(new Column(c.name(), type), cells);
    }
}
