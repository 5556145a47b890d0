package io.geoingest.connectors;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A JDBC driver kept off the application's class path: loaded from the jars of one directory by a
 * class loader of its own whose parent is the platform class loader, so that the driver shares
 * only the JDK with the application and its bundled libraries (Hive's brings Hadoop, Thrift,
 * its own logging) cannot clash with ours. {@code DriverManager} would not hand out a driver of
 * another class loader: the driver is instantiated here and called directly. Loaded at first
 * use and kept; while it is missing, every use looks again, so installing it needs no restart.
 */
public final class IsolatedDriver {
    private final Path dir;
    private final String className;
    private final String missing;
    private Driver driver;

    /**
     * @param dir       the directory of the driver's jars
     * @param className the driver's class
     * @param missing   the 1012 message when the directory holds no such driver
     */
    public IsolatedDriver(Path dir, String className, String missing) {
        this.dir = dir;
        this.className = className;
        this.missing = missing;
    }

    /**
     * The driver.
     *
     * @throws ImportException 1012 when the directory, its jars or the class are missing
     */
    public synchronized Driver get() {
        if (driver == null) {
            driver = load();
        }
        return driver;
    }

    private Driver load() {
        URL[] jars = jars();
        if (jars.length == 0) {
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION, missing);
        }
        URLClassLoader loader = new URLClassLoader("driver " + dir, jars, ClassLoader.getPlatformClassLoader());
        try {
            Class<?> type = Class.forName(className, true, loader);
            return new ContextDriver((Driver) type.getDeclaredConstructor().newInstance(), loader);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // nothing was loaded from it
            }
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION, missing + " (" + e + ")", e);
        }
    }

    private URL[] jars() {
        if (!Files.isDirectory(dir)) {
            return new URL[0];
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (IOException e) {
            return new URL[0];
        }
    }

    /**
     * Connects with the driver's class loader as the thread's context class loader: libraries
     * such as Hadoop's look up their classes and services through it, and must find their own.
     */
    private record ContextDriver(Driver driver, ClassLoader loader) implements Driver {

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return driver.connect(url, info);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return driver.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return driver.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return driver.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return driver.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return driver.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }
    }
}
