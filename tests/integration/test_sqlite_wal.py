"""Every SQLite connection gets the same pragmas, and the WAL stays bounded while it is written."""

from __future__ import annotations

import os
from pathlib import Path

from omsdesk.db import WAL_AUTOCHECKPOINT_PAGES, open_database


def test_each_connection_uses_wal_with_a_bounded_checkpoint(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path}/wal.sqlite")
    try:
        with db.engine.connect() as conn:
            def pragma(name: str) -> object:
                return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 1  # NORMAL
            assert pragma("foreign_keys") == 1
            assert pragma("wal_autocheckpoint") == WAL_AUTOCHECKPOINT_PAGES
    finally:
        db.dispose()


def test_the_wal_is_folded_back_while_writing_and_emptied_on_close(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite"
    db = open_database(f"sqlite:///{path}")
    page = 4096
    limit = WAL_AUTOCHECKPOINT_PAGES * page
    blob = os.urandom(256 * 1024)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
    largest = 0
    # About three times the checkpoint threshold, one 1 MB transaction at a time.
    for _ in range(3 * limit // (4 * len(blob))):
        with db.write() as s:
            s.connection().exec_driver_sql("INSERT INTO filler (data) VALUES (?), (?), (?), (?)",
                                           (blob, blob, blob, blob))
        largest = max(largest, (tmp_path / "wal.sqlite-wal").stat().st_size)
    # The WAL restarts from its beginning after a checkpoint, so it never grows far past the
    # threshold (one transaction's frames beyond it at most).
    assert limit <= largest < limit + 2 * 4 * len(blob)
    db.close()
    wal = tmp_path / "wal.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0
