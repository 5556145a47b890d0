#!/usr/bin/env python3
"""The benchmark run of bench/run.sh (see its header and docs/performance.md).

Starts geoingest from target/geoingest.jar with -Xmx256m and a GC log, then runs every selected
contender RUNS times, round by round (forwards, then backwards, ...), so that drift in the
machine's load spreads over all of them. Prints the table of medians and writes it, with every
single time, to bench/out/results/. Python 3 standard library only.
"""
import argparse
import datetime
import json
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from burst import upload_burst
import failover

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_HOST = "127.0.0.1"
PG_PORT = os.environ.get("GEOINGEST_PG_PORT", "5432")
PG_DB = "gi_bench"
FAILOVER_DB = "gi_bench_failover"  # the failover replicas' own Quartz cluster (bench/run.sh makes it)
PG_USER = PG_PASSWORD = "geoingest"
ACCOUNT = "bench"
ROLE = "geoingest_bench"
# The account's own database, which geoingest makes at start: its tables land there, and the
# other contenders load into the same database.
DATA_DB = f"{PG_DB}__{ACCOUNT}"
CSV_COLUMNS = "id, name, category, value, amount, created_at, is_open, lon, lat, note"
MYSQL_USER = MYSQL_PASSWORD = "gi_bench"
HEAP_MAX = "256m"
BURST = 200
POLL_SECONDS = 0.05


class Unavailable(Exception):
    """The contender cannot run here (the endpoint answers 404): reported, not a failure."""


class BenchError(Exception):
    pass


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(cmd, *, env=None, stdin=None, capture=True):
    """Runs a command; fails with its stderr's tail."""
    p = subprocess.run(cmd, env=env, stdin=stdin, capture_output=capture, text=True)
    if p.returncode != 0:
        tail = (p.stderr or p.stdout or "")[-2000:] if capture else ""
        raise BenchError(f"{cmd[0]} failed ({p.returncode}): {tail}")
    return p.stdout if capture else ""


# ---------------------------------------------------------------------------------------------
# PostgreSQL

def pg_env():
    return dict(os.environ, PGPASSWORD=PG_PASSWORD, PGOPTIONS="-c client_min_messages=warning")


def psql_cmd(*extra, database=DATA_DB):
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", database,
            *extra]


def psql(sql, database=DATA_DB):
    """Runs SQL as geoingest; returns the unaligned, tuples-only output."""
    return run(psql_cmd("-tA", "-c", sql, database=database), env=pg_env()).strip()


def as_account(sql):
    """SQL run as the bench account's role, which owns its schema's tables."""
    return psql(f"SET ROLE {ROLE}; {sql}")


def checkpoint():
    """Every timed run starts without dirty buffers left by the previous one (needs the superuser)."""
    cmd = ["psql", "-X", "-q", "-h", "/var/run/postgresql", "-p", PG_PORT, "-U", "postgres", "-d", "postgres",
           "-c", "CHECKPOINT"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    else:
        cmd = ["sudo", "-u", "postgres", "--"] + cmd
    subprocess.run(cmd, check=True, capture_output=True, cwd="/")


def count_rows(table, geometry=None):
    sql = f"SELECT count(*){', count(' + geometry + ')' if geometry else ''} FROM {table}"
    return [int(v) for v in psql(sql).split("|")]


# ---------------------------------------------------------------------------------------------
# geoingest

class Geoingest:
    """The service, started from the packaged jar for the whole session."""

    def __init__(self, out, rows, jfr, extra, database=PG_DB, name="geoingest", api_key=None, secret_key=None):
        self.out = out
        self.extra = extra
        self.rows = rows
        self.jfr = jfr
        self.database = database
        self.name = name
        # Replicas of one cluster share the account's key and the master secret.
        self.api_key = api_key or "bench-" + secrets.token_hex(12)
        self.secret_key = secret_key or secrets.token_urlsafe(36)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.gc_log = os.path.join(out, f"{name}-gc.log")
        self.proc = None

    def start(self):
        jar = os.path.join(ROOT, "target", "geoingest.jar")
        for path in (self.gc_log, os.path.join(self.out, f"{self.name}.log")):
            if os.path.exists(path):
                os.remove(path)
        jvm = [f"-Xmx{HEAP_MAX}", f"-Xlog:gc:file={self.gc_log}:uptime"]
        if self.jfr:
            jvm.append(f"-XX:StartFlightRecording=filename={self.jfr},settings=profile,dumponexit=true")
        cmd = ["java", *jvm, "-jar", jar, *self.extra,
               f"--server.port={self.port}", "--management.server.port=0",
               f"--spring.datasource.url=jdbc:postgresql://{PG_HOST}:{PG_PORT}/{self.database}",
               f"--spring.datasource.username={PG_USER}", f"--spring.datasource.password={PG_PASSWORD}",
               f"--geoingest.accounts[0].username={ACCOUNT}", f"--geoingest.accounts[0].api-key={self.api_key}",
               f"--geoingest.secret-key={self.secret_key}",
               f"--geoingest.imports.work-dir={os.path.join(self.out, 'work')}",
               # One import at a time: a small pool leaves the shared server's connection slots to others.
               "--geoingest.imports.concurrency=2", "--spring.datasource.hikari.maximum-pool-size=6",
               # The default limit is 1,000,000 rows per connector import; the 5M variant reads them all.
               f"--geoingest.connectors.providers.mysql.max-rows={max(self.rows, 1_000_000)}"]
        log(f"starting {self.name} on port {self.port} (-Xmx{HEAP_MAX})")
        self.log_file = open(os.path.join(self.out, f"{self.name}.log"), "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log_file, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"geoingest exited with {self.proc.returncode}; see {self.log_file.name}")
            try:
                self.get("/api/v1/imports")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        raise BenchError("geoingest did not answer within 300 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log_file.close()

    def kill(self):
        """kill -9: no shutdown hook runs, the database sees its connections drop."""
        self.proc.kill()
        self.proc.wait()
        self.log_file.close()

    def url(self, path, **params):
        return self.base + path + "?" + urllib.parse.urlencode(dict(params, api_key=self.api_key))

    def get(self, path):
        with urllib.request.urlopen(self.url(path), timeout=60) as r:
            return json.load(r)

    def post_json(self, path, body):
        req = urllib.request.Request(self.url(path), data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=600) as r:
            return json.load(r)

    def upload(self, path):
        """The CARTO client's multipart upload, streamed from disk by curl."""
        return json.loads(run(["curl", "-sS", "--fail-with-body", "-F", f"file=@{path}", self.url("/api/v1/imports")]))

    def wait(self, import_id):
        """The final state, and when (perf_counter) the import was first seen out of the queue."""
        started = None
        while True:
            state = self.get(f"/api/v1/imports/{import_id}")
            if started is None and state["state"] != "pending":
                started = time.perf_counter()
            if state["state"] in ("complete", "failure"):
                return state, started
            time.sleep(POLL_SECONDS)

    def drop(self, table_id):
        """Drops an imported table the way clients do: DELETE of its visualization."""
        viz = self.get(f"/api/v1/tables/{table_id}")["table_visualization"]["id"]
        req = urllib.request.Request(self.url(f"/api/v1/viz/{viz}"), method="DELETE")
        with urllib.request.urlopen(req, timeout=600):
            pass

    def gc_offset(self):
        return os.path.getsize(self.gc_log) if os.path.exists(self.gc_log) else 0

    def heap_since(self, offset):
        """Peak heap used before and after GC (MB) in the GC log lines written since offset."""
        time.sleep(0.2)
        with open(self.gc_log, "rb") as f:
            f.seek(offset)
            text = f.read().decode(errors="replace")
        return parse_heap(text)


UNITS = {"K": 1 / 1024, "M": 1, "G": 1024}
GC_LINE = re.compile(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")


def parse_heap(text):
    """Unified GC log lines end in 'USED_BEFORE->USED_AFTER(COMMITTED)'."""
    before = after = committed = 0.0
    for m in GC_LINE.finditer(text):
        before = max(before, int(m.group(1)) * UNITS[m.group(2)])
        after = max(after, int(m.group(3)) * UNITS[m.group(4)])
        committed = max(committed, int(m.group(5)) * UNITS[m.group(6)])
    return {"before_gc_mb": before, "after_gc_mb": after, "committed_mb": committed}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# The contenders. Each run() prepares outside the clock, times only the work, checks the
# result and cleans up; it returns (seconds, details).

class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = args.rows
        self.out = args.out
        self.data = os.path.join(self.out, "data", str(self.rows))
        self.csv = os.path.join(self.data, "places.csv")
        self.geojson = os.path.join(self.data, "places.geojson")
        self.mysql_db = f"gi_bench_{self.rows}"
        self.work = os.path.join(self.out, "run")
        self.gi = None
        self.limit_file = os.path.join(self.work, "limit.bin")
        self.limit_ddl = None
        self.failover = None

    # -- 1. the limit

    def prepare_limit(self):
        """The final rows of geoingest's CSV import, as a binary COPY file, and its table's DDL."""
        state, _ = self.gi_import(lambda: self.gi.upload(self.csv), keep=True)
        table = f"{ACCOUNT}.{state['table_name']}"
        self.limit_ddl = psql("SELECT string_agg(quote_ident(attname) || ' ' || format_type(atttypid, atttypmod),"
                              " ', ' ORDER BY attnum) FROM pg_attribute"
                              f" WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped")
        run(psql_cmd("-c", f"\\copy (SELECT * FROM {table}) TO '{self.limit_file}' (FORMAT binary)"), env=pg_env())
        self.gi.drop(state["table_id"])

    def limit(self):
        psql("DROP TABLE IF EXISTS public.bench_limit")
        script = os.path.join(self.work, "limit.sql")
        with open(script, "w") as f:
            f.write("\\timing on\n"
                    f"CREATE TABLE public.bench_limit ({self.limit_ddl});\n"
                    f"\\copy public.bench_limit FROM '{self.limit_file}' (FORMAT binary, FREEZE)\n"
                    "ALTER TABLE public.bench_limit ADD PRIMARY KEY (cartodb_id);\n"
                    "CREATE INDEX ON public.bench_limit USING gist (the_geom);\n"
                    "CREATE INDEX ON public.bench_limit USING gist (the_geom_webmercator);\n"
                    "ANALYZE public.bench_limit;\n")
        checkpoint()
        t0 = time.perf_counter()
        output = run(psql_cmd("-1", "-f", script), env=pg_env())
        seconds = time.perf_counter() - t0
        steps = [float(ms) / 1000 for ms in re.findall(r"Time: ([\d.]+) ms", output)]
        self.expect(count_rows("public.bench_limit"), [self.rows], "limit")
        psql("DROP TABLE public.bench_limit")
        names = ["create", "copy", "primary_key", "gist_the_geom", "gist_webmercator", "analyze"]
        return seconds, dict(zip(names, steps)) if len(steps) == len(names) else {}

    # -- 2. pgloader

    def pgloader(self):
        psql("DROP SCHEMA IF EXISTS bench_pgloader CASCADE")
        command = os.path.join(self.work, "pgloader.load")
        with open(command, "w") as f:
            f.write(f"LOAD DATABASE\n"
                    f"  FROM mysql://{MYSQL_USER}:{MYSQL_PASSWORD}@127.0.0.1:3306/{self.mysql_db}\n"
                    f"  INTO postgresql://{PG_USER}:{PG_PASSWORD}@{PG_HOST}:{PG_PORT}/{DATA_DB}\n"
                    f"  WITH include drop, create tables, create indexes, reset sequences\n"
                    f"  INCLUDING ONLY TABLE NAMES MATCHING 'places'\n"
                    f"  ALTER SCHEMA '{self.mysql_db}' RENAME TO 'bench_pgloader';\n")
        checkpoint()
        t0 = time.perf_counter()
        run(["pgloader", "--no-ssl-cert-verification", "--quiet", command])
        seconds = time.perf_counter() - t0
        self.expect(count_rows("bench_pgloader.places"), [self.rows], "pgloader")
        psql("DROP SCHEMA bench_pgloader CASCADE")
        return seconds, {}

    # -- 3, 4. ogr2ogr

    def ogr2ogr(self, source, table, options):
        psql(f"DROP TABLE IF EXISTS public.{table}")
        checkpoint()
        t0 = time.perf_counter()
        run(["ogr2ogr", "--config", "PG_USE_COPY", "YES", "-f", "PostgreSQL",
             f"PG:host={PG_HOST} port={PG_PORT} dbname={DATA_DB} user={PG_USER} password={PG_PASSWORD}",
             source, "-nln", f"public.{table}", "-lco", "GEOMETRY_NAME=the_geom", "-lco", "SPATIAL_INDEX=GIST",
             "-nlt", "POINT", *options])
        seconds = time.perf_counter() - t0
        self.expect(count_rows(f"public.{table}", "the_geom"), [self.rows, self.rows], table)
        psql(f"DROP TABLE public.{table}")
        return seconds, {}

    def ogr_csv(self):
        return self.ogr2ogr(self.csv, "bench_ogr_csv",
                            ["-a_srs", "EPSG:4326", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat",
                             "-oo", "AUTODETECT_TYPE=YES"])

    def ogr_geojson(self):
        return self.ogr2ogr(self.geojson, "bench_ogr_geojson", [])

    # -- 5, 6, 7. geoingest imports

    def gi_import(self, submit, keep=False):
        """From the POST to the state complete; the table must hold every row with a geometry."""
        checkpoint()
        offset = self.gi.gc_offset()
        t0 = time.perf_counter()
        import_id = submit()["item_queue_id"]
        submitted = time.perf_counter()
        state, started = self.gi.wait(import_id)
        seconds = time.perf_counter() - t0
        heap = self.gi.heap_since(offset)
        # Where the time went, to the poll's resolution: the POST (an upload's transfer), the
        # wait for a Quartz worker, then the import itself.
        phases = {"post": submitted - t0, "queued": started - submitted, "running": t0 + seconds - started}
        if state["state"] != "complete":
            raise BenchError(f"import {import_id} failed: {state.get('get_error_text')}")
        self.expect(count_rows(f"{ACCOUNT}.{state['table_name']}", "the_geom"), [self.rows, self.rows],
                    state["table_name"])
        if keep:
            return state, heap
        self.gi.drop(state["table_id"])
        return seconds, {"heap": heap, "phases": phases}

    def gi_mysql(self):
        return self.gi_import(lambda: self.gi.post_json("/api/v1/imports", {"connector": {
            "provider": "mysql",
            "connection": {"server": "127.0.0.1", "port": 3306, "database": self.mysql_db,
                           "username": MYSQL_USER, "password": MYSQL_PASSWORD},
            "table": "places"}}))

    def gi_csv(self):
        return self.gi_import(lambda: self.gi.upload(self.csv))

    def gi_geojson(self):
        return self.gi_import(lambda: self.gi.upload(self.geojson))

    # -- 11. failover between two replicas of their own (bench/failover.py)

    def failover_pair(self):
        if self.failover is None:
            api_key, secret_key = "bench-" + secrets.token_hex(12), secrets.token_urlsafe(36)
            self.failover = failover.Failover(
                lambda name: Geoingest(self.work, self.rows, None, self.args.geoingest_arg, database=FAILOVER_DB,
                                       name=name, api_key=api_key, secret_key=secret_key),
                lambda sql: psql(sql, database=FAILOVER_DB), BenchError)
        return self.failover

    def failover_running(self):
        return self.failover_pair().run(restart_survivor=False)

    def failover_restarted(self):
        return self.failover_pair().run(restart_survivor=True)

    # -- 8, 9. SQL API COPY against psql \copy, into and out of the same table

    def prepare_copy_table(self):
        as_account(f"DROP TABLE IF EXISTS {ACCOUNT}.bench_copy; CREATE TABLE {ACCOUNT}.bench_copy (id integer,"
                   " name text, category text, value double precision, amount integer, created_at timestamp,"
                   " is_open boolean, lon double precision, lat double precision, note text)")

    def copy_from_sql(self):
        return f"COPY {ACCOUNT}.bench_copy ({CSV_COLUMNS}) FROM STDIN WITH (FORMAT csv, HEADER true)"

    def psql_copyfrom(self):
        as_account(f"TRUNCATE {ACCOUNT}.bench_copy")
        checkpoint()
        t0 = time.perf_counter()
        run(psql_cmd("-c", f"\\copy {ACCOUNT}.bench_copy ({CSV_COLUMNS}) FROM '{self.csv}'"
                           " WITH (FORMAT csv, HEADER true)"), env=pg_env())
        seconds = time.perf_counter() - t0
        self.expect(count_rows(f"{ACCOUNT}.bench_copy"), [self.rows], "bench_copy")
        return seconds, {}

    def gi_copyfrom(self):
        as_account(f"TRUNCATE {ACCOUNT}.bench_copy")
        checkpoint()
        offset = self.gi.gc_offset()
        t0 = time.perf_counter()
        status, body = self.curl(["-X", "POST", "-H", "Transfer-Encoding: chunked",
                                  "-H", "Content-Type: application/octet-stream", "-T", self.csv],
                                 "/api/v2/sql/copyfrom", self.copy_from_sql(), os.path.join(self.work, "copyfrom.json"))
        seconds = time.perf_counter() - t0
        if status != 200:
            raise BenchError(f"copyfrom answered {status}: {body[:500]}")
        self.expect(count_rows(f"{ACCOUNT}.bench_copy"), [self.rows], "bench_copy")
        return seconds, {"heap": self.gi.heap_since(offset)}

    def filled_copy_table(self):
        if count_rows(f"{ACCOUNT}.bench_copy") != [self.rows]:
            self.psql_copyfrom()

    def psql_copyto(self):
        self.filled_copy_table()
        target = os.path.join(self.work, "copyto.psql.csv")
        checkpoint()
        t0 = time.perf_counter()
        run(psql_cmd("-c", f"\\copy {ACCOUNT}.bench_copy TO '{target}' WITH (FORMAT csv)"), env=pg_env())
        seconds = time.perf_counter() - t0
        size = os.path.getsize(target)
        os.remove(target)
        return seconds, {"bytes": size}

    def gi_copyto(self):
        self.filled_copy_table()
        target = os.path.join(self.work, "copyto.api.csv")
        checkpoint()
        offset = self.gi.gc_offset()
        t0 = time.perf_counter()
        status, body = self.curl([], "/api/v2/sql/copyto", f"COPY {ACCOUNT}.bench_copy TO STDOUT WITH (FORMAT csv)",
                                 target)
        seconds = time.perf_counter() - t0
        if status != 200:
            raise BenchError(f"copyto answered {status}: {body[:500]}")
        size = os.path.getsize(target)
        os.remove(target)
        return seconds, {"bytes": size, "heap": self.gi.heap_since(offset)}

    # -- 10. a burst of small uploads

    def gi_burst(self):
        """BURST tiny uploads at once: the POST latencies; the accepted imports finish outside the clock."""
        figures, accepted = upload_burst(self.gi.url("/api/v1/imports"), BURST, self.work)
        if figures["answered"] != BURST:
            raise BenchError(f"burst: {figures['answered']} of {BURST} uploads answered")
        for import_id in accepted:
            state, _ = self.gi.wait(import_id)
            if state["state"] == "complete":
                self.gi.drop(state["table_id"])
        return figures["p99_ms"] / 1000, {"burst": figures}

    def curl(self, options, path, query, target):
        """(HTTP status, body when not 200); 404 means the endpoint is not there."""
        status = int(run(["curl", "-sS", "-o", target, "-w", "%{http_code}", *options,
                          self.gi.url(path, q=query)]))
        if status == 404:
            os.remove(target)
            raise Unavailable(f"{path} answered 404")
        body = ""
        if status != 200:
            with open(target, errors="replace") as f:
                body = f.read(2000)
            os.remove(target)
        return status, body

    def expect(self, got, wanted, what):
        if got != wanted:
            raise BenchError(f"{what}: counted {got}, expected {wanted}")


CONTENDERS = [
    # key, label, method, needs geoingest
    ("1", "limit: psql binary COPY + PK + 2 GiST + ANALYZE", "limit", False),
    ("2", "pgloader MySQL -> PostgreSQL (no geometry)", "pgloader", False),
    ("3", "ogr2ogr CSV -> PostGIS", "ogr_csv", False),
    ("4", "ogr2ogr GeoJSON -> PostGIS", "ogr_geojson", False),
    ("5", "geoingest mysql connector", "gi_mysql", True),
    ("6", "geoingest CSV upload", "gi_csv", True),
    ("7", "geoingest GeoJSON upload", "gi_geojson", True),
    ("8a", "psql \\copy FROM (CSV)", "psql_copyfrom", False),
    ("8b", "geoingest copyfrom (CSV)", "gi_copyfrom", True),
    ("9a", "psql \\copy TO (CSV)", "psql_copyto", False),
    ("9b", "geoingest copyto (CSV)", "gi_copyto", True),
    ("10", f"geoingest {BURST} small uploads at once (POST latency)", "gi_burst", True),
    ("11a", "failover: kill -9 of the replica running an import", "failover_running", False),
    ("11b", "failover: the same, the other replica restarted just before", "failover_restarted", False),
]
FAILOVER = ("11a", "11b")


def selected(only):
    if not only:
        return CONTENDERS
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    chosen = [c for c in CONTENDERS if any(c[0] == w or c[0].rstrip("ab") == w or c[2] == w for w in wanted)]
    if not chosen:
        raise BenchError(f"--only {only}: no such contender (keys: {', '.join(c[0] for c in CONTENDERS)})")
    return chosen


# ---------------------------------------------------------------------------------------------
# Report

def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
        except OSError:
            return ""
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": sh("free -g | awk '/^Mem:/ {print $2 \" GB total, \" $7 \" GB available\"}'"),
        "kernel": platform.release(),
        "postgresql": psql("SELECT current_setting('server_version')", database=PG_DB),
        "postgis": psql("SELECT postgis_lib_version()", database=PG_DB),
        "java": sh("java -version 2>&1 | head -n 1"),
        "pgloader": sh("pgloader --version | head -n 1"),
        "gdal": sh("ogr2ogr --version"),
        "mariadb": sh("mariadb -N -uroot -e 'SELECT VERSION()' 2>/dev/null"),
    }


def bursts(r):
    return [d["burst"] for d in r.get("details", []) if "burst" in d]


def summarize(results, rows):
    for r in results.values():
        times = r["times"]
        if not times or bursts(r):
            continue
        r["median"] = statistics.median(times)
        r["rows_per_s"] = rows / r["median"]
    limit = results.get("1", {}).get("median")
    for r in results.values():
        if "median" in r and limit:
            r["x_limit"] = r["median"] / limit


def heap_peak(r):
    heaps = [d["heap"] for d in r["details"] if "heap" in d]
    if not heaps:
        return None
    return {k: max(h[k] for h in heaps) for k in heaps[0]}


def targets(results):
    """The issue's targets, each (text, met or None when not measured)."""
    def med(k):
        return results.get(k, {}).get("median")

    def faster(a, b):
        return None if med(a) is None or med(b) is None else med(a) < med(b)

    def within(a, b, factor):
        return None if med(a) is None or med(b) is None else med(a) <= factor * med(b)

    checks = [
        ("mysql connector faster than pgloader", faster("5", "2")),
        ("CSV upload faster than pgloader", faster("6", "2")),
        ("CSV upload faster than ogr2ogr CSV", faster("6", "3")),
        ("GeoJSON upload faster than pgloader", faster("7", "2")),
        ("GeoJSON upload faster than ogr2ogr GeoJSON", faster("7", "4")),
        ("mysql connector <= 1.5 x limit", within("5", "1", 1.5)),
        ("CSV upload <= 1.5 x limit", within("6", "1", 1.5)),
        ("GeoJSON upload <= 2 x limit", within("7", "1", 2.0)),
        ("copyfrom <= 1.1 x psql \\copy FROM", within("8b", "8a", 1.1)),
        ("copyto <= 1.1 x psql \\copy TO", within("9b", "9a", 1.1)),
    ]
    burst = bursts(results.get("10", {}))
    if burst:
        checks.append((f"POST p99 < 250 ms, {BURST} small uploads at once",
                       statistics.median(b["p99_ms"] for b in burst) < 250))
        checks.append(("no 5xx in the upload burst", all(b["status_5xx"] == 0 for b in burst)))
    failover_times = [t for k, r in results.items() if k in FAILOVER for t in r["times"]]
    if failover_times:
        checks.append(("a killed replica's import resumed within 15 s", max(failover_times) <= 15))
    peaks = [heap_peak(r) for k, r in results.items() if k in ("5", "6", "7", "8b", "9b")]
    peaks = [p for p in peaks if p]
    if peaks:
        checks.append(("peak heap used < 256 MB", max(p["before_gc_mb"] for p in peaks) < 256))
    return checks


def table(results, rows, runs):
    lines = [f"| # | contender | median s ({runs} runs) | min-max s | rows/s | x limit | JVM heap peak MB (live after GC / used) |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for key, label, _, _ in CONTENDERS:
        r = results.get(key)
        if r is None or key in FAILOVER:
            continue
        if "unavailable" in r:
            lines.append(f"| {key} | {label} | not available | | | | |")
            continue
        if "error" in r and not r["times"]:
            lines.append(f"| {key} | {label} | failed: {r['error'][:80]} | | | | |")
            continue
        if bursts(r):
            continue
        peak = heap_peak(r)
        heap = f"{peak['after_gc_mb']:.0f} / {peak['before_gc_mb']:.0f}" if peak else ""
        x = f"{r['x_limit']:.2f}" if "x_limit" in r else ""
        lines.append(f"| {key} | {label} | {r['median']:.2f} | {min(r['times']):.2f}-{max(r['times']):.2f} |"
                     f" {r['rows_per_s']:,.0f} | {x} | {heap} |")
    return "\n".join(lines)


def failover_lines(results):
    """Seconds from the kill to the resumed download and to the complete import, per variant."""
    lines = []
    for key, label, _, _ in CONTENDERS:
        r = results.get(key)
        if key not in FAILOVER or r is None:
            continue
        if not r["times"]:
            lines.append(f"- {key} {label}: failed: {r.get('error', '')[:200]}")
            continue
        complete = [d["complete"] for d in r["details"]]
        lines.append(f"- {key} {label}: resumed after {statistics.median(r['times']):.1f} s median"
                     f" ({min(r['times']):.1f}-{max(r['times']):.1f}), complete after"
                     f" {statistics.median(complete):.1f} s ({min(complete):.1f}-{max(complete):.1f});"
                     f" runs: {', '.join(f'{t:.1f}' for t in r['times'])}")
    return lines


def report(bench, results, started, load_before, load_after, gc_all):
    rows, runs = bench.rows, bench.args.runs
    summarize(results, rows)
    info = machine()
    parts = [f"## {rows:,} rows, {runs} runs each, {started:%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory']}; load average before"
             f" {load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f}, after"
             f" {load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f} (1/5/15 min).",
             f"PostgreSQL {info['postgresql']}, PostGIS {info['postgis']}, MariaDB {info['mariadb']},"
             f" {info['pgloader']}, {info['gdal']}, {info['java']} (-Xmx{HEAP_MAX}).", "",
             table(results, rows, runs), ""]
    limit = results.get("1", {})
    phases = [d for d in limit.get("details", []) if d]
    if phases:
        parts.append("Limit, median per step (s): " + ", ".join(
            f"{k} {statistics.median(d[k] for d in phases):.2f}" for k in phases[0]))
        parts.append("")
    for key, label, _, _ in CONTENDERS:
        runs_phases = [d["phases"] for d in results.get(key, {}).get("details", []) if "phases" in d]
        if runs_phases:
            parts.append(f"{label}, median per phase (s): " + ", ".join(
                f"{k} {statistics.median(d[k] for d in runs_phases):.2f}" for k in runs_phases[0]))
    burst = bursts(results.get("10", {}))
    if burst:
        def med(k):
            return statistics.median(b[k] for b in burst)
        parts.append("")
        parts.append(f"{BURST} small uploads at once (one account, default cap), median of {len(burst)} bursts:"
                     f" POST p50 {med('p50_ms'):.0f} ms, p99 {med('p99_ms'):.0f} ms, max {med('max_ms'):.0f} ms;"
                     f" answered 429: {med('share_429'):.0%}; 5xx: {sum(b['status_5xx'] for b in burst)}.")
    failovers = failover_lines(results)
    if failovers:
        parts += ["", f"Failover ({failover.ROWS:,}-row CSV by URL, default settings):", *failovers]
    parts.append("")
    if gc_all:
        parts.append(f"Whole session, geoingest JVM: peak live heap after GC {gc_all['after_gc_mb']:.0f} MB, peak used"
                     f" {gc_all['before_gc_mb']:.0f} MB, peak committed {gc_all['committed_mb']:.0f} MB.")
        parts.append("")
    parts.append("Targets:")
    for text, met in targets(results):
        parts.append(f"- {text}: {'not measured' if met is None else 'met' if met else 'MISSED'}")
    text = "\n".join(parts) + "\n"
    results_dir = os.path.join(bench.out, "results")
    os.makedirs(results_dir, exist_ok=True)
    stem = os.path.join(results_dir, f"{started:%Y%m%d-%H%M%S}-{rows}")
    with open(stem + ".md", "w") as f:
        f.write(text)
    with open(stem + ".json", "w") as f:
        json.dump({"rows": rows, "runs": runs, "started": started.isoformat(), "machine": info,
                   "load_before": load_before, "load_after": load_after, "gc_session": gc_all,
                   "results": results}, f, indent=2)
    print(text)
    log(f"written to {stem}.md and .json")


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="comma-separated contender numbers (e.g. 1,6,8)")
    parser.add_argument("--jfr", action="store_true", help="record a JFR profile of geoingest")
    parser.add_argument("--geoingest-arg", action="append", default=[],
                        help="an extra argument for geoingest, e.g. --geoingest-arg=--geoingest.imports.batch-size=10000")
    parser.add_argument("--out", default=os.environ.get("GEOINGEST_BENCH_OUT", os.path.join(ROOT, "bench", "out")))
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    chosen = selected(args.only)
    bench = Bench(args)
    needs_data = any(c[0] not in FAILOVER for c in chosen)
    if needs_data and (not os.path.exists(bench.csv) or not os.path.exists(bench.geojson)):
        raise BenchError(f"no data for {args.rows} rows: run bench/prepare.sh --rows {args.rows} first")
    os.makedirs(bench.work, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = os.getloadavg()
    jfr = os.path.join(bench.out, f"geoingest-{started:%Y%m%d-%H%M%S}.jfr") if args.jfr else None
    bench.gi = Geoingest(bench.work, args.rows, jfr, args.geoingest_arg)
    results = {c[0]: {"times": [], "details": []} for c in chosen}
    gc_all = None
    try:
        if needs_data:
            bench.gi.start()
        if any(c[2] == "limit" or c[2].startswith("gi_") for c in chosen):
            # Untimed: a running service has its classes loaded and compiled; the CSV import also
            # gives the limit its rows. Without this the first run of each route pays seconds of JIT.
            log("warm-up: one geoingest CSV import, kept for the limit's rows")
            bench.prepare_limit()
            for _, label, method, _ in chosen:
                if method in ("gi_mysql", "gi_geojson", "gi_burst"):
                    log(f"warm-up: {label}")
                    getattr(bench, method)()
        if any(c[0].startswith(("8", "9")) for c in chosen):
            bench.prepare_copy_table()
        for round_no in range(args.runs):
            order = chosen if round_no % 2 == 0 else list(reversed(chosen))
            for key, label, method, _ in order:
                r = results[key]
                if "unavailable" in r:
                    continue
                try:
                    seconds, details = getattr(bench, method)()
                except Unavailable as e:
                    r["unavailable"] = str(e)
                    log(f"{key} {label}: not available ({e})")
                    continue
                except (BenchError, urllib.error.URLError) as e:
                    r["error"] = str(e)
                    log(f"{key} {label}: FAILED: {e}")
                    continue
                r["times"].append(seconds)
                r["details"].append(details)
                log(f"round {round_no + 1}/{args.runs}: {key} {label}: {seconds:.2f} s")
        if needs_data:
            gc_all = bench.gi.heap_since(0)
    finally:
        bench.gi.stop()
        if bench.failover:
            bench.failover.close()
    report(bench, results, started, load_before, os.getloadavg(), gc_all)
    if jfr:
        log(f"JFR recording: {jfr} (jfr print --events jdk.ExecutionSample {jfr})")
    failed = [k for k, r in results.items() if "error" in r]
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        log(f"ERROR: {e}")
        sys.exit(1)
