package io.geoingest.connectors;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A JDBC driver answering from memory, for dialects without a server here (SQL Server, Hive):
 * every query gets the same columns and rows. It records the URL and properties it was
 * connected with, the connection and statement calls, and the SQL it ran. Methods named in
 * {@code refused} fail as a driver that does not support them (Hive's setReadOnly, ...).
 */
public final class FakeJdbc {
    /** A result column: label, {@link java.sql.Types} code, type name (null: getColumnTypeName fails). */
    public record Col(String name, int jdbcType, String typeName) {
    }

    private final List<Col> columns;
    private final List<Object[]> rows;
    private final Set<String> refused;
    public final List<String> calls = new ArrayList<>();
    public final List<String> sql = new ArrayList<>();
    public String url;
    public Properties properties;

    public FakeJdbc(List<Col> columns, List<Object[]> rows, Set<String> refused) {
        this.columns = columns;
        this.rows = rows;
        this.refused = refused;
    }

    public Driver driver() {
        return new Driver() {
            @Override
            public Connection connect(String u, Properties info) {
                url = u;
                properties = info;
                return connection();
            }

            @Override
            public boolean acceptsURL(String u) {
                return true;
            }

            @Override
            public DriverPropertyInfo[] getPropertyInfo(String u, Properties info) {
                return new DriverPropertyInfo[0];
            }

            @Override
            public int getMajorVersion() {
                return 1;
            }

            @Override
            public int getMinorVersion() {
                return 0;
            }

            @Override
            public boolean jdbcCompliant() {
                return false;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }
        };
    }

    private Connection connection() {
        return proxy(Connection.class, (p, m, args) -> {
            record(m.getName(), args);
            return switch (m.getName()) {
                case "createStatement" -> statement();
                case "isClosed", "isReadOnly" -> false;
                case "getAutoCommit" -> true;
                default -> null;
            };
        });
    }

    private Statement statement() {
        int[] maxRows = {0};
        return proxy(Statement.class, (p, m, args) -> {
            record(m.getName(), args);
            switch (m.getName()) {
                case "setMaxRows":
                    maxRows[0] = (Integer) args[0];
                    return null;
                case "executeQuery":
                    sql.add((String) args[0]);
                    return resultSet(maxRows[0] == 0 ? rows.size() : Math.min(rows.size(), maxRows[0]));
                default:
                    return null;
            }
        });
    }

    private ResultSet resultSet(int limit) {
        int[] at = {-1};
        boolean[] wasNull = {false};
        return proxy(ResultSet.class, (p, m, args) -> {
            String name = m.getName();
            if (name.equals("next")) {
                return ++at[0] < limit;
            }
            if (name.equals("getMetaData")) {
                return metaData();
            }
            if (!name.startsWith("get") || args == null || !(args[0] instanceof Integer i)) {
                return name.equals("wasNull") ? wasNull[0] : null;
            }
            Object v = rows.get(at[0])[i - 1];
            wasNull[0] = v == null;
            return switch (name) {
                case "getString" -> v == null ? null : v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
                case "getBytes" -> v == null ? null : v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
                case "getInt" -> v == null ? 0 : ((Number) v).intValue();
                case "getLong" -> v == null ? 0L : ((Number) v).longValue();
                case "getFloat" -> v == null ? 0f : ((Number) v).floatValue();
                case "getDouble" -> v == null ? 0d : ((Number) v).doubleValue();
                case "getBoolean" -> v != null && (Boolean) v;
                case "getObject" -> v == null ? null : args.length > 1 ? ((Class<?>) args[1]).cast(v) : v;
                default -> throw new UnsupportedOperationException(name);
            };
        });
    }

    private ResultSetMetaData metaData() {
        return proxy(ResultSetMetaData.class, (p, m, args) -> {
            Col c = args == null ? null : columns.get((Integer) args[0] - 1);
            return switch (m.getName()) {
                case "getColumnCount" -> columns.size();
                case "getColumnLabel", "getColumnName" -> c.name();
                case "getColumnType" -> c.jdbcType();
                case "getColumnTypeName" -> {
                    if (c.typeName() == null) {
                        throw new SQLException("Unrecognized column type");
                    }
                    yield c.typeName();
                }
                case "getPrecision" -> 0;
                case "isSigned" -> {
                    if (refused.contains("isSigned")) {
                        throw new SQLException("Method not supported");
                    }
                    yield true;
                }
                default -> throw new UnsupportedOperationException(m.getName());
            };
        });
    }

    private void record(String method, Object[] args) throws SQLException {
        calls.add(method + (args == null ? "" : Arrays.asList(args).toString()));
        if (refused.contains(method)) {
            throw new SQLFeatureNotSupportedException("Method not supported: " + method);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> type.getSimpleName() + "@fake";
                };
            }
            return handler.invoke(p, m, args);
        });
    }
}
