"""PostgreSQL: pg_dump of one snapshot, and pg_restore into a new database swapped in by name."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import DBAPIError

from omsdesk.db import Database
from omsdesk.services.backup.checks import revisions_of, row_counts
from omsdesk.services.backup.manifest import BackupError

TOOL_TIMEOUT_S = 3600
MAX_NAME = 63  # PostgreSQL's identifier limit


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client "
                          f"(Debian: postgresql-client) of the server's version")
    return found


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for the client tools; the password goes through the environment."""
    args = ["--dbname", str(url.database or "")]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    from omsdesk.connection import with_keyring_password

    url = with_keyring_password(url)  # a server saved by `omsdesk db connect`: password in the keyring
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    for key, name in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if url.query.get(key):
            env[name] = str(url.query[key])
    return args, env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise BackupError(f"{what} took longer than {TOOL_TIMEOUT_S} s and was stopped") from exc
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise BackupError(f"{what} failed: {lines[0] if lines else f'exit status {done.returncode}'}")


def _check_client_version(tool: str, server_version_num: int) -> None:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    client = int(found.group(1)) if found else 0
    server = server_version_num // 10000
    if client < server:
        raise BackupError(f"{Path(tool).name} {client} cannot dump a PostgreSQL {server} server; "
                          f"install postgresql-client-{server}")


def snapshot(db: Database, dest: Path) -> tuple[tuple[str, ...], dict[str, int]]:
    """pg_dump (custom format) of the database as of one moment, while others go on writing.

    A repeatable-read transaction exports its snapshot and pg_dump dumps from that same
    snapshot, so the row counts in the manifest are exactly what the dump holds.
    """
    pg_dump = _tool("pg_dump")
    url = db.engine.url
    args, env = _libpq(url)
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            conn.execute(text("SET TRANSACTION READ ONLY"))
            snapshot_id = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            _check_client_version(pg_dump, int(conn.execute(text("SHOW server_version_num")).scalar_one()))
            revisions, counts = revisions_of(conn), row_counts(conn)
            _run([pg_dump, *args, "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot_id}", "--file", str(dest)], env, "pg_dump")
    return revisions, counts


def _admin_engine(url: URL) -> Engine:
    """A connection to the server's maintenance database, outside any transaction."""
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                         connect_args={"connect_timeout": 5, "application_name": "omsdesk-restore"})


def _name(base: str, suffix: str) -> str:
    return base[: MAX_NAME - len(suffix)] + suffix


def _quote(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote_identifier(name)


def restore_into_new(url: URL, payload: Path, stamp: datetime) -> URL:
    """pg_restore the dump into a new database beside the target; returns its URL.

    The target is not touched; on failure the new database is dropped again.
    """
    pg_restore = _tool("pg_restore")
    name = _name(str(url.database), f"_restoring_{stamp:%Y%m%d%H%M%S}")
    admin = _admin_engine(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {_quote(admin, name)}"))
        new_url = url.set(database=name)
        args, env = _libpq(new_url)
        try:
            _run([pg_restore, *args, "--no-owner", "--no-privileges", "--exit-on-error",
                  "--single-transaction", str(payload)], env, "pg_restore")
        except BackupError:
            drop_database(url, name)
            raise
    finally:
        admin.dispose()
    return new_url


def drop_database(url: URL, name: str) -> None:
    admin = _admin_engine(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(admin, name)} WITH (FORCE)"))
    finally:
        admin.dispose()


def swap_in(url: URL, restored: str, stamp: datetime) -> str | None:
    """Give the restored database the target's name; the old one is kept, renamed.

    Returns the old database's new name (None when the target did not exist). Sessions still
    connected to the target (other workstations) are ended; they reconnect to the restored one.
    """
    target = str(url.database)
    aside = _name(target, f"_before_restore_{stamp:%Y%m%d%H%M%S}")
    admin = _admin_engine(url)

    def q(name: str) -> str:
        return _quote(admin, name)

    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target}).first()
            if exists is None:
                conn.execute(text(f"ALTER DATABASE {q(restored)} RENAME TO {q(target)}"))
                return None
            taken = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
            serial = 1
            while aside in taken:  # never overwrite what an earlier restore kept
                serial += 1
                aside = _name(target, f"_before_restore_{stamp:%Y%m%d%H%M%S}_{serial}")
            conn.execute(text(f"ALTER DATABASE {q(target)} WITH ALLOW_CONNECTIONS false"))
            try:
                _rename_when_free(conn, target, aside, q)
            except BaseException:
                conn.execute(text(f"ALTER DATABASE {q(target)} WITH ALLOW_CONNECTIONS true"))
                raise
            conn.execute(text(f"ALTER DATABASE {q(aside)} WITH ALLOW_CONNECTIONS true"))
            try:
                conn.execute(text(f"ALTER DATABASE {q(restored)} RENAME TO {q(target)}"))
            except BaseException:
                conn.execute(text(f"ALTER DATABASE {q(aside)} RENAME TO {q(target)}"))
                raise
    finally:
        admin.dispose()
    return aside


def _rename_when_free(conn: Connection, target: str, aside: str, q: Callable[[str], str]) -> None:
    for attempt in range(20):
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": target})
        try:
            conn.execute(text(f"ALTER DATABASE {q(target)} RENAME TO {q(aside)}"))
            return
        except DBAPIError as exc:  # a session still closing: "being accessed by other users"
            if attempt == 19:
                raise BackupError(f"database {target} is still in use, nothing was changed: "
                                  f"{str(exc.orig).splitlines()[0]}") from exc
            time.sleep(0.25)


def url_of(db_url: str) -> URL:
    u = make_url(db_url)
    return u.set(drivername="postgresql+psycopg") if u.drivername == "postgresql" else u
