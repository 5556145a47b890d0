#!/usr/bin/env bash
# Prepares the benchmark (bench/run.sh) for ROWS rows (default 1,000,000):
#   - PostgreSQL + PostGIS, the database gi_bench (owned by geoingest), MariaDB;
#   - the peers from Debian packages when missing: pgloader, gdal-bin (ogr2ogr), PostGIS;
#   - the data set of ../shared/bench/gen_dataset.py as bench/out/data/ROWS/places.csv and as
#     places.geojson (points), and as the MariaDB table gi_bench_ROWS.places, readable by the
#     MariaDB user gi_bench (password gi_bench: pgloader logs in over TCP, root has no password);
#   - target/geoingest.jar, built when older than its sources.
# Safe to run again: what is there already is kept.
#
#   bench/prepare.sh [--rows N]
#
# Environment: GEOINGEST_BENCH_OUT (default bench/out), GEOINGEST_BENCH_GENERATOR (default
# ../shared/bench/gen_dataset.py).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/services.sh
source "$root/bin/services.sh"

rows=1000000
while [ $# -gt 0 ]; do
    case $1 in
        --rows) rows=${2:-}; shift 2 ;;
        --rows=*) rows=${1#--rows=}; shift ;;
        *) echo "usage: bench/prepare.sh [--rows N]" >&2; exit 2 ;;
    esac
done
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "[prepare] --rows needs a positive integer, not '$rows'" >&2; exit 2; }

out=${GEOINGEST_BENCH_OUT:-$root/bench/out}
generator=${GEOINGEST_BENCH_GENERATOR:-$root/../shared/bench/gen_dataset.py}
[ -f "$generator" ] || { echo "[prepare] the data set generator $generator is missing" >&2; exit 1; }
data=$out/data/$rows
mysql_db=gi_bench_$rows

ensure_postgis
ensure_database gi_bench
ensure_mariadb "$mysql_db"
ensure_gdal
command -v pgloader >/dev/null 2>&1 || _svc_apt_install pgloader
command -v curl >/dev/null 2>&1 || _svc_apt_install curl

python3 "$root/bench/dataset.py" "$rows" "$data" "$generator"

# The MariaDB copy: loaded under another name and renamed once complete, so that a table
# called places always holds every row.
count=$(_svc_mariadb_root -N -e "SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema = '$mysql_db' AND table_name = 'places'")
if [ "$count" != 1 ]; then
    _svc_log "MariaDB: loading $mysql_db.places ($rows rows)"
    _svc_mariadb_root --local-infile=1 "$mysql_db" -e "
        DROP TABLE IF EXISTS places_loading;
        CREATE TABLE places_loading (
            id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, category VARCHAR(16) NOT NULL,
            \`value\` DOUBLE, amount INT, created_at DATETIME, is_open BOOLEAN,
            lon DOUBLE, lat DOUBLE, note VARCHAR(32)
        ) CHARACTER SET utf8mb4;
        LOAD DATA LOCAL INFILE '$data/places.csv' INTO TABLE places_loading CHARACTER SET utf8mb4
            FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''
            LINES TERMINATED BY '\r\n' IGNORE 1 LINES
            (id, name, category, \`value\`, amount, created_at, @is_open, lon, lat, @note)
            SET is_open = (@is_open = 'true'), note = NULLIF(@note, '');
        RENAME TABLE places_loading TO places;" || _svc_die "cannot load $mysql_db.places"
fi
loaded=$(_svc_mariadb_root -N -e "SELECT COUNT(*) FROM \`$mysql_db\`.places")
[ "$loaded" = "$rows" ] || _svc_die "$mysql_db.places holds $loaded rows, not $rows: drop it and run again"

sql=""
for host in localhost 127.0.0.1 %; do
    sql+="CREATE USER IF NOT EXISTS 'gi_bench'@'$host' IDENTIFIED BY 'gi_bench';"
    sql+="GRANT SELECT ON \`$mysql_db\`.* TO 'gi_bench'@'$host';"
done
_svc_mariadb_root -e "$sql" || _svc_die "cannot set up the MariaDB user gi_bench"

ensure_jar "$root"
_svc_log "bench ready for $rows rows: $data, MariaDB $mysql_db.places; now bench/run.sh --rows $rows"
