package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.GeometryNames;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.LonLatPoints;
import io.geoingest.rows.TableSource;
import io.geoingest.sources.SourceAddressPolicy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What the JDBC connectors share: connecting (only to servers the
 * {@link SourceAddressPolicy} allows; credentials in driver properties, never in the URL;
 * connect, login and socket timeouts; a read-only session), running the table
 * or query as a streamed result, choosing {@code the_geom}, mapping column types, enforcing the
 * column and row limits, and turning failures into error 1012 (connection) or 1011 (query)
 * whose messages never hold the password. Subclasses supply the dialect.
 *
 * <p>{@code the_geom} comes from the first geometry-typed column in {@link GeometryNames#GEOMETRY}
 * order; without one, from the first text column with one of those names holding WKT/EWKT, hex
 * WKB/EWKB or GeoJSON (values that are none of them are null, counted in
 * {@code invalid_geometries}); without either, from a numeric longitude/latitude pair.
 * Binary columns are bytea. Columns of types that cannot be imported ({@link #unsupported}:
 * arrays, structures) are left out and named in the warning {@code skipped_columns}. A table or query
 * without rows fails with 1015 ({@link JdbcTableSource}).
 */
public abstract class JdbcConnector implements Connector {
    /** JDBC types of character data. */
    protected static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR,
            Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB);
    /** JDBC types whose values have no column type here. */
    private static final Set<Integer> UNSUPPORTED_TYPES = Set.of(Types.ARRAY, Types.STRUCT, Types.JAVA_OBJECT,
            Types.REF, Types.DATALINK, Types.ROWID);
    private static final int MAX_MESSAGE = 500;

    protected final ConnectorProperties properties;
    protected final ImportProperties imports;
    private final Provider provider;
    private final SourceAddressPolicy addresses;

    protected JdbcConnector(Provider provider, ConnectorProperties properties, ImportProperties imports,
                  SourceAddressPolicy addresses) {
        this.provider = provider;
        this.properties = properties;
        this.imports = imports;
        this.addresses = addresses;
    }

    @Override
    public Provider provider() {
        return provider;
    }

    /**
     * Connects and starts the remote query. The returned source streams the rows and must be
     * closed.
     *
     * @throws ImportException 1012 when the server is refused by the address policy, cannot be
     *                         reached or refuses the login, 1011 when the table or query fails
     *                         (a PostgreSQL query of several statements included), 2004 with too
     *                         many columns
     */
    @Override
    public TableSource open(ConnectorRequest request) {
        if (request.provider() != provider) {
            throw new IllegalArgumentException("not a " + provider.id() + " request: " + request.provider().id());
        }
        return open(request, connect(request));
    }

    /**
     * {@link #open(ConnectorRequest)} over a session already started ({@link #startSession}):
     * the query, its columns and rows as for a remote server. The source owns {@code conn}.
     */
    protected TableSource open(ConnectorRequest request, Connection conn) {
        String password = request.connection() == null ? null : request.connection().password();
        Statement stmt = null;
        ResultSet rs = null;
        boolean opened = false;
        try {
            String query = baseQuery(conn, request);
            List<SourceColumn> columns = describe(conn, query);
            if (columns == null) {
                stmt = streamingStatement(conn);
                rs = execute(stmt, query);
                columns = columns(rs.getMetaData());
            }
            if (columns.size() > imports.connectorMaxColumns()) {
                throw new ImportException(ErrorCode.TOO_MANY_COLUMNS, "The remote " + (request.isQuery() ? "query" : "table")
                        + " has " + columns.size() + " columns; at most " + imports.connectorMaxColumns() + " can be imported");
            }
            int geometry = chooseGeometry(columns);
            if (rs == null) {
                stmt = streamingStatement(conn);
                rs = execute(stmt, streamingQuery(query, columns, geometry));
            }
            ImportWarnings warnings = new ImportWarnings();
            List<ColumnReader> plan = plan(request, columns, geometry, warnings);
            JdbcTableSource source = new JdbcTableSource(request.name(), conn, stmt, rs, plan, imports.batchSize(),
                    maxRows(), warnings, e -> queryFailed(e, password), noRows(request));
            opened = true;
            return source;
        } catch (SQLException e) {
            throw queryFailed(e, password);
        } finally {
            if (!opened) {
                JdbcTableSource.closeAll(rs, stmt, conn, true);
            }
        }
    }

    // ---------------------------------------------------------------- dialect

    /** The most rows one import reads ({@code max_rows_per_connection}); the provider's limit by default. */
    protected int maxRows() {
        return properties.maxRows(provider);
    }

    protected abstract Driver driver();

    /** The JDBC URL: host, port and database only (database percent-encoded), no parameters. */
    protected abstract String url(ConnectionSettings connection);

    /** Driver properties besides user and password: timeouts, SSL, safety switches. */
    protected abstract void driverProperties(ConnectorRequest request, Properties p);

    /** Session settings needed before querying (called before the session is made read-only). */
    protected void configure(Connection conn) throws SQLException {
    }

    /**
     * Readies a new session: the socket timeout becomes {@code socket-timeout}, then
     * {@link #configure}, then the session is made read-only. For drivers that can do neither
     * (Hive), dialects override it.
     */
    protected void startSession(Connection conn) throws SQLException {
        conn.setNetworkTimeout(Runnable::run, millis(properties.socketTimeout()));
        configure(conn);
        conn.setReadOnly(true);
    }

    /** The result's columns as the driver describes them. */
    protected List<SourceColumn> columns(ResultSetMetaData md) throws SQLException {
        return SourceColumn.of(md);
    }

    /** The user's {@code sql_query} as it is to run: by default without trailing semicolons and blanks. */
    protected String userQuery(Connection conn, String sqlQuery) throws SQLException {
        return stripTerminator(sqlQuery);
    }

    /** Runs SQL built from the table or query; dialects check here what their driver would send. */
    protected ResultSet execute(Statement statement, String sql) throws SQLException {
        return statement.executeQuery(sql);
    }

    /** Makes a statement stream its result instead of loading it whole. */
    protected abstract void stream(Statement statement) throws SQLException;

    protected abstract String quoteIdentifier(String identifier);

    protected abstract boolean isGeometry(SourceColumn column);

    /** A new geometry reader for one source. */
    protected abstract GeometryReader geometryReader();

    /** A new reader for one geometry column; the dialect's one reader unless its columns differ (SQL Server). */
    protected GeometryReader geometryReader(SourceColumn column) {
        return geometryReader();
    }

    /**
     * Whether the column's values cannot be imported (arrays, structures): it is
     * left out, named in the warning {@code skipped_columns}. Never asked for geometry columns.
     */
    protected boolean unsupported(SourceColumn column) {
        return UNSUPPORTED_TYPES.contains(column.jdbcType());
    }

    /**
     * The result's columns before running it, for dialects that rewrite the query around its
     * geometry columns; null (the default) runs the query as it is and reads its columns from
     * the result.
     */
    protected List<SourceColumn> describe(Connection conn, String query) throws SQLException {
        return null;
    }

    /** The SQL to stream when {@link #describe} gave the columns. */
    protected String streamingQuery(String query, List<SourceColumn> columns, int geometry) {
        return query;
    }

    /**
     * The output column and cell reader for a non-geometry column (JDBC index {@code index}), or
     * null to leave out a column of a type that cannot be imported: it is named in the warning
     * {@code skipped_columns}.
     */
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request) {
        return baseMap(c, index);
    }

    /**
     * As {@link #map(SourceColumn, int, ConnectorRequest)}, with the source's warnings, for
     * readers that count values they cannot keep. Dialects override one or the other.
     */
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request, ImportWarnings warnings) {
        return map(c, index, request);
    }

    /** The mapping by JDBC type that dialects fall back to. */
    private static ColumnReader baseMap(SourceColumn c, int index) {
        String name = c.name();
        switch (c.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT:
                return new ColumnReader(new Column(name, ColumnType.INTEGER), JdbcValues.integer(index));
            case Types.INTEGER:
                return c.signed()
                        ? new ColumnReader(new Column(name, ColumnType.INTEGER), JdbcValues.integer(index))
                        : new ColumnReader(new Column(name, ColumnType.BIGINT), JdbcValues.bigint(index));
            case Types.BIGINT:
                return c.signed()
                        ? new ColumnReader(new Column(name, ColumnType.BIGINT), JdbcValues.bigint(index))
                        : new ColumnReader(new Column(name, ColumnType.NUMERIC), JdbcValues.numeric(index));
            case Types.REAL:
                return new ColumnReader(new Column(name, ColumnType.DOUBLE), JdbcValues.float4(index));
            case Types.FLOAT, Types.DOUBLE:
                return new ColumnReader(new Column(name, ColumnType.DOUBLE), JdbcValues.float8(index));
            case Types.DECIMAL, Types.NUMERIC:
                return new ColumnReader(new Column(name, ColumnType.NUMERIC), JdbcValues.numeric(index));
            case Types.BOOLEAN:
                return new ColumnReader(new Column(name, ColumnType.BOOLEAN), JdbcValues.bool(index));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
                return new ColumnReader(new Column(name, ColumnType.BYTEA), JdbcValues.bytes(index));
            case Types.BIT:
                return c.precision() <= 1
                        ? new ColumnReader(new Column(name, ColumnType.BOOLEAN), JdbcValues.bool(index))
                        : new ColumnReader(new Column(name, ColumnType.TEXT), JdbcValues.text(index));
            case Types.DATE:
                return new ColumnReader(new Column(name, ColumnType.DATE), JdbcValues.date(index));
            case Types.TIME:
                return new ColumnReader(new Column(name, ColumnType.TIME), JdbcValues.time(index));
            case Types.TIMESTAMP:
                return new ColumnReader(new Column(name, ColumnType.TIMESTAMP), JdbcValues.timestamp(index));
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return new ColumnReader(new Column(name, ColumnType.TIMESTAMPTZ), JdbcValues.timestamptz(index));
            default:
                return new ColumnReader(new Column(name, ColumnType.TEXT), JdbcValues.text(index));
        }
    }

    // ---------------------------------------------------------------- shared steps

    private Connection connect(ConnectorRequest request) {
        ConnectionSettings cs = request.connection();
        addresses.checkDatabase(cs.server(), cs.port());
        Properties p = new Properties();
        driverProperties(request, p);
        p.setProperty("user", cs.username());
        // Never null: a driver may otherwise look for a password file of this service.
        p.setProperty("password", cs.password() == null ? "" : cs.password());
        Connection conn = null;
        try {
            conn = driver().connect(url(cs), p);
            if (conn == null) {
                throw new IllegalStateException("the JDBC driver does not accept " + url(cs));
            }
            startSession(conn);
            return conn;
        } catch (SQLException e) {
            JdbcTableSource.closeAll(null, null, conn, true);
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                    safe("Could not connect to the " + provider.id() + " server " + cs.server() + ":" + cs.port()
                            + (cs.database() == null ? "" : " (database " + cs.database() + ")") + ": " + summary(e),
                            cs.password()),
                    safeCause(e, cs.password()));
        }
    }

    private Statement streamingStatement(Connection conn) throws SQLException {
        Statement s = conn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setEscapeProcessing(false);
        int maxRows = maxRows();
        if (maxRows < Integer.MAX_VALUE) {
            // One more than the limit: enough to tell whether the result was truncated.
            s.setMaxRows(maxRows + 1);
        }
        stream(s);
        return s;
    }

    private String baseQuery(Connection conn, ConnectorRequest request) throws SQLException {
        if (request.isQuery()) {
            return userQuery(conn, request.sqlQuery());
        }
        return "SELECT * FROM " + tableReference(request);
    }

    /** The request's remote table as SQL: {@code schema.table} quoted, or the table alone without a schema. */
    protected String tableReference(ConnectorRequest request) {
        String schema = request.remoteSchema();
        String table = quoteIdentifier(request.table());
        return schema == null ? table : quoteIdentifier(schema) + "." + table;
    }

    /** Trailing semicolons and blanks go, so that the query can be wrapped. */
    static String stripTerminator(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    /**
     * The geometry-typed column that becomes the_geom: the first in {@link GeometryNames#GEOMETRY}
     * order, else the first geometry-typed column; -1 when there is none (then a geometry-named
     * text column may be the_geom, see {@code chooseTextGeometry}).
     */
    int chooseGeometry(List<SourceColumn> columns) {
        List<Integer> geometries = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (isGeometry(columns.get(i))) {
                geometries.add(i);
            }
        }
        return GeometryNames.preferred(names(columns), geometries);
    }

    private static List<String> names(List<SourceColumn> columns) {
        return columns.stream().map(SourceColumn::name).toList();
    }

    private List<ColumnReader> plan(ConnectorRequest request, List<SourceColumn> columns, int geometry,
                                    ImportWarnings warnings) {
        int textGeometry = geometry < 0 ? chooseTextGeometry(columns) : -1;
        List<ColumnReader> plan = new ArrayList<>(columns.size() + 1);
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            SourceColumn c = columns.get(i);
            int index = i + 1;
            if (i == geometry) {
                plan.add(theGeom(geometryReader(c), index, warnings));
            } else if (isGeometry(c)) {
                GeometryReader other = geometryReader(c);
                plan.add(new ColumnReader(new Column(c.name(), ColumnType.TEXT), (rs, row) -> other.text(rs, index)));
            } else if (i == textGeometry) {
                plan.add(textGeom(index, warnings));
            } else if (unsupported(c)) {
                skipped.add(c.name());
            } else {
                ColumnReader reader = map(c, index, request, warnings);
                if (reader == null) {
                    skipped.add(c.name());
                } else {
                    plan.add(reader);
                }
            }
        }
        if (!skipped.isEmpty()) {
            warnings.set("skipped_columns", List.copyOf(skipped));
        }
        if (geometry < 0 && textGeometry < 0) {
            lonLatPoints(plan, warnings).ifPresent(plan::add);
        }
        return plan;
    }

    private static ColumnReader theGeom(GeometryReader geometries, int index, ImportWarnings warnings) {
        return new ColumnReader(new Column("the_geom", ColumnType.GEOMETRY), (rs, row) -> {
            byte[] b = rs.getBytes(index);
            if (b == null) {
                return null;
            }
            var g = geometries.geometry(b);
            if (g == null) {
                warnings.count("invalid_geometries");
            }
            return g;
        });
    }

    /** A text column of geometries (WKT/EWKT, hex WKB/EWKB, GeoJSON) read as {@code the_geom}. */
    private static ColumnReader textGeom(int index, ImportWarnings warnings) {
        GeometryText text = new GeometryText();
        return new ColumnReader(new Column("the_geom", ColumnType.GEOMETRY), (rs, row) -> {
            String s = rs.getString(index);
            if (s == null || s.isBlank()) {
                return null;
            }
            var g = text.parse(s);
            if (g == null) {
                warnings.count("invalid_geometries");
            }
            return g;
        });
    }

    /** The first text column named as a geometry, in {@link GeometryNames#GEOMETRY} order; -1 when there is none. */
    private static int chooseTextGeometry(List<SourceColumn> columns) {
        return GeometryNames.firstNamed(names(columns), i -> TEXT_TYPES.contains(columns.get(i).jdbcType()));
    }

    /** Without a geometry column, numeric longitude/latitude columns make point geometries. */
    private static Optional<ColumnReader> lonLatPoints(List<ColumnReader> plan, ImportWarnings warnings) {
        return LonLatPoints.of(plan.stream().map(ColumnReader::column).toList(), warnings)
                .map(points -> new ColumnReader(LonLatPoints.THE_GEOM, (rs, row) -> points.point(row)));
    }

    // ---------------------------------------------------------------- failures

    /** The message of error 1015 for a table or query without rows. */
    public static String noRows(ConnectorRequest request) {
        return request.isQuery() ? "The remote query returned no rows" : "The remote table " + request.table() + " has no rows";
    }

    private ImportException queryFailed(SQLException e, String password) {
        return new ImportException(ErrorCode.DATASOURCE_QUERY,
                safe("The remote query failed: " + summary(e), password), safeCause(e, password));
    }

    private static String summary(SQLException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
    }

    /** The message with every occurrence of the password masked. */
    static String safe(String message, String password) {
        if (message == null || password == null || password.isEmpty()) {
            return message;
        }
        return message.replace(password, "********");
    }

    /** The cause, unless some message in its chain holds the password. */
    private static Throwable safeCause(Throwable e, String password) {
        if (password == null || password.isEmpty()) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(password)) {
                return null;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s.getMessage() != null && s.getMessage().contains(password)) {
                    return null;
                }
            }
        }
        return e;
    }

    // ---------------------------------------------------------------- helpers for dialects

    protected static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    protected static int seconds(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /** Percent-encodes a database name for a JDBC URL path: nothing in it can add URL syntax. */
    protected static String encodePath(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** The host as a URL authority part (IPv6 in brackets). */
    protected static String urlHost(String server) {
        return server.indexOf(':') >= 0 ? "[" + server + "]" : server;
    }

    @Override
    public List<String> tables(ConnectorRequest request, int limit) {
        try (Connection conn = connect(request); ResultSet rs = listTables(conn.getMetaData(), request)) {
            List<String> names = new ArrayList<>();
            while (names.size() < limit && rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
            return names;
        } catch (SQLException e) {
            throw queryFailed(e, request.connection().password());
        }
    }

    /** The tables and views of the request's remote schema; MySQL names its databases catalogs. */
    protected ResultSet listTables(DatabaseMetaData md, ConnectorRequest request) throws SQLException {
        return md.getTables(null, request.remoteSchema(), "%", new String[] {"TABLE", "VIEW"});
    }
}
