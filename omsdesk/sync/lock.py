"""Only one process runs the sync jobs: a PostgreSQL advisory lock, or a lock file beside SQLite.

On PostgreSQL the lock is a session advisory lock on a dedicated connection: it is held as
long as that session lives and freed by the server the moment the connection closes (the
process exits, is killed, or its network goes). The holder announces itself in `sync_leader`
(workstation, pid, since) and names its session `omsdesk-sync-leader`; `leader_status` trusts
pg_locks for who really holds it, so a leader that died never looks alive.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from omsdesk.config import current_identity
from omsdesk.db import Database
from omsdesk.models import OmsError
from omsdesk.models.base import utcnow

log = logging.getLogger(__name__)

# "omsd" + issue 6: any constant every omsdesk process agrees on.
ADVISORY_KEY = 0x6F6D7364_0006
LEADER_APPLICATION = "omsdesk-sync-leader"


@dataclass(frozen=True)
class LeaderInfo:
    """Who runs the sync jobs right now, and since when."""

    workstation: str
    pid: int
    since: datetime | None
    backend_pid: int | None = None  # PostgreSQL: the session holding the advisory lock


class SyncBusy(OmsError):
    """Another workstation or daemon is running the sync jobs."""


class SyncLock:
    """Held for as long as this process runs the sync jobs; `acquire` never waits."""

    def __init__(self, db: Database, *, workstation: str | None = None) -> None:
        self.db = db
        self.workstation = workstation or current_identity().workstation
        self._connection: Any = None
        self._file: IO[str] | None = None
        self.since: datetime | None = None

    @property
    def held(self) -> bool:
        return self._connection is not None or self._file is not None

    def acquire(self) -> bool:
        """Try to take the lock; True when this process holds it."""
        if self.held:
            return True
        if self.db.dialect == "postgresql":
            try:
                conn = self.db.engine.connect()
            except DBAPIError:
                return False  # the server is away: nobody here leads; the next try may
            try:
                got = bool(conn.execute(text(f"SELECT pg_try_advisory_lock({self._pg_key})"),
                                        self._pg_params).scalar())
                conn.commit()
                if got:
                    self._announce(conn)
            except DBAPIError:
                conn.invalidate()
                conn.close()
                return False
            if got:
                # The lock lives with this session: keep the connection until release.
                self._connection = conn
            else:
                conn.close()
            return got
        path = _lock_path(self.db.url, self._file_suffix)
        if path is None:
            return True  # an in-memory database belongs to this process alone
        return self._lock_file(path)

    # What the lock is: the sync jobs as a whole (ChannelJobLock: one job of one channel).
    _pg_key = ":k"

    @property
    def _pg_params(self) -> dict[str, int]:
        return {"k": ADVISORY_KEY}

    @property
    def _file_suffix(self) -> str:
        return "sync-lock"

    @property
    def _busy(self) -> str:
        return ("another omsdesk (workstation or sync daemon) is running the sync jobs right now; "
                "try again when it has finished")

    def _announce(self, conn: Any) -> None:
        """Say who leads, on the lock's own session (named so pg_stat_activity shows it too)."""
        self.since = utcnow()
        conn.execute(text("SELECT set_config('application_name', :n, false)"), {"n": LEADER_APPLICATION})
        conn.execute(text("DELETE FROM sync_leader"))
        conn.execute(text("INSERT INTO sync_leader (id, workstation, pid, backend_pid, since) "
                          "VALUES (1, :ws, :pid, pg_backend_pid(), :since)"),
                     {"ws": self.workstation[:100], "pid": os.getpid(), "since": self.since})
        conn.commit()

    def _withdraw(self, conn: Any) -> None:
        conn.execute(text("DELETE FROM sync_leader WHERE backend_pid = pg_backend_pid()"))

    def alive(self) -> bool:
        """True while the lock is still ours: on PostgreSQL, its session still answers.

        A connection the server closed (restart, pg_terminate_backend, a dropped network)
        took the lock with it; then this process no longer leads, and says so.
        """
        if self._connection is None:
            return self._file is not None
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
            return True
        except DBAPIError:
            log.warning("the sync lock's connection is gone; another process may take over the sync")
            with contextlib.suppress(DBAPIError):
                self._connection.invalidate()
                self._connection.close()
            self._connection = None
            self.since = None
            return False

    def _lock_file(self, path: Path) -> bool:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self.since = utcnow()
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n{self.workstation}\n{self.since.isoformat()}\n")
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        self.since = None
        if self._connection is not None:
            try:
                self._withdraw(self._connection)
                self._connection.execute(text(f"SELECT pg_advisory_unlock({self._pg_key})"),
                                         self._pg_params)
                self._connection.commit()
            except DBAPIError:
                pass  # the session is gone, and the lock went with it
            finally:
                with contextlib.suppress(DBAPIError):
                    self._connection.close()
                self._connection = None
        if self._file is not None:
            # Closing the file drops the lock (flock and msvcrt alike).
            self._file.close()
            self._file = None

    def __enter__(self) -> SyncLock:
        if not self.acquire():
            raise SyncBusy(self._busy)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class ChannelJobLock(SyncLock):
    """Held while this process runs one job on one channel; `acquire` never waits.

    For the jobs a person can also start by hand beside the sync leader's schedule (the
    product push): two at once would both create on the shop a product it lacks.
    """

    _pg_key = ":job, :channel"  # the two-key form: its own space, apart from the sync lock's

    def __init__(self, db: Database, job: str, channel_id: int) -> None:
        super().__init__(db)
        self.job, self.channel_id = job, channel_id

    @property
    def _pg_params(self) -> dict[str, int]:
        return {"job": _JOB_KEYS[self.job], "channel": self.channel_id}

    @property
    def _file_suffix(self) -> str:
        return f"{self.job}-{self.channel_id}.lock"

    @property
    def _busy(self) -> str:
        return (f"another {self.job} on this channel is running (another desk or the sync's "
                "schedule); try again when it has finished")

    def _announce(self, conn: Any) -> None:
        self.since = utcnow()  # only the sync leader is announced in sync_leader

    def _withdraw(self, conn: Any) -> None:
        pass


# Fixed numbers, as every omsdesk process must agree on them.
_JOB_KEYS = {"push_products": 0x6F6D_0014}


def _lock_path(url: str, suffix: str = "sync-lock") -> Path | None:
    u = make_url(url)
    if not u.database or u.database == ":memory:":
        return None
    return Path(f"{u.database}.{suffix}")


def leader_status(db: Database) -> LeaderInfo | None:
    """Who holds the sync lock now (any process, any workstation); None when nobody does."""
    if db.dialect == "postgresql":
        return _pg_leader(db)
    path = _lock_path(db.url)
    return _file_leader(path) if path is not None else None


def _pg_leader(db: Database) -> LeaderInfo | None:
    # A bigint advisory key shows in pg_locks as classid (high 32 bits), objid (low), objsubid 1.
    with db.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT l.pid, s.workstation, s.pid, s.since, a.client_addr::text, a.backend_start "
            "FROM pg_locks l LEFT JOIN sync_leader s ON s.backend_pid = l.pid "
            "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            "AND l.classid::bigint = :hi AND l.objid::bigint = :lo "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
            {"hi": ADVISORY_KEY >> 32, "lo": ADVISORY_KEY & 0xFFFFFFFF}).first()
    if row is None:
        return None
    backend, workstation, pid, since, client, started = row
    if workstation is None:
        # Held by a process that did not announce itself (an older omsdesk): name its session.
        return LeaderInfo(client or "local", 0, started, backend)
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=utcnow().tzinfo)
    return LeaderInfo(workstation, int(pid), since, backend)


def _file_leader(path: Path) -> LeaderInfo | None:
    if not path.exists():
        return None
    if sys.platform != "win32":
        import fcntl

        with open(path, encoding="utf-8") as probe:
            try:
                fcntl.flock(probe.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                pass  # somebody holds it: read who below
            else:
                return None  # the file is left from an earlier run; nobody holds it now
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return None
    workstation = lines[1] if len(lines) > 1 else ""
    since = None
    if len(lines) > 2:
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(lines[2])
    return LeaderInfo(workstation, pid, since)
