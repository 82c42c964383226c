"""SQLite: a consistent copy of a live file (the online backup API) and putting a copy in its place."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine

from omsdesk.db import Database, sqlite_file
from omsdesk.services.backup.checks import revisions_of, row_counts
from omsdesk.services.backup.manifest import BackupError

SIDE_FILES = ("-wal", "-shm", "-journal")


def database_file(db: Database) -> Path:
    path = sqlite_file(db.url)
    if path is None:
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return path


def snapshot(db: Database, dest: Path) -> tuple[tuple[str, ...], dict[str, int]]:
    """Copy the database to `dest` as it was at one moment, while others go on writing.

    One backup step copies every page inside a single read transaction: in WAL mode writers
    carry on meanwhile and the copy is the database as of that transaction's start, the
    WAL's committed pages included. Returns the copy's revisions and row counts.
    """
    path = database_file(db)
    if not path.exists():
        raise BackupError(f"no database file at {path}")
    src = sqlite3.connect(str(path), timeout=30)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)  # pages=-1: the whole file in one step, hence one snapshot
            # The payload is one self-contained file, whatever the live database's journal.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    return describe(dest)


def describe(path: Path) -> tuple[tuple[str, ...], dict[str, int]]:
    """Revisions and row counts of a SQLite file."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return revisions_of(conn), row_counts(conn)
    finally:
        engine.dispose()


def check_integrity(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"the backup's database is not a readable SQLite file: {exc}") from exc
    finally:
        conn.close()
    if result is None or result[0] != "ok":
        raise BackupError(f"the backup's database fails SQLite's integrity check: {result}")


def take_place(live: Path, restored: Path, stamp: datetime) -> Path | None:
    """Move the live file (with its WAL, if any) aside under a timestamped name and put the
    restored copy in its place. Returns where the old file went (None if there was none).

    Refuses when another connection still uses the live file: its WAL would otherwise be
    left beside a database it does not belong to.
    """
    if not live.exists():
        os.replace(restored, live)
        return None
    _checkpoint_alone(live)
    aside = live.with_name(f"{live.name}.before-restore-{stamp:%Y%m%dT%H%M%SZ}")
    serial = 1
    while aside.exists():  # never overwrite what an earlier restore kept
        serial += 1
        aside = live.with_name(f"{live.name}.before-restore-{stamp:%Y%m%dT%H%M%SZ}-{serial}")
    os.replace(live, aside)
    for suffix in SIDE_FILES:
        side = live.with_name(live.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    os.replace(restored, live)
    return aside


def _checkpoint_alone(live: Path) -> None:
    conn = sqlite3.connect(str(live), timeout=5)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError as exc:
        raise BackupError(f"the database is in use ({exc}); close omsdesk everywhere else and retry") from exc
    finally:
        conn.close()
    if busy is not None and busy[0]:
        raise BackupError("the database is in use by another program; close omsdesk everywhere "
                          "else (and the sync daemon) and retry")
