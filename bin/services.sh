# shellcheck shell=bash
#
# Functions that bring up the databases geoingest and its tests use, on Debian or Ubuntu:
#   ensure_postgis                    PostgreSQL + PostGIS on 127.0.0.1:5432 (GEOINGEST_PG_PORT),
#                                     login role geoingest (password geoingest, NOSUPERUSER
#                                     CREATEROLE CREATEDB: it creates the account roles and
#                                     databases, nothing more)
#   ensure_database NAME [--fresh]    database NAME owned by geoingest, with PostGIS (created
#                                     by the postgres superuser), and NAME_template, which the
#                                     accounts' databases NAME__<username> are copied from
#   ensure_gdal                       GDAL's ogr2ogr (gdal-bin), which reads Shapefile, MapInfo, OSM...
#   ensure_jar ROOT                   ROOT/target/geoingest.jar, built when missing or older than its sources
#   ensure_mariadb [NAME [--fresh]]   MariaDB on 127.0.0.1:3306, user geoingest (password geoingest),
#                                     database NAME
#
# Source this file; it does nothing by itself. Each function installs what is missing
# (apt-get), starts what is stopped (directly when systemd is not running, as in
# containers), and is safe to run again. Privileged steps use sudo when not run as root.
# A failure prints a message to stderr and exits the calling script.

GEOINGEST_DB_USER=geoingest
GEOINGEST_DB_PASSWORD=geoingest
GEOINGEST_PG_PORT=${GEOINGEST_PG_PORT:-5432}
GEOINGEST_MARIADB_PORT=3306
GEOINGEST_WAIT_SECONDS=${GEOINGEST_WAIT_SECONDS:-60}

_svc_log() {
    echo "[services] $*" >&2
}

_svc_die() {
    echo "[services] ERROR: $*" >&2
    exit 1
}

# Runs a command as root: directly when root, else through sudo.
_svc_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        _svc_die "'$*' needs root: run as root or install sudo"
    fi
}

# Runs a command as the postgres OS user, from / (postgres may not read the caller's directory).
_svc_postgres() {
    if [ "$(id -un)" = postgres ]; then
        (cd / && "$@")
    elif [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && sudo -u postgres -- "$@")
    fi
}

# Root's tools (runuser, start-stop-daemon) live in sbin, which a user's PATH may lack.
_svc_path() {
    case ":$PATH:" in
        *:/usr/sbin:*) ;;
        *) PATH=$PATH:/usr/sbin:/sbin ;;
    esac
}

_svc_systemd_running() {
    [ -d /run/systemd/system ]
}

# apt-get install PACKAGES, after one apt-get update per shell.
_svc_apt_install() {
    command -v apt-get >/dev/null 2>&1 || _svc_die "apt-get not found: install $* by hand (Debian or Ubuntu expected)"
    if [ -z "${_SVC_APT_UPDATED:-}" ]; then
        _svc_log "apt-get update"
        _svc_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || _svc_die "apt-get update failed"
        _SVC_APT_UPDATED=1
    fi
    _svc_log "installing $*"
    _svc_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2 \
        || _svc_die "could not install $*"
}

# Waits until the command succeeds, at most GEOINGEST_WAIT_SECONDS; else fails with WHAT.
_svc_wait_for() {
    local what=$1
    shift
    local waited=0
    until "$@" >/dev/null 2>&1; do
        if [ "$waited" -ge "$GEOINGEST_WAIT_SECONDS" ]; then
            _svc_die "$what did not come up within ${GEOINGEST_WAIT_SECONDS}s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL + PostGIS

_svc_pg_ready() {
    pg_isready -q -h 127.0.0.1 -p "$GEOINGEST_PG_PORT"
}

# psql as the postgres superuser over the local socket; extra arguments follow.
_svc_psql_admin() {
    _svc_postgres env PGOPTIONS="-c client_min_messages=warning" \
        psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$GEOINGEST_PG_PORT" -U postgres "$@"
}

# psql as geoingest over TCP with its password: what the service and the tests do.
_svc_psql_tcp() {
    PGPASSWORD=$GEOINGEST_DB_PASSWORD PGCONNECT_TIMEOUT=5 \
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$GEOINGEST_PG_PORT" -U "$GEOINGEST_DB_USER" "$@"
}

# Prints "VERSION CLUSTER" of the cluster on our port, or nothing.
_svc_pg_cluster() {
    pg_lsclusters -h 2>/dev/null | awk -v port="$GEOINGEST_PG_PORT" '$3 == port { print $1, $2; exit }'
}

# The newest PostgreSQL major version installed, or nothing.
_svc_pg_newest_major() {
    local dir
    for dir in /usr/lib/postgresql/*/bin/postgres; do
        [ -x "$dir" ] || continue
        dir=${dir#/usr/lib/postgresql/}
        echo "${dir%%/*}"
    done | sort -n | tail -n 1
}

ensure_postgis() {
    _svc_path
    if [ -z "$(_svc_pg_newest_major)" ]; then
        _svc_log "PostgreSQL: no server installed"
        _svc_apt_install postgresql
    fi
    command -v pg_lsclusters >/dev/null 2>&1 || _svc_die "pg_lsclusters not found: install postgresql-common"

    local cluster major name
    cluster=$(_svc_pg_cluster)
    if [ -z "$cluster" ]; then
        major=$(_svc_pg_newest_major)
        name=main
        if pg_lsclusters -h 2>/dev/null | awk -v v="$major" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
            _svc_die "PostgreSQL cluster $major/main exists but not on port $GEOINGEST_PG_PORT (see pg_lsclusters)"
        fi
        _svc_log "PostgreSQL: creating cluster $major/$name on port $GEOINGEST_PG_PORT"
        _svc_root pg_createcluster --locale C.UTF-8 -p "$GEOINGEST_PG_PORT" "$major" "$name" >&2 \
            || _svc_die "pg_createcluster $major $name failed"
    else
        read -r major name <<<"$cluster"
    fi

    if [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
        _svc_log "PostgreSQL $major: PostGIS missing"
        _svc_apt_install "postgresql-$major-postgis-3"
    fi

    if ! _svc_pg_ready; then
        _svc_log "PostgreSQL: starting cluster $major/$name"
        # Without systemd (containers) pg_ctlcluster must start the server itself.
        local direct=(--skip-systemctl-redirect)
        if _svc_systemd_running; then
            direct=()
        fi
        # It may fail because the cluster is starting already: the wait below decides.
        _svc_root pg_ctlcluster "${direct[@]}" "$major" "$name" start >&2 \
            || _svc_log "PostgreSQL: pg_ctlcluster start failed (see /var/log/postgresql/postgresql-$major-$name.log)"
        _svc_wait_for "PostgreSQL $major/$name on 127.0.0.1:$GEOINGEST_PG_PORT" _svc_pg_ready
    fi
    _svc_log "PostgreSQL $major/$name: accepting connections on 127.0.0.1:$GEOINGEST_PG_PORT"

    # The login role and its password. Not a superuser: a superuser reading a connector's
    # query could run COPY ... TO PROGRAM. CREATEROLE and CREATEDB are for the account roles and
    # databases; those it uses are its own (ensure_database), and PostGIS is created there by postgres.
    local exists
    exists=$(_svc_psql_admin -d postgres -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$GEOINGEST_DB_USER'") \
        || _svc_die "cannot run psql as the postgres user over the local socket"
    if [ "$exists" != 1 ]; then
        _svc_log "PostgreSQL: creating role $GEOINGEST_DB_USER"
        _svc_psql_admin -d postgres -c "CREATE ROLE $GEOINGEST_DB_USER" || _svc_die "cannot create role $GEOINGEST_DB_USER"
    fi
    _svc_psql_admin -d postgres \
        -c "ALTER ROLE $GEOINGEST_DB_USER WITH LOGIN NOSUPERUSER CREATEROLE CREATEDB NOREPLICATION NOBYPASSRLS
            PASSWORD '$GEOINGEST_DB_PASSWORD'" \
        || _svc_die "cannot set up role $GEOINGEST_DB_USER"

    # Password login over TCP on 127.0.0.1. Debian's default pg_hba.conf allows it (scram-sha-256
    # or md5); if something earlier in the file refuses it, allow exactly this role and address.
    if ! _svc_psql_tcp -d postgres -tA -c "SELECT 1" >/dev/null 2>&1; then
        local hba line
        hba=$(_svc_psql_admin -d postgres -tA -c "SHOW hba_file") || _svc_die "cannot read hba_file"
        line="host all $GEOINGEST_DB_USER 127.0.0.1/32 md5 # geoingest bin/services.sh"
        if ! _svc_root grep -qF "$line" "$hba"; then
            _svc_log "PostgreSQL: allowing password login for $GEOINGEST_DB_USER from 127.0.0.1 in $hba"
            _svc_root sed -i "1i $line" "$hba" || _svc_die "cannot edit $hba"
            _svc_psql_admin -d postgres -tA -c "SELECT pg_reload_conf()" >/dev/null || _svc_die "cannot reload PostgreSQL"
            sleep 1
        fi
        _svc_psql_tcp -d postgres -tA -c "SELECT 1" >/dev/null \
            || _svc_die "role $GEOINGEST_DB_USER cannot log in with its password on 127.0.0.1:$GEOINGEST_PG_PORT"
    fi
}

# ensure_postgres_ssl: SSL on for the local cluster (self-signed certificate in its data directory),
# so that connector tests see both an SSL server and, through a refusing proxy, one without it.
ensure_postgres_ssl() {
    if [ "$(_svc_psql_admin -d postgres -tA -c "SHOW ssl")" = on ]; then
        return
    fi
    local data
    data=$(_svc_psql_admin -d postgres -tA -c "SHOW data_directory") || _svc_die "cannot read data_directory"
    command -v openssl >/dev/null 2>&1 || _svc_apt_install openssl
    _svc_log "PostgreSQL: enabling SSL with a self-signed certificate in $data"
    _svc_postgres openssl req -new -x509 -days 3650 -nodes -subj "/CN=localhost" \
        -out "$data/geoingest-server.crt" -keyout "$data/geoingest-server.key" >/dev/null 2>&1 \
        || _svc_die "cannot create a certificate in $data"
    _svc_postgres chmod 600 "$data/geoingest-server.key"
    _svc_psql_admin -d postgres -tA \
        -c "ALTER SYSTEM SET ssl_cert_file = '$data/geoingest-server.crt'" \
        -c "ALTER SYSTEM SET ssl_key_file = '$data/geoingest-server.key'" \
        -c "ALTER SYSTEM SET ssl = on" \
        -c "SELECT pg_reload_conf()" >/dev/null || _svc_die "cannot enable SSL"
    sleep 1
}

# ensure_database NAME [--fresh]: NAME owned by geoingest, with PostGIS, and the template of its
# accounts' databases, NAME_template; --fresh drops them first, and the accounts' databases.
ensure_database() {
    local db=${1:-} fresh=${2:-}
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || _svc_die "ensure_database: invalid database name '$db'"
    [ -z "$fresh" ] || [ "$fresh" = --fresh ] || _svc_die "ensure_database: unknown option '$fresh'"

    if [ "$fresh" = --fresh ]; then
        local gone
        gone=$(_svc_psql_admin -d postgres -tA -c "SELECT datname FROM pg_database WHERE datname IN ('$db', '${db}_template')
            OR left(datname, length('${db}__')) = '${db}__'") || _svc_die "cannot list databases"
        for d in $gone; do
            _svc_drop_database "$d"
        done
    fi
    _svc_owned_postgis_database "$db"
    _svc_owned_postgis_database "${db}_template"
    # What every account's database gets: statistics of the whole cluster are not the account's
    # to read (other databases' row counters, the size of all of them, who owns how many objects).
    _svc_psql_admin -d "${db}_template" -tA -c "REVOKE SELECT ON pg_catalog.pg_stat_database,
            pg_catalog.pg_stat_database_conflicts, pg_catalog.pg_shdepend FROM PUBLIC" \
        -c "DO \$\$ DECLARE f regprocedure; BEGIN
              FOR f IN SELECT oid FROM pg_proc WHERE proname LIKE 'pg\_stat\_get\_db\_%' OR proname = 'pg_tablespace_size' LOOP
                EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
              END LOOP; END \$\$" >/dev/null \
        || _svc_die "cannot close the cluster's statistics in ${db}_template"
    _svc_log "PostgreSQL: database $db ready (user $GEOINGEST_DB_USER), accounts' databases copied from ${db}_template"
}

_svc_drop_database() {
    local db=$1 force=""
    _svc_log "PostgreSQL: dropping database $db"
    if [ "$(_svc_psql_admin -d postgres -tA -c "SHOW server_version_num")" -ge 130000 ]; then
        force="WITH (FORCE)"
    fi
    _svc_psql_admin -d postgres -tA \
        -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" \
        -c "DROP DATABASE IF EXISTS $db $force" >/dev/null || _svc_die "cannot drop database $db"
}

# _svc_owned_postgis_database NAME: NAME exists, owned by geoingest, with PostGIS.
_svc_owned_postgis_database() {
    local db=$1 exists
    exists=$(_svc_psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'") \
        || _svc_die "cannot list databases"
    if [ "$exists" != 1 ]; then
        # A cluster made without a UTF-8 locale (a bare container) has SQL_ASCII templates.
        local encoding options=""
        encoding=$(_svc_psql_admin -d postgres -tA -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'")
        if [ "$encoding" != UTF8 ]; then
            options="TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        fi
        _svc_log "PostgreSQL: creating database $db"
        _svc_psql_admin -d postgres -c "CREATE DATABASE $db OWNER $GEOINGEST_DB_USER $options" \
            || _svc_die "cannot create database $db"
    else
        # Made earlier, maybe by another role: geoingest is no superuser and needs to own it.
        _svc_psql_admin -d postgres -c "ALTER DATABASE $db OWNER TO $GEOINGEST_DB_USER" \
            || _svc_die "cannot make $GEOINGEST_DB_USER the owner of database $db"
    fi
    # As the superuser: only a superuser may create PostGIS (an untrusted extension). The
    # service's own CREATE EXTENSION IF NOT EXISTS then finds it and does nothing.
    _svc_psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis" || _svc_die "cannot create PostGIS in $db"
}

# ---------------------------------------------------------------------------------------------
# MariaDB

# Prints the first of the commands (names or absolute paths) that exists.
_svc_first_command() {
    local c
    for c in "$@"; do
        if [ "${c#/}" != "$c" ]; then
            if [ -x "$c" ]; then
                echo "$c"
                return 0
            fi
        elif command -v "$c" >/dev/null 2>&1; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

_svc_mariadb_ping() {
    "$(_svc_first_command mariadb-admin mysqladmin)" --protocol=tcp -h 127.0.0.1 -P "$GEOINGEST_MARIADB_PORT" \
        --connect-timeout=2 ping
}

# mariadb as its root user over the socket (unix_socket authentication for the root OS user).
_svc_mariadb_root() {
    _svc_root "$(_svc_first_command mariadb mysql)" --protocol=socket -uroot "$@"
}

# ensure_mariadb [NAME [--fresh]]: the server, user geoingest (all privileges but FILE, from
# localhost, 127.0.0.1 and anywhere) and, when NAME is given, database NAME (--fresh: dropped first).
ensure_mariadb() {
    local db=${1:-} fresh=${2:-}
    [ -z "$db" ] || [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || _svc_die "ensure_mariadb: invalid database name '$db'"
    [ -z "$fresh" ] || [ "$fresh" = --fresh ] || _svc_die "ensure_mariadb: unknown option '$fresh'"

    _svc_path
    local server
    if ! server=$(_svc_first_command /usr/sbin/mariadbd /usr/sbin/mysqld); then
        _svc_log "MariaDB: no server installed"
        _svc_apt_install mariadb-server
        server=$(_svc_first_command /usr/sbin/mariadbd /usr/sbin/mysqld) || _svc_die "mariadb-server installed no server"
    fi
    _svc_first_command mariadb-admin mysqladmin >/dev/null || _svc_apt_install mariadb-client

    if ! _svc_mariadb_ping >/dev/null 2>&1; then
        _svc_log "MariaDB: starting $server"
        _svc_root mkdir -p /run/mysqld
        _svc_root chown mysql:mysql /run/mysqld
        if [ ! -d /var/lib/mysql/mysql ]; then
            _svc_log "MariaDB: initialising /var/lib/mysql"
            _svc_root "$(_svc_first_command mariadb-install-db mysql_install_db)" --user=mysql >&2 \
                || _svc_die "cannot initialise MariaDB's data directory"
        fi
        if _svc_systemd_running; then
            _svc_root systemctl start mariadb || true
        else
            _svc_root start-stop-daemon --start --oknodo --background --exec "$server" -- --user=mysql \
                || _svc_die "cannot start $server"
        fi
        _svc_wait_for "MariaDB on 127.0.0.1:$GEOINGEST_MARIADB_PORT" _svc_mariadb_ping
    fi
    _svc_log "MariaDB: alive on 127.0.0.1:$GEOINGEST_MARIADB_PORT"

    local sql="" host
    for host in localhost 127.0.0.1 %; do
        sql+="CREATE USER IF NOT EXISTS '$GEOINGEST_DB_USER'@'$host' IDENTIFIED BY '$GEOINGEST_DB_PASSWORD';"
        sql+="ALTER USER '$GEOINGEST_DB_USER'@'$host' IDENTIFIED BY '$GEOINGEST_DB_PASSWORD';"
        sql+="GRANT ALL PRIVILEGES ON *.* TO '$GEOINGEST_DB_USER'@'$host';"
        # FILE would let a connector query with these (documented) credentials read this
        # machine's files: SELECT LOAD_FILE('...') works in a read-only session.
        sql+="REVOKE FILE ON *.* FROM '$GEOINGEST_DB_USER'@'$host';"
    done
    if [ -n "$db" ]; then
        [ "$fresh" != --fresh ] || sql+="DROP DATABASE IF EXISTS \`$db\`;"
        sql+="CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4;"
    fi
    _svc_mariadb_root -e "$sql" || _svc_die "cannot set up MariaDB user $GEOINGEST_DB_USER${db:+ and database $db}"
    _svc_log "MariaDB: user $GEOINGEST_DB_USER ready${db:+, database $db${fresh:+ (fresh)}}"
}

# GDAL's command-line tools: geoingest runs ogr2ogr to read Shapefile, MapInfo, OSM, GeoPackage, GML.
ensure_gdal() {
    command -v ogr2ogr >/dev/null 2>&1 || _svc_apt_install gdal-bin
    command -v ogr2ogr >/dev/null 2>&1 || _svc_die "gdal-bin installed but ogr2ogr is not on PATH"
}

# ensure_jar ROOT: builds ROOT/target/geoingest.jar (tests skipped) when it is missing or older
# than anything it is built from.
ensure_jar() {
    local root=$1 jar=$1/target/geoingest.jar
    local inputs=() path
    for path in src routes pom.xml application.yaml; do
        [ -e "$root/$path" ] && inputs+=("$root/$path")
    done
    if [ -f "$jar" ] && { [ "${#inputs[@]}" -eq 0 ] || [ -z "$(find "${inputs[@]}" -newer "$jar" -print -quit)" ]; }; then
        return
    fi
    _svc_log "building $jar"
    (cd "$root" && mvn -B -q -ntp -Dstyle.color=never -DskipTests package) || _svc_die "cannot build $jar"
    touch "$jar"
}
