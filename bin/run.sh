#!/usr/bin/env bash
# Runs geoingest on this machine: brings up PostgreSQL + PostGIS (installing it if needed) with
# the database geoingest, builds target/geoingest.jar when it is missing or older than the
# sources, then starts it with a demo account. Extra arguments go to the application, e.g.
#   bin/run.sh --server.port=9090
#
# Environment:
#   GEOINGEST_DATABASE       the local database to set up and use (default geoingest)
#   SPRING_DATASOURCE_URL    use that database instead (no local PostgreSQL set-up at all);
#                            SPRING_DATASOURCE_USERNAME/_PASSWORD as Spring Boot reads them
#   SERVER_PORT              HTTP port (default 8080)
#   GEOINGEST_DEMO_API_KEY   the demo account's API key (default demo-api-key)
#   JAVA_OPTS                JVM options, split on spaces (e.g. "-Xmx2g")
#   GEOINGEST_SECRET_KEY     the master secret; when unset, one is generated once and kept in
#                            ~/.config/geoingest/secret-key (stored connector passwords need the same key)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/services.sh
source "$root/bin/services.sh"

ensure_gdal

if [ -n "${SPRING_DATASOURCE_URL:-}" ]; then
    echo "[run] SPRING_DATASOURCE_URL is set: using $SPRING_DATASOURCE_URL, no local PostgreSQL set-up" >&2
else
    database=${GEOINGEST_DATABASE:-geoingest}
    ensure_postgis
    ensure_database "$database"
    export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$GEOINGEST_PG_PORT/$database"
fi

cd "$root"
jar=target/geoingest.jar
ensure_jar "$root"

if [ -z "${GEOINGEST_SECRET_KEY:-}" ]; then
    key_file="${XDG_CONFIG_HOME:-$HOME/.config}/geoingest/secret-key"
    if [ ! -s "$key_file" ]; then
        mkdir -p "$(dirname "$key_file")"
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >"$key_file")
    fi
    GEOINGEST_SECRET_KEY=$(cat "$key_file")
    export GEOINGEST_SECRET_KEY
fi

port=${SERVER_PORT:-8080}
api_key=${GEOINGEST_DEMO_API_KEY:-demo-api-key}
read -r -a java_opts <<<"${JAVA_OPTS:-}"

cat >&2 <<MSG
[run] geoingest on http://localhost:$port/
[run]   demo account: username demo, API key $api_key
[run]   e.g. curl "http://localhost:$port/api/v1/imports?api_key=$api_key"
MSG

exec java "${java_opts[@]}" -jar "$jar" \
    '--geoingest.accounts[0].username=demo' \
    "--geoingest.accounts[0].api-key=$api_key" \
    "$@"
