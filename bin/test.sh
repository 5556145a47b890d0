#!/usr/bin/env bash
# Brings up PostgreSQL + PostGIS and MariaDB (installing them if needed), gives the tests fresh
# databases, then runs the build with all its tests: mvn -B verify [ARGS...].
#
#   bin/test.sh                                   everything
#   bin/test.sh -Dtest='io.geoingest.sink.naming.*Test'
#
# Environment:
#   GEOINGEST_TEST_DB   the test database, in PostgreSQL and in MariaDB (default geoingest_test);
#                       dropped and created again on every run. The tests are pointed at it
#                       through GEOINGEST_TEST_PG_URL and GEOINGEST_TEST_MYSQL_DATABASE;
#                       NAME_readme, also made afresh, is the black-box suite's (ReadmeExamplesIT).
# Exits with Maven's status.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/services.sh
source "$root/bin/services.sh"

db=${GEOINGEST_TEST_DB:-geoingest_test}

ensure_postgis
ensure_postgres_ssl
ensure_database "$db" --fresh
ensure_database "${db}_readme" --fresh   # the black-box suite's service starts on an empty one
ensure_mariadb "$db" --fresh
ensure_gdal

export GEOINGEST_TEST_PG_URL="${GEOINGEST_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:$GEOINGEST_PG_PORT/$db}"
export GEOINGEST_TEST_MYSQL_DATABASE="${GEOINGEST_TEST_MYSQL_DATABASE:-$db}"
export GEOINGEST_TEST_README_DB="${db}_readme"

cd "$root"
# Failsafe adds a run's counts to the summary file already there once an earlier execution of the
# same build has run, so a summary left by an earlier build (a failed ReadmeExamplesIT) would fail
# this one whatever its tests do: none is kept.
rm -f target/failsafe-reports/failsafe-summary.xml target/readme-examples-reports/failsafe-summary.xml
echo "[test] mvn -B verify $* (PostgreSQL $GEOINGEST_TEST_PG_URL, MariaDB database $GEOINGEST_TEST_MYSQL_DATABASE)" >&2
exec mvn -B -ntp -Dstyle.color=never verify "$@"
