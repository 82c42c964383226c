"""Quitting the app folds the WAL back into the database file: nothing of the day is left beside it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from omsdesk.db import Database

# A process that commits into the WAL and dies without closing, as a crash or a kill would:
# its pages stay in the -wal file and only a checkpoint puts them into the database file.
_WRITE_AND_DIE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("INSERT INTO warehouses (code, name, address, city, postcode, country, priority, active) VALUES ('WAL', 'In the WAL', '', '', '', 'ES', 99, 1)")
os._exit(0)
"""


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _leave_rows_in_the_wal(path: Path) -> None:
    subprocess.run([sys.executable, "-c", _WRITE_AND_DIE, str(path)], check=True, timeout=60)
    assert _wal(path).stat().st_size > 0


def _in_main_file_alone(path: Path, tmp: Path) -> list[str]:
    """Warehouse codes read from a copy of the database file without its -wal (what a clerk copies)."""
    copy = tmp / "copied.sqlite3"
    copy.write_bytes(path.read_bytes())
    with sqlite3.connect(copy) as conn:
        return [r[0] for r in conn.execute("SELECT code FROM warehouses")]


def test_quitting_the_app_leaves_no_wal_with_content(sqlite_db: Database, tmp_path: Path) -> None:
    path = Path(str(sqlite_db.engine.url.database))
    sqlite_db.dispose()
    _leave_rows_in_the_wal(path)
    env = {"QT_QPA_PLATFORM": "offscreen", "OMSDESK_QUIT_AFTER_SHOWN": "0", "OMSDESK_NO_SCHEDULER": "1",
           "OMSDESK_CONFIG_DIR": str(tmp_path / "config"), "HOME": str(tmp_path),
           "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    done = subprocess.run([sys.executable, "-m", "omsdesk", "--db", sqlite_db.url], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not _wal(path).exists() or _wal(path).stat().st_size == 0
    assert "WAL" in _in_main_file_alone(path, tmp_path)


def test_closing_a_database_checkpoints_its_wal(sqlite_db: Database, tmp_path: Path) -> None:
    path = Path(str(sqlite_db.engine.url.database))
    _leave_rows_in_the_wal(path)
    with sqlite_db.read() as s:
        s.connection().exec_driver_sql("SELECT count(*) FROM warehouses").scalar_one()
    sqlite_db.close()
    assert not _wal(path).exists() or _wal(path).stat().st_size == 0
    assert "WAL" in _in_main_file_alone(path, tmp_path)
