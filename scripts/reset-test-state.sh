#!/usr/bin/env bash
# Remove what earlier test runs leave on this machine, so the next `make test` starts as on a fresh one:
# the CUPS PDF and ZPL queues with their jobs, spool folders, device file and filter; the test PostgreSQL
# role and its databases; the omsdesk config and data folders of this user; the test caches in /tmp.
# `make test-fresh` runs this, then `make test` (whose start-postgres.sh and start-cups.sh make it all again).
set -euo pipefail

# The same names start-cups.sh and start-postgres.sh use (and the same overrides).
PDF_OUT="${OMSDESK_CUPS_PDF_OUT:-/var/spool/cups-pdf/omsdesk}"
ZPL_DIR="${OMSDESK_CUPS_ZPL_DIR:-/var/spool/cups-zpl}"
PG_ROLE="${OMSDESK_TEST_PG_ROLE:-omsdesk}"
PG_DATABASE="${OMSDESK_TEST_PG_DATABASE:-omsdesk_test}"
# The databases the test fixtures make (tests/fixtures/servers.py, PgDatabases.create).
PG_TEST_PATTERN="${OMSDESK_TEST_PG_PATTERN:-omsdesk_t_%}"
TMP="${TMPDIR:-/tmp}"
TRYTON_CACHE="${OMSDESK_TRYTON_CACHE:-$TMP/omsdesk-tryton-cache}"
# The 200,000-order demo file the GUI tests keep between runs (tests/fixtures/gui_data.py).
DEMO_CACHE="$TMP/omsdesk-test-cache"
VENV_PY="$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python"

log() { echo "reset-test-state: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo -n -- "$@"
    fi
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

# Refuse to remove a path that is empty, the root, the home folder or a parent of it: an
# override pointing there must not wipe the machine.
remove_folder() {
    local path=$1 real
    [ -n "$path" ] || return 0
    [ -e "$path" ] || [ -L "$path" ] || return 0
    real=$(realpath -m -- "$path")
    case "$real" in
        / | /home | /root | /tmp | /var | /var/spool | "$(realpath -m -- "$HOME")")
            log "not removing $path (resolves to $real)"; return 1 ;;
    esac
    if [ -w "$(dirname "$real")" ]; then rm -rf -- "$real"; else as_root rm -rf -- "$real"; fi
    log "removed $real"
}

reset_cups() {
    export PATH="$PATH:/usr/sbin"
    if ! command -v lpstat >/dev/null 2>&1; then
        log "CUPS not installed: no queues to remove"
    elif ! lpstat -r 2>/dev/null | grep -q 'scheduler is running'; then
        log "cupsd not running: its queues stay configured, start-cups.sh checks them"
    else
        for queue in PDF ZPL; do
            lpstat -p "$queue" >/dev/null 2>&1 || continue
            # -x also purges the job files and history, so no old job is found or re-run.
            as_root cancel -a -x "$queue" 2>/dev/null || true
            as_root lpadmin -x "$queue"
            log "removed CUPS queue $queue and its jobs"
        done
    fi
    # start-cups.sh installs this filter for the ZPL queue, and installs it again.
    if [ -e /usr/lib/cups/filter/omsdesk-zpl-replace ]; then
        as_root rm -f /usr/lib/cups/filter/omsdesk-zpl-replace
        log "removed the ZPL queue's filter"
    fi
    # The folders hold the ZPL device file and every earlier PDF; start-cups.sh makes both again.
    remove_folder "$PDF_OUT"
    remove_folder "$ZPL_DIR"
}

pg_port() {
    # The newest online cluster, as start-postgres.sh picks it; nothing when none runs.
    pg_lsclusters --no-header 2>/dev/null | awk '$4 ~ /^online/ { print $1, $3 }' \
        | sort -k1,1V | tail -n1 | awk '{ print $2 }'
}

reset_postgres() {
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        log "PostgreSQL not installed: no test role to drop"
        return 0
    fi
    local port
    port=$(pg_port)
    if [ -z "$port" ]; then
        log "no PostgreSQL cluster online: nothing to drop (start-postgres.sh starts one)"
        return 0
    fi
    # FORCE ends sessions an earlier, killed run left open. Every database the test role owns
    # goes too (e.g. one made by hand for `simulate desks --db`), else the role cannot be
    # dropped; a database another role owns is kept.
    as_postgres psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database
WHERE datname = '$PG_DATABASE' OR datname LIKE '$PG_TEST_PATTERN'
   OR datdba = (SELECT oid FROM pg_roles WHERE rolname = '$PG_ROLE')
\gexec
SELECT format('DROP OWNED BY %I', rolname) FROM pg_roles WHERE rolname = '$PG_ROLE'
\gexec
SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE rolname = '$PG_ROLE'
\gexec
SQL
    log "dropped PostgreSQL role $PG_ROLE, database $PG_DATABASE and every $PG_TEST_PATTERN database (port $port)"
}

reset_user_folders() {
    local dirs
    if [ -x "$VENV_PY" ] && dirs=$("$VENV_PY" -c 'from omsdesk.config import config_dir, data_dir
print(config_dir()); print(data_dir())' 2>/dev/null); then
        :
    else
        # No venv yet: platformdirs' Linux defaults, which config.py uses.
        dirs="${OMSDESK_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/omsdesk}
${OMSDESK_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/omsdesk}"
    fi
    while IFS= read -r dir; do
        remove_folder "$dir"
    done <<<"$dirs"
}

reset_caches() {
    # Only caches in the temp folder: one set elsewhere by OMSDESK_TRYTON_CACHE is the user's own.
    case "$(realpath -m -- "$TRYTON_CACHE")" in
        "$(realpath -m -- "$TMP")"/*) remove_folder "$TRYTON_CACHE" ;;
        *) log "keeping the Tryton cache $TRYTON_CACHE (not in $TMP)" ;;
    esac
    remove_folder "$DEMO_CACHE"
    # Throw-away Secret Service homes of runs killed before with-test-keyring.sh cleaned up.
    find "$TMP" -maxdepth 1 -name 'omsdesk-keyring.*' -user "$(id -u)" -exec rm -rf -- {} + 2>/dev/null || true
}

main() {
    reset_cups
    reset_postgres
    reset_user_folders
    reset_caches
    log "done: the next make test sets everything up again"
}

# Sourced (by tests/integration/test_fresh_machine.py) it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main
fi
