"""Only one process runs the sync jobs: a PostgreSQL advisory lock, or a lock file beside SQLite."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from omsdesk.db import Database
from omsdesk.models import OmsError

log = logging.getLogger(__name__)

# "omsd" + issue 6: any constant every omsdesk process agrees on.
ADVISORY_KEY = 0x6F6D7364_0006


class SyncBusy(OmsError):
    """Another workstation or daemon is running the sync jobs."""


class SyncLock:
    """Held for as long as this process runs the sync jobs; `acquire` never waits."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._connection: Any = None
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._connection is not None or self._file is not None

    def acquire(self) -> bool:
        """Try to take the lock; True when this process holds it."""
        if self.held:
            return True
        if self.db.dialect == "postgresql":
            conn = self.db.engine.connect()
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                    {"k": ADVISORY_KEY}).scalar())
            conn.commit()
            if got:
                # The lock lives with this session: keep the connection until release.
                self._connection = conn
            else:
                conn.close()
            return got
        path = _lock_path(self.db.url)
        if path is None:
            return True  # an in-memory database belongs to this process alone
        return self._lock_file(path)

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
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._connection.commit()
            finally:
                self._connection.close()
                self._connection = None
        if self._file is not None:
            # Closing the file drops the lock (flock and msvcrt alike).
            self._file.close()
            self._file = None

    def __enter__(self) -> SyncLock:
        if not self.acquire():
            raise SyncBusy("another omsdesk (workstation or sync daemon) is running the sync "
                           "jobs right now; try again when it has finished")
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock_path(url: str) -> Path | None:
    u = make_url(url)
    if not u.database or u.database == ":memory:":
        return None
    return Path(f"{u.database}.sync-lock")
