package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.InvalidImportRequest;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.sources.SourceAddressPolicy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.core.BaseConnection;

/**
 * What the connectors for servers speaking PostgreSQL's protocol share (PostgreSQL, Redshift),
 * through PgJDBC.
 *
 * <ul>
 * <li>{@code sslmode} (from the subclass) goes to PgJDBC unchanged: {@code require} refuses a
 *     server without SSL (the certificate is not verified, as in libpq), {@code prefer} falls
 *     back to plain TCP, {@code disable} never uses SSL. GSS encryption and JAAS logins are off:
 *     no credential of this service is ever offered to a remote server.</li>
 * <li>Rows come through a cursor (autocommit off, fetch size {@code geoingest.connectors.fetch-size})
 *     in a read-only transaction ({@code BEGIN READ ONLY}).</li>
 * <li>A {@code sql_query} must be one statement (a trailing semicolon is fine): PgJDBC would run
 *     every statement of several, outside the wrapper and, after a {@code COMMIT}, outside the
 *     read-only transaction. The request parser refuses more (400); here, the query and every
 *     SQL built around it are checked again as PgJDBC splits them (1011), and the extended query
 *     protocol makes the server itself refuse several commands in one query.</li>
 * <li>{@code geometry}/{@code geography} columns: the query is first described
 *     ({@code SELECT * FROM (q) AS src LIMIT 0}), then run wrapped, its columns renamed by
 *     position (so duplicate or unnamed columns cannot clash): the chosen column is read as
 *     {@code ST_AsEWKB} of the geometry transformed to EPSG:4326 row by row when its SRID is
 *     neither 4326 nor 0 (SRID 0, "unknown", is taken as longitude/latitude, as for CSV files);
 *     other geometry columns become EWKT text. PostGIS functions are qualified with the schema
 *     of the type when it is not on the search path.</li>
 * <li>Types: {@code bool} and {@code bit(1)} are BOOLEAN; {@code timestamptz} is TIMESTAMPTZ;
 *     {@code time} is TIME and {@code timetz} TIMETZ (24:00:00 included);
 *     {@code json} json and {@code jsonb} jsonb; {@code bit(n)}, {@code varbit}, {@code money}, intervals, uuid and
 *     everything else are TEXT; {@code bytea} is bytea; arrays are skipped; numeric NaN and
 *     infinities, and date/time infinities, are null, counted in the warning
 *     {@code out_of_range_values}.</li>
 * </ul>
 */
public abstract class PgJdbcConnector extends JdbcConnector {
    /** PgJDBC's sslmode values a request (postgres) or the configuration (redshift) may choose. */
    public static final Set<String> SSL_MODES = Set.of("require", "prefer", "disable");
    private static final String MULTIPLE_STATEMENTS = "the sql_query holds more than one statement; only one can be imported";

    protected PgJdbcConnector(Provider provider, ConnectorProperties properties, ImportProperties imports,
                    SourceAddressPolicy addresses) {
        super(provider, properties, imports, addresses);
    }

    /**
     * Refuses a request's {@code sql_query} of more than one statement, as PgJDBC would split it
     * ({@link PostgresStatements}). The server's {@code standard_conforming_strings} is not known
     * yet: the query must be one statement under either setting.
     */
    public static void requireSingleStatement(String sqlQuery) {
        String q = JdbcConnector.stripTerminator(sqlQuery);
        if (PostgresStatements.single(q, true).isEmpty() || PostgresStatements.single(q, false).isEmpty()) {
            throw new InvalidImportRequest("The sql_query parameter must be a single statement: "
                    + "nothing but comments may follow a semicolon");
        }
    }

    /** PgJDBC's {@code sslmode} for this request: {@code require}, {@code prefer} or {@code disable}. */
    protected abstract String sslmode(ConnectorRequest request);

    @Override
    protected Driver driver() {
        return new org.postgresql.Driver();
    }

    @Override
    protected String url(ConnectionSettings c) {
        return "jdbc:postgresql://" + urlHost(c.server()) + ":" + c.port() + "/" + encodePath(c.database());
    }

    @Override
    protected void driverProperties(ConnectorRequest request, Properties p) {
        p.setProperty("sslmode", sslmode(request));
        p.setProperty("connectTimeout", Integer.toString(seconds(properties.connectTimeout())));
        p.setProperty("loginTimeout", Integer.toString(seconds(properties.connectTimeout())));
        // Raised to socket-timeout once logged in (setNetworkTimeout), so that a silent server
        // cannot hold the login longer than connect-timeout.
        p.setProperty("socketTimeout", Integer.toString(seconds(properties.connectTimeout())));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("gssEncMode", "disable");
        p.setProperty("jaasLogin", "false");
        p.setProperty("ApplicationName", "geoingest");
        p.setProperty("readOnlyMode", "transaction");
        // Also the default, said here because it matters: in the extended protocol the server
        // refuses a query string of several commands (the simple protocol would run them all).
        p.setProperty("preferQueryMode", "extended");
    }

    /** Cursor fetch needs a transaction; it is read-only ({@code readOnlyMode=transaction}). */
    @Override
    protected void configure(Connection conn) throws SQLException {
        conn.setAutoCommit(false);
    }

    @Override
    protected String userQuery(Connection conn, String sqlQuery) throws SQLException {
        return PostgresStatements.single(stripTerminator(sqlQuery), standardConformingStrings(conn))
                .orElseThrow(() -> new SQLException(MULTIPLE_STATEMENTS));
    }

    @Override
    protected ResultSet execute(Statement statement, String sql) throws SQLException {
        if (PostgresStatements.count(sql, standardConformingStrings(statement.getConnection())) != 1) {
            throw new SQLException(MULTIPLE_STATEMENTS);
        }
        return statement.executeQuery(sql);
    }

    private static boolean standardConformingStrings(Connection conn) throws SQLException {
        return conn.unwrap(BaseConnection.class).getStandardConformingStrings();
    }

    @Override
    protected void stream(Statement statement) throws SQLException {
        statement.setFetchSize(properties.fetchSize());
    }

    @Override
    protected String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    protected boolean isGeometry(SourceColumn column) {
        String t = column.baseTypeName();
        return t.equals("geometry") || t.equals("geography");
    }

    @Override
    protected List<SourceColumn> describe(Connection conn, String query) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.setEscapeProcessing(false);
            try (ResultSet rs = execute(s, "SELECT * FROM (\n" + query + "\n) AS src LIMIT 0")) {
                return columns(rs.getMetaData());
            }
        }
    }

    @Override
    protected String streamingQuery(String query, List<SourceColumn> columns, int geometry) {
        if (columns.stream().noneMatch(this::isGeometry)) {
            return query;
        }
        StringJoiner select = new StringJoiner(", ");
        StringJoiner aliases = new StringJoiner(", ");
        for (int i = 0; i < columns.size(); i++) {
            SourceColumn c = columns.get(i);
            String alias = "c" + (i + 1);
            aliases.add(alias);
            if (!isGeometry(c)) {
                select.add("src." + alias);
                continue;
            }
            String f = c.typeSchemaPrefix();
            String g = "CAST(src." + alias + " AS " + f + "geometry)";
            if (i == geometry) {
                select.add(f + "ST_AsEWKB(CASE WHEN " + f + "ST_SRID(" + g + ") IN (0, 4326) THEN " + g
                        + " ELSE " + f + "ST_Transform(" + g + ", 4326) END) AS " + alias);
            } else {
                select.add(f + "ST_AsEWKT(" + g + ") AS " + alias);
            }
        }
        return "SELECT " + select + " FROM (\n" + query + "\n) AS src(" + aliases + ")";
    }

    @Override
    protected GeometryReader geometryReader() {
        GeometryText text = new GeometryText();
        return new GeometryReader() {
            @Override
            public Geometry geometry(byte[] ewkb) {
                return text.parse(ewkb);
            }

            @Override
            public String text(ResultSet rs, int index) throws SQLException {
                return rs.getString(index);
            }
        };
    }

    @Override
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request) {
        switch (c.baseTypeName()) {
            case "bool":
                return new ColumnReader(new Column(c.name(), ColumnType.BOOLEAN), JdbcValues.bool(index));
            case "bit":
                return c.precision() == 1
                        ? new ColumnReader(new Column(c.name(), ColumnType.BOOLEAN), JdbcValues.bool(index))
                        : new ColumnReader(new Column(c.name(), ColumnType.TEXT), JdbcValues.text(index));
            case "varbit", "money":
                return new ColumnReader(new Column(c.name(), ColumnType.TEXT), JdbcValues.text(index));
            case "json":
                return new ColumnReader(new Column(c.name(), ColumnType.JSON), JdbcValues.text(index));
            case "jsonb":
                return new ColumnReader(new Column(c.name(), ColumnType.JSONB), JdbcValues.text(index));
            case "timetz":
                return new ColumnReader(new Column(c.name(), ColumnType.TIMETZ), JdbcValues.timetz(index));
            default:
                return super.map(c, index, request);
        }
    }

    /** Numeric NaN/infinity and date/time infinities, which have no value here: null, counted in {@code out_of_range_values}. */
    @Override
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request, ImportWarnings warnings) {
        return switch (c.baseTypeName()) {
            case "numeric" -> new ColumnReader(new Column(c.name(), ColumnType.NUMERIC), JdbcValues.numeric(index, warnings));
            case "date" -> new ColumnReader(new Column(c.name(), ColumnType.DATE), JdbcValues.date(index, warnings));
            case "timestamp" -> new ColumnReader(new Column(c.name(), ColumnType.TIMESTAMP),
                    JdbcValues.timestamp(index, warnings));
            case "timestamptz" -> new ColumnReader(new Column(c.name(), ColumnType.TIMESTAMPTZ),
                    JdbcValues.timestamptz(index, warnings));
            default -> map(c, index, request);
        };
    }
}
