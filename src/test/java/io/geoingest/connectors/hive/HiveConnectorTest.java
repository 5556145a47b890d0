package io.geoingest.connectors.hive;

import static io.geoingest.connectors.ConnectorTestSupport.allMessages;
import static io.geoingest.connectors.ConnectorTestSupport.connector;
import static io.geoingest.connectors.ConnectorTestSupport.importFailure;
import static io.geoingest.connectors.ConnectorTestSupport.imports;
import static io.geoingest.connectors.ConnectorTestSupport.limits;
import static io.geoingest.connectors.ConnectorTestSupport.parse;
import static io.geoingest.connectors.ConnectorTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorTestSupport.Result;
import io.geoingest.connectors.FakeJdbc.Col;
import io.geoingest.connectors.FakeJdbc;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.sources.TestPolicies;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

/**
 * No HiveServer2 runs here. The driver's loading is tested with a stand-in driver compiled here
 * (and with the real standalone jar when the local Maven repository has one); the import path
 * runs against {@link FakeJdbc} behaving as Hive's driver does (no read-only sessions, no
 * network timeouts, no {@code isSigned}).
 */
class HiveConnectorTest {
    /** What Hive's driver refuses. */
    private static final Set<String> HIVE_REFUSES = Set.of("setReadOnly", "setNetworkTimeout", "abort", "isSigned");

    @TempDir
    Path tmp;

    private static final class Faked extends HiveConnector {
        private final FakeJdbc fake;

        Faked(FakeJdbc fake, int maxRows) {
            super(limits(maxRows), imports(2, 256), TestPolicies.standard(), new HiveProperties(Path.of("unused")));
            this.fake = fake;
        }

        @Override
        protected Driver driver() {
            return fake.driver();
        }
    }

    private static HiveConnector hive(Path driverDir) {
        return new HiveConnector(limits(10), imports(10, 256), TestPolicies.standard(), new HiveProperties(driverDir));
    }

    private static ObjectNode request(int port, String password) {
        return connector("hive", "127.0.0.1", port, null, "analyst", password);
    }

    @Test
    void withoutTheDriverEveryImportIs1012SayingWhereToPutIt() throws IOException {
        Path missing = tmp.resolve("no-such-dir");
        ObjectNode n = request(10000, "pw");
        n.put("table", "t");
        for (Path dir : new Path[] {missing, Files.createDirectories(tmp.resolve("empty"))}) {
            ImportException e = importFailure(() -> hive(dir).open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
            assertThat(e.getMessage()).isEqualTo("Hive JDBC driver not installed: put hive-jdbc-<version>-standalone.jar in "
                    + dir.toAbsolutePath() + " (bin/hive-driver.sh does)");
        }
        Path other = Files.createDirectories(tmp.resolve("other"));
        jar(other.resolve("unrelated.jar"), compile("example.Nothing", "package example; public class Nothing { }"));
        ImportException e = importFailure(() -> hive(other).open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).startsWith("Hive JDBC driver not installed").contains("ClassNotFoundException");
    }

    /** A stand-in HiveDriver, compiled here: loaded from the directory by its own class loader and called directly. */
    @Test
    void theDriverIsLoadedFromItsDirectoryByItsOwnClassLoader() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("drivers"));
        jar(dir.resolve("hive-jdbc-0.0-standalone.jar"), compile(HiveConnector.DRIVER_CLASS, STAND_IN));
        String secret = "Hive-S3cret";
        ObjectNode n = request(10000, secret);
        ((ObjectNode) n.get("connection")).put("database", "sales_2024");
        n.put("table", "t");
        HiveConnector c = hive(dir);
        ImportException e = importFailure(() -> c.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("stand-in reached")
                .contains("url=jdbc:hive2://127.0.0.1:10000/sales_2024;socketTimeout=300000 ")
                .contains("user=analyst").contains("uniqueNames=false")
                .contains("loader=driver " + dir).contains("parent=platform").contains("context=own")
                .contains("password=********");
        assertThat(allMessages(e)).doesNotContain(secret);
        assertThatThrownBy(() -> Class.forName(HiveConnector.DRIVER_CLASS)).isInstanceOf(ClassNotFoundException.class);
        // loaded once, kept
        importFailure(() -> c.open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
    }

    /** With the real standalone driver (when the local Maven repository has one): a closed port is 1012. */
    @Test
    void theRealDriverFailsOnAClosedPortWith1012WithoutThePassword() throws IOException {
        Optional<Path> jar = realDriver();
        assumeTrue(jar.isPresent(), "no hive-jdbc standalone jar in ~/.m2");
        Path dir = Files.createDirectories(tmp.resolve("real"));
        Files.createSymbolicLink(dir.resolve(jar.get().getFileName()), jar.get());
        String secret = "Real-Hive-S3cret";
        ObjectNode n = request(1, secret);
        n.put("sql_query", "SELECT 1");
        n.put("import_as", "x");
        ImportException e = importFailure(() -> hive(dir).open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(e.getMessage()).contains("Could not connect to the hive server 127.0.0.1:1");
        assertThat(allMessages(e)).doesNotContain(secret);
    }

    @Test
    void importsHiveTypesSkipsComplexOnesAndReadsAWktColumnAsTheGeometry() {
        FakeJdbc fake = new FakeJdbc(List.of(
                new Col("s", Types.VARCHAR, "string"), new Col("vc", Types.VARCHAR, "varchar"),
                new Col("ch", Types.CHAR, "char"), new Col("ti", Types.TINYINT, "tinyint"),
                new Col("si", Types.SMALLINT, "smallint"), new Col("i", Types.INTEGER, "int"),
                new Col("b", Types.BIGINT, "bigint"), new Col("f", Types.FLOAT, "float"),
                new Col("d", Types.DOUBLE, "double"), new Col("n", Types.DECIMAL, "decimal"),
                new Col("ok", Types.BOOLEAN, "boolean"), new Col("day", Types.DATE, "date"),
                new Col("at", Types.TIMESTAMP, "timestamp"), new Col("span", Types.OTHER, "interval_day_time"),
                new Col("tags", Types.ARRAY, "array"), new Col("attrs", Types.JAVA_OBJECT, "map"),
                new Col("rec", Types.STRUCT, "struct"), new Col("raw", Types.BINARY, "binary"),
                new Col("u", Types.OTHER, "uniontype"), new Col("odd", Types.OTHER, null),
                new Col("wkt", Types.VARCHAR, "string")),
                List.of(new Object[] {"héllo", "v", "c ", (byte) -5, (short) 300, 42, 9007199254740993L, 0.10000000149011612,
                                1.5e300, "12345.678", true, "2024-02-29", "2024-02-29 13:14:15.123456789",
                                "1 02:03:04.000000000", "[1,2]", "{\"k\":1}", "{\"a\":1}", "xx", "{0:1}", "?",
                                "POINT (2.17 41.39)"},
                        new Object[21], new Object[21]),
                HIVE_REFUSES);
        ObjectNode n = request(10000, "pw");
        n.put("table", "we`ird");
        Result r = readAll(new Faked(fake, 2).open(parse(n)));

        assertThat(fake.sql).containsExactly("SELECT * FROM `default`.`we``ird`");
        assertThat(fake.url).isEqualTo("jdbc:hive2://127.0.0.1:10000/default;socketTimeout=300000");
        assertThat(fake.properties).containsEntry("user", "analyst").containsEntry("password", "pw")
                .containsEntry("hiveconf:hive.resultset.use.unique.column.names", "false");
        assertThat(fake.calls).noneMatch(call -> call.startsWith("setReadOnly") || call.startsWith("setNetworkTimeout"))
                .contains("setFetchSize[1000]");

        assertThat(r.columns()).containsExactly(new Column("s", ColumnType.TEXT), new Column("vc", ColumnType.TEXT),
                new Column("ch", ColumnType.TEXT), new Column("ti", ColumnType.INTEGER), new Column("si", ColumnType.INTEGER),
                new Column("i", ColumnType.INTEGER), new Column("b", ColumnType.BIGINT), new Column("f", ColumnType.DOUBLE),
                new Column("d", ColumnType.DOUBLE), new Column("n", ColumnType.NUMERIC), new Column("ok", ColumnType.BOOLEAN),
                new Column("day", ColumnType.DATE), new Column("at", ColumnType.TIMESTAMP),
                new Column("span", ColumnType.TEXT), new Column("raw", ColumnType.BYTEA), new Column("odd", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(r.rows().get(0)).startsWith("héllo", "v", "c ", -5, 300, 42, 9007199254740993L, 0.1, 1.5e300,
                new BigDecimal("12345.678"), true, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456789), "1 02:03:04.000000000", "xx".getBytes(), "?");
        Point p = (Point) r.value(0, "the_geom");
        assertThat(p.getX()).isEqualTo(2.17);
        assertThat(p.getY()).isEqualTo(41.39);
        assertThat(r.rows().get(1)).containsOnlyNulls();
        // two rows of three: truncated, with the warning
        assertThat(r.rows()).hasSize(2);
        assertThat(r.warnings()).isEqualTo(Map.of("skipped_columns", List.of("tags", "attrs", "rec", "u"),
                "max_rows_per_connection", 2));
    }

    @Test
    void aDatabaseNameThatIsNotAHiveNameIsRefusedBeforeConnecting() {
        FakeJdbc fake = new FakeJdbc(List.of(), List.of(), Set.of());
        for (String hostile : new String[] {"db;auth=noSasl", "db?hive.server2.proxy.user=hive", "db#x=1", "../db", "d b"}) {
            ObjectNode n = request(10000, "pw");
            ((ObjectNode) n.get("connection")).put("database", hostile);
            n.put("table", "t");
            ImportException e = importFailure(() -> new Faked(fake, 10).open(parse(n)), ErrorCode.DATASOURCE_CONNECTION);
            assertThat(e.getMessage()).startsWith("Invalid Hive database name");
        }
        assertThat(fake.url).isNull();
    }

    @Test
    void timestampsAndDatesThatAreNotSuchAreNull() {
        FakeJdbc fake = new FakeJdbc(List.of(new Col("day", Types.DATE, "date"), new Col("at", Types.TIMESTAMP, "timestamp")),
                List.of(new Object[] {"not a date", "2024-02-29 13:14:15"}, new Object[] {"2024-02-30", "yesterday"}),
                HIVE_REFUSES);
        ObjectNode n = request(10000, "pw");
        n.put("sql_query", "SELECT day, at FROM t");
        n.put("import_as", "x");
        Result r = readAll(new Faked(fake, 10).open(parse(n)));
        assertThat(r.rows().get(0)).containsExactly(null, LocalDateTime.of(2024, 2, 29, 13, 14, 15));
        assertThat(r.rows().get(1)).containsExactly(null, null);
    }

    // ------------------------------------------------------------------ helpers

    /** A stand-in for Hive's driver: its connect tells what it was given and by which class loaders it runs. */
    private static final String STAND_IN = """
            package org.apache.hive.jdbc;

            public class HiveDriver implements java.sql.Driver {
                public java.sql.Connection connect(String url, java.util.Properties p) throws java.sql.SQLException {
                    ClassLoader own = getClass().getClassLoader();
                    throw new java.sql.SQLException("stand-in reached: url=" + url + " user=" + p.getProperty("user")
                            + " uniqueNames=" + p.getProperty("hiveconf:hive.resultset.use.unique.column.names")
                            + " loader=" + own.getName() + " parent=" + own.getParent().getName()
                            + " context=" + (Thread.currentThread().getContextClassLoader() == own ? "own" : "other")
                            + " password=" + p.getProperty("password"));
                }
                public boolean acceptsURL(String url) { return url.startsWith("jdbc:hive2:"); }
                public java.sql.DriverPropertyInfo[] getPropertyInfo(String u, java.util.Properties p) {
                    return new java.sql.DriverPropertyInfo[0];
                }
                public int getMajorVersion() { return 0; }
                public int getMinorVersion() { return 0; }
                public boolean jdbcCompliant() { return false; }
                public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getGlobal(); }
            }
            """;

    /** Compiles one class; returns the directory of its class file. */
    private Path compile(String className, String source) throws IOException {
        Path src = Files.createTempDirectory(tmp, "src");
        Path out = Files.createTempDirectory(tmp, "classes");
        Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), file.toString());
        assertThat(rc).isZero();
        return out;
    }

    private static void jar(Path jar, Path classes) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static Optional<Path> realDriver() throws IOException {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "hive", "hive-jdbc");
        if (!Files.isDirectory(repo)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(repo, 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-standalone.jar")).sorted().reduce((a, b) -> b);
        }
    }
}
