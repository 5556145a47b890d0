package io.geoingest.connectors.hive;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.connectors.hive.*}.
 *
 * @param driverDir where the Hive JDBC driver is installed: the jars of this directory
 *                  ({@code hive-jdbc-<version>-standalone.jar}, as {@code bin/hive-driver.sh}
 *                  puts it there) are loaded by their own class loader at the first Hive import.
 *                  Relative to the working directory; default {@code drivers/hive}
 */
@ConfigurationProperties("geoingest.connectors.hive")
public record HiveProperties(@DefaultValue("drivers/hive") Path driverDir) {
}
