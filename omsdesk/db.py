"""Engine and session factory, SQLite pragmas, PostgreSQL options and the migrations runner."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from omsdesk.models.audit import AuditEntry
from omsdesk.models.errors import OmsError, PermissionDenied

MIGRATIONS = Path(__file__).with_name("migrations")


def _record_refusal(session: Session, exc: PermissionDenied) -> None:
    """Audit a refused action in its own transaction: the refused change itself was rolled back."""
    session.add(AuditEntry(user=exc.user[:64], workstation=exc.workstation[:64], entity="permission",
                           entity_id=0, reference=exc.permission[:64], action="refused",
                           reason=str(exc)))
    session.commit()


class DatabaseError(OmsError):
    """The database cannot be opened or is at a schema this program does not know.

    `kind` is the classifier's (omsdesk/connection.py): 'refused', 'password', 'schema'...,
    so the GUI can offer Retry / Edit connection / Use the local database.
    """

    def __init__(self, message: str, *, kind: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.reason = reason or message  # the classified line alone, without the URL


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL or an in-memory database."""
    return _sqlite_path(url)


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    try:
        u = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL '{url}'") from exc
    backend = u.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        from omsdesk.connection import connect_timeout, with_keyring_password

        if u.drivername == "postgresql":
            u = u.set(drivername="postgresql+psycopg")
        # A URL saved by `omsdesk db connect` has no password: the keyring's goes into the engine only.
        return create_engine(
            with_keyring_password(u), echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=10,
            connect_args={"connect_timeout": connect_timeout(), "application_name": "omsdesk"},
        )
    try:
        return create_engine(url, echo=echo)
    except Exception as exc:  # unknown dialect or missing driver: say so in one line
        raise DatabaseError(f"cannot use database URL '{u.render_as_string()}': {exc}") from exc


WAL_AUTOCHECKPOINT_PAGES = 4000  # of the default 4 KiB: 16 MB


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so we can issue BEGIN IMMEDIATE for writers:
        # a deferred writer that read first can fail with SQLITE_BUSY instead of waiting.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        # Checkpoint once the WAL holds 16 MB rather than SQLite's 4 MB: a large import
        # rewrites the same index pages in every transaction, and each checkpoint copies them
        # again (measured: a third less commit time for 10,000 imported orders). Quitting
        # still empties the WAL (Database.close).
        cur.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("omsdesk_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One database: its engine, sessions for reading and one-transaction writes."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def check(self) -> None:
        """Fail with one clear line when the server does not answer."""
        from omsdesk.connection import classify, too_old

        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
                version = conn.dialect.server_version_info if self.dialect == "postgresql" else None
        except (OperationalError, DBAPIError) as exc:
            problem = classify(exc)
            raise DatabaseError(f"cannot connect to database {self.display_url}: {problem}",
                                kind=problem.kind, reason=str(problem)) from exc
        except ModuleNotFoundError as exc:  # psycopg missing: imported on the first connection
            problem = classify(exc)
            raise DatabaseError(f"cannot connect to database {self.display_url}: {problem}",
                                kind=problem.kind, reason=str(problem)) from exc
        if version:
            major, minor = (tuple(int(v) for v in version) + (0, 0))[:2]
            old = too_old(major * 10000 + (minor if major >= 10 else minor * 100))
            if old:
                raise DatabaseError(f"cannot use database {self.display_url}: {old}", kind=old.kind,
                                    reason=str(old))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One short write transaction: committed on success, rolled back on any error."""
        with self._sessions() as session:
            session.connection(execution_options={"omsdesk_write": True})
            try:
                yield session
                session.commit()
            except PermissionDenied as exc:
                session.rollback()
                _record_refusal(session, exc)
                raise
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()

    def checkpoint(self) -> bool:
        """Fold a SQLite WAL back into the file and empty it; True when it completed.

        False when another connection still reads or writes (it then stays as it is).
        Nothing to do on PostgreSQL.
        """
        if self.dialect != "sqlite" or _sqlite_path(self.url) is None:
            return True
        with self.engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        return busy is None or not busy[0]

    def close(self) -> None:
        """What quitting does: checkpoint the WAL (no -wal left with content), then close."""
        self.engine.dispose()  # our own idle connections must not hold the WAL open
        try:
            self.checkpoint()
        finally:
            self.engine.dispose()


# ---- migrations -----------------------------------------------------------------------------

def _alembic_config(conn: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@lru_cache(maxsize=1)
def _script() -> Any:
    """The migration scripts, read once per process (every command checks the schema on start)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def schema_revisions(db: Database) -> tuple[str | None, str]:
    """(revisions the database is at, revisions this program knows), each as 'a+b' text.

    Feature areas add their tables on their own migration branches off the initial schema,
    so both sides may name several heads.
    """
    current, heads = _revision_sets(db)
    return ("+".join(sorted(current)) or None), "+".join(sorted(heads))


def _revision_sets(db: Database) -> tuple[set[str], set[str]]:
    from alembic.migration import MigrationContext

    script = _script()
    with db.engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current, set(script.get_heads())


def check_known_revisions(revisions: set[str]) -> None:
    """Refuse (DatabaseError) revisions this program does not know: a newer schema."""
    _check_known(revisions)


def is_at_head(revisions: set[str]) -> bool:
    """True when these revisions already include every migration this program knows."""
    return _all_applied(revisions, set(_script().get_heads()))


def _check_known(current: set[str]) -> None:
    from alembic.util.exc import CommandError

    script = _script()
    for rev in sorted(current):
        try:
            known = script.get_revision(rev)
        except CommandError:
            known = None
        if known is None:
            raise DatabaseError(
                f"database schema {rev} is newer than this omsdesk knows; upgrade omsdesk first",
                kind="schema")


def backup_sqlite(db: Database, tag: str) -> Path | None:
    path = _sqlite_path(db.url)
    if path is None or not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{tag}.{stamp}.bak")
    # The backup API copies a consistent snapshot even with the WAL in use.
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(db: Database) -> str | None:
    """Bring the schema to head; back up a SQLite file first. Returns the backup path, if any."""
    from alembic import command

    db.check()
    current, heads = _revision_sets(db)
    _check_known(current)
    if _all_applied(current, heads):
        return None
    backup = backup_sqlite(db, "-".join(sorted(current))) if current else None
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "heads")
    return str(backup) if backup else None


_REVISION = re.compile(r"^(revision|down_revision)\s*=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def _script_heads_quick() -> frozenset[str]:
    """Head revisions read straight from the migration files, without importing Alembic.

    Importing Alembic costs about a tenth of a second, which matters for the GUI start;
    when this quick reading and the database agree there is nothing to migrate.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revisions.add(found["revision"].strip().strip("'\""))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", found.get("down_revision", "")))
    return frozenset(revisions - parents)


def _current_quick(db: Database) -> frozenset[str] | None:
    try:
        with db.engine.connect() as conn:
            return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except (OperationalError, DBAPIError):
        return None  # no version table yet: a new database


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open and, as the app does on start, upgrade the schema (after a backup of a SQLite file)."""
    db = Database(url)
    db.check()
    if _current_quick(db) == _script_heads_quick():
        return db
    if migrate:
        upgrade(db)
    else:
        db.check()
        _check_known(_revision_sets(db)[0])
    return db


def _all_applied(current: set[str], heads: set[str]) -> bool:
    """True when every known head is at or below what the database has applied."""
    script = _script()
    applied: set[str] = set()
    for rev in current:
        applied.update(r.revision for r in script.iterate_revisions(rev, "base"))
    return heads <= applied


@dataclass(frozen=True)
class ServerInfo:
    version: str
    schema: str | None  # alembic revisions, or None for an empty database


def try_connection(url: str, password: str | None = None, *, timeout: int | None = None) -> ServerInfo:
    """Connect once (short timeout), check the server version and that the schema is one this
    omsdesk knows; ConnectionProblem with the classified line otherwise. Changes nothing."""
    from omsdesk.connection import (
        ConnectionProblem,
        classify,
        parse_server_url,
        psycopg_kwargs,
        too_old,
    )

    u = parse_server_url(url)
    try:
        import psycopg
    except ModuleNotFoundError as exc:
        raise classify(exc) from None
    params = psycopg_kwargs(u, timeout=timeout)
    if password:
        params["password"] = password
    try:
        with psycopg.connect(**params) as conn:
            old = too_old(conn.info.server_version)
            if old:
                raise old
            version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
            exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
            revisions: set[str] = set()
            if exists and exists[0]:
                revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    except psycopg.Error as exc:
        raise classify(exc) from None
    if revisions:
        try:
            check_known_revisions(revisions)
        except DatabaseError as exc:
            raise ConnectionProblem(str(exc), "schema") from None
    return ServerInfo(version=version, schema="+".join(sorted(revisions)) or None)
