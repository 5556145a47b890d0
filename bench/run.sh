#!/usr/bin/env bash
# Runs the benchmark of docs/performance.md: every contender RUNS times (default 3) in one
# session, alternating them, against the data bench/prepare.sh made for ROWS rows; prints the
# table of medians (wall time, rows/s, ratio to the limit, geoingest's peak heap) and writes it
# to bench/out/results/.
#
#   bench/run.sh [--rows N] [--runs R] [--only 1,6,8] [--jfr] [--geoingest-arg=--key=value ...]
#
# --rows 5000000 is the big variant (prepare it first: bench/prepare.sh --rows 5000000);
# --only picks contenders by number (1 limit, 2 pgloader, 3-4 ogr2ogr, 5-7 geoingest imports,
# 8 copyfrom, 9 copyto, 10 a burst of 200 small uploads, 11 failover: two replicas of their own in
# the database gi_bench_failover, the one running an import killed with SIGKILL); --jfr records a
# JFR profile of geoingest into bench/out/;
# --geoingest-arg passes a setting to the service (repeatable), to try one out.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/services.sh
source "$root/bin/services.sh"

ensure_postgis
ensure_database gi_bench
ensure_database gi_bench_failover
ensure_mariadb
ensure_jar "$root"
exec python3 "$root/bench/harness.py" "$@"
