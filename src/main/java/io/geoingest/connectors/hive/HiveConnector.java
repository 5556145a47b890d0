package io.geoingest.connectors.hive;

import io.geoingest.connectors.ColumnReader;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.GeometryReader;
import io.geoingest.connectors.IsolatedDriver;
import io.geoingest.connectors.JdbcConnector;
import io.geoingest.connectors.JdbcValues;
import io.geoingest.connectors.SourceColumn;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.sources.SourceAddressPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The {@code hive} connector (HiveServer2 through Apache Hive's JDBC driver).
 *
 * <ul>
 * <li>The driver is not on the class path: {@code bin/hive-driver.sh} installs the standalone jar
 *     in {@code geoingest.connectors.hive.driver-dir}, loaded at the first Hive import by its own
 *     class loader ({@link IsolatedDriver}); without it every Hive import fails with 1012.</li>
 * <li>URL {@code jdbc:hive2://<server>:<port>/<database>;socketTimeout=<ms>} ({@code database}
 *     defaults to {@code default}; only letters, digits and underscores, as Hive names databases,
 *     so that nothing in it is URL syntax). User and password are driver properties. Result
 *     columns are named without their table ({@code hive.resultset.use.unique.column.names=false}).</li>
 * <li>The driver has one timeout for logging in and for each answer, {@code socket-timeout}; it
 *     can neither make the session read-only nor change timeouts later. HiveServer2 runs one
 *     statement per query. The account's permissions are the limit on what a query may do.</li>
 * <li>Types: {@code string}, {@code varchar}, {@code char} TEXT; {@code tinyint},
 *     {@code smallint}, {@code int} INTEGER; {@code bigint} BIGINT; {@code float},
 *     {@code double} DOUBLE; {@code decimal} NUMERIC; {@code boolean} BOOLEAN; {@code date} DATE;
 *     {@code timestamp} TIMESTAMP (read from their text: the driver has no java.time);
 *     intervals and anything else TEXT. Skipped: {@code array}, {@code map}, {@code struct},
 *     {@code uniontype}; {@code binary} is bytea. Hive has no geometry type: a text column named
 *     {@code the_geom}, {@code wkt}, ... holding WKT, hex WKB or GeoJSON becomes the geometry.</li>
 * <li>{@code encoding} cannot apply: HiveServer2 sends text already decoded (as UTF-8) and the
 *     driver gives no access to the stored bytes. It is accepted and has no effect.</li>
 * </ul>
 */
@Component
public class HiveConnector extends JdbcConnector {
    static final String DRIVER_CLASS = "org.apache.hive.jdbc.HiveDriver";
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("array", "map", "struct", "uniontype");
    /** Hive's timestamp text: {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private final IsolatedDriver driver;

    public HiveConnector(ConnectorProperties properties, ImportProperties imports, SourceAddressPolicy addresses,
                         HiveProperties hive) {
        super(Provider.HIVE, properties, imports, addresses);
        Path dir = hive.driverDir();
        this.driver = new IsolatedDriver(dir, DRIVER_CLASS, "Hive JDBC driver not installed: put hive-jdbc-<version>-standalone.jar in "
                + dir.toAbsolutePath() + " (bin/hive-driver.sh does)");
    }

    @Override
    protected Driver driver() {
        return driver.get();
    }

    @Override
    protected String url(ConnectionSettings c) {
        String database = c.database() == null ? "default" : c.database();
        if (!DATABASE.matcher(database).matches()) {
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                    "Invalid Hive database name (letters, digits and underscores only): " + database);
        }
        return "jdbc:hive2://" + urlHost(c.server()) + ":" + c.port() + "/" + database
                + ";socketTimeout=" + millis(properties.socketTimeout());
    }

    @Override
    protected void driverProperties(ConnectorRequest request, Properties p) {
        p.setProperty("hiveconf:hive.resultset.use.unique.column.names", "false");
    }

    /** Hive's driver refuses read-only sessions and network timeouts; its timeout is in the URL. */
    @Override
    protected void startSession(Connection conn) {
    }

    @Override
    protected void stream(Statement statement) throws SQLException {
        statement.setFetchSize(properties.fetchSize());
    }

    @Override
    protected String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Hive's metadata answers only some questions (not {@code isSigned}, and not the names of
     * every type in every driver version): what it cannot tell is unknown.
     */
    @Override
    protected List<SourceColumn> columns(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<SourceColumn> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            int type;
            String typeName;
            try {
                type = md.getColumnType(i);
                typeName = md.getColumnTypeName(i);
            } catch (SQLException e) {
                type = Types.OTHER;
                typeName = "unknown";
            }
            columns.add(new SourceColumn(md.getColumnLabel(i), type, typeName, 0, true));
        }
        return columns;
    }

    @Override
    protected boolean isGeometry(SourceColumn column) {
        return false;
    }

    /** Never asked: Hive has no geometry type. */
    @Override
    protected GeometryReader geometryReader() {
        throw new UnsupportedOperationException("Hive has no geometry type");
    }

    @Override
    protected boolean unsupported(SourceColumn column) {
        return super.unsupported(column) || UNSUPPORTED_TYPES.contains(type(column));
    }

    @Override
    protected ColumnReader map(SourceColumn c, int index, ConnectorRequest request) {
        String name = c.name();
        return switch (type(c)) {
            case "tinyint", "smallint", "int" -> new ColumnReader(new Column(name, ColumnType.INTEGER), JdbcValues.integer(index));
            case "bigint" -> new ColumnReader(new Column(name, ColumnType.BIGINT), JdbcValues.bigint(index));
            case "float" -> new ColumnReader(new Column(name, ColumnType.DOUBLE), JdbcValues.float4(index));
            case "double" -> new ColumnReader(new Column(name, ColumnType.DOUBLE), JdbcValues.float8(index));
            case "decimal" -> new ColumnReader(new Column(name, ColumnType.NUMERIC), JdbcValues.numeric(index));
            case "boolean" -> new ColumnReader(new Column(name, ColumnType.BOOLEAN), JdbcValues.bool(index));
            case "binary" -> new ColumnReader(new Column(name, ColumnType.BYTEA), JdbcValues.bytes(index));
            case "date" -> new ColumnReader(new Column(name, ColumnType.DATE), (rs, row) -> parsed(rs, index, false));
            case "timestamp" -> new ColumnReader(new Column(name, ColumnType.TIMESTAMP), (rs, row) -> parsed(rs, index, true));
            default -> new ColumnReader(new Column(name, ColumnType.TEXT), JdbcValues.text(index));
        };
    }

    /** A date or timestamp from Hive's text for it; null when it is not one. */
    private static Object parsed(ResultSet rs, int index, boolean timestamp) throws SQLException {
        String s = rs.getString(index);
        if (s == null) {
            return null;
        }
        try {
            return timestamp ? LocalDateTime.parse(s.trim(), TIMESTAMP) : LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The type's name without its parameters ({@code decimal(10,2)}, {@code array<int>}). */
    static String type(SourceColumn c) {
        String t = c.baseTypeName();
        int end = t.length();
        for (char open : new char[] {'(', '<'}) {
            int i = t.indexOf(open);
            end = i < 0 ? end : Math.min(end, i);
        }
        return t.substring(0, end).trim();
    }
}
