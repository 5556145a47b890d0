#!/usr/bin/env bash
# Installs the Apache Hive JDBC driver for the hive connector: the standalone jar (about 45 MB,
# with its own Hadoop, Thrift and logging) from Maven Central, in the directory geoingest loads
# it from at run time, never on the application's class path.
#
#   bin/hive-driver.sh [version] [directory]
#
# version:   the driver's version (default 4.1.0); a driver as new as the HiveServer2 it talks
#            to, or newer, works best. Every release since 0.14 publishes a standalone jar.
# directory: geoingest.connectors.hive.driver-dir (default drivers/hive, relative to the
#            directory geoingest runs in). Other hive-jdbc jars in it are removed: one driver at a time.
set -euo pipefail

version="${1:-${HIVE_JDBC_VERSION:-4.1.0}}"
dir="${2:-${GEOINGEST_CONNECTORS_HIVE_DRIVER_DIR:-drivers/hive}}"

command -v mvn >/dev/null 2>&1 || { echo "hive-driver.sh: needs Maven (mvn)" >&2; exit 1; }
mkdir -p "$dir"
find "$dir" -maxdepth 1 -name 'hive-jdbc-*.jar' ! -name "hive-jdbc-${version}-standalone.jar" -delete
mvn -q dependency:copy -Dartifact="org.apache.hive:hive-jdbc:${version}:jar:standalone" -DoutputDirectory="$dir"
echo "Hive JDBC driver ${version} installed in ${dir}"
