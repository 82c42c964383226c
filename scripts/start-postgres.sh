#!/usr/bin/env bash
# Start the local PostgreSQL cluster without systemd and make the omsdesk test role and database.
# Progress goes to stderr; the one line on stdout is the SQLAlchemy URL of the test database.
set -euo pipefail

# reset-test-state.sh reads the same overrides, so both scripts name the same role.
ROLE="${OMSDESK_TEST_PG_ROLE:-omsdesk}"
PASSWORD=omsdesk
DATABASE="${OMSDESK_TEST_PG_DATABASE:-omsdesk_test}"

log() { echo "start-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

command -v pg_lsclusters >/dev/null 2>&1 || die "pg_lsclusters not found; run scripts/ensure-system.sh first"

# Pick the newest cluster; "main" wins among clusters of the same version.
pick_cluster() {
    pg_lsclusters --no-header 2>/dev/null \
        | awk '{ print $1, ($2 == "main" ? 1 : 0), $2, $3, $4 }' \
        | sort -k1,1V -k2,2n | tail -n1 | awk '{ print $1, $3, $4, $5 }'
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then
        "$@"
    elif [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -n -u postgres -- "$@"
    fi
}

cluster=$(pick_cluster)
if [ -z "$cluster" ]; then
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" 2>/dev/null | sort -V | tail -n1)
    [ -n "$version" ] || die "no PostgreSQL server installed (/usr/lib/postgresql is empty)"
    [ "$(id -u)" -eq 0 ] || die "no cluster exists; create one with: sudo pg_createcluster $version main"
    log "creating cluster $version/main"
    pg_createcluster "$version" main >&2
    cluster=$(pick_cluster)
fi
read -r version name port status <<<"$cluster"

if [ "$status" != online ]; then
    log "starting cluster $version/$name on port $port"
    if [ "$(id -u)" -eq 0 ]; then
        pg_ctlcluster "$version" "$name" start >&2
    else
        # pg_ctlcluster refuses a user that owns neither the cluster nor root.
        as_postgres pg_ctlcluster "$version" "$name" start >&2
    fi
fi

for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || die "cluster $version/$name does not answer on 127.0.0.1:$port (log: /var/log/postgresql/postgresql-$version-$name.log)"

# Already set up (the usual case: the role may create databases and owns the test one):
# nothing to change, no superuser needed. Anything less is repaired below.
if PGPASSWORD=$PASSWORD PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$port" -U "$ROLE" -d "$DATABASE" \
        -tAc "SELECT rolcreatedb AND oid = (SELECT datdba FROM pg_database WHERE datname = current_database()) FROM pg_roles WHERE rolname = current_user" 2>/dev/null | grep -qx t; then
    log "role $ROLE and database $DATABASE already present"
else
    log "creating role $ROLE and database $DATABASE"
    as_postgres psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
        CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
    ELSE
        ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
    END IF;
END
\$\$;
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE')
\gexec
-- A database left behind by a role that was dropped and made again belongs to someone else.
SELECT 'ALTER DATABASE $DATABASE OWNER TO $ROLE'
FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
WHERE d.datname = '$DATABASE' AND r.rolname <> '$ROLE'
\gexec
SQL
fi

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE"
