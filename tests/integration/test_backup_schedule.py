"""Daily backups: the settings that turn them on, when one is due, retention, the scheduler job."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

from omsdesk.db import Database
from omsdesk.services.backup.backup import backup_name
from omsdesk.services.backup.schedule import BackupPlan, backups_in, prune
from omsdesk.sync.backup_schedule import DailyBackups

NOW = datetime(2026, 11, 25, 15, 30).astimezone()


def _fake_backups(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for day in range(n):
        path = folder / backup_name(NOW - timedelta(days=n - day))
        path.write_bytes(b"x")
        files.append(path)
    return files


def test_no_folder_means_no_daily_backups() -> None:
    assert BackupPlan.from_settings({}) is None
    assert BackupPlan.from_settings({"backup_folder": "  "}) is None
    plan = BackupPlan.from_settings({"backup_folder": "/srv/b", "backup_hour": "99", "backup_keep": 0})
    assert plan is not None and (plan.hour, plan.keep) == (23, 1)


def test_retention_deletes_the_oldest_and_never_a_file_of_someone_else(tmp_path: Path) -> None:
    files = _fake_backups(tmp_path, 5)
    mine = tmp_path / "copia-de-lunes.zip"
    mine.write_bytes(b"kept")
    deleted = prune(tmp_path, 3)
    assert deleted == files[:2]
    assert backups_in(tmp_path) == files[2:]
    assert mine.exists()


def test_a_backup_is_due_once_the_hour_has_passed_since_the_newest(tmp_path: Path) -> None:
    plan = BackupPlan(tmp_path, hour=13, keep=3)
    assert plan.due(NOW)  # none yet
    newest = _fake_backups(tmp_path, 1)[0]
    made = NOW.replace(hour=13, minute=5)
    os.utime(newest, (made.timestamp(), made.timestamp()))
    assert not plan.due(NOW)
    assert plan.due(NOW + timedelta(days=1))
    assert not plan.due(NOW.replace(hour=12) + timedelta(days=1))


def test_the_scheduler_catches_up_a_missed_backup_on_start_and_keeps_only_the_newest(
        sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "daily"
    old = _fake_backups(folder, 3)
    for path in old:  # all made long before today's hour
        os.utime(path, (0, 0))
    heard = []
    daily = DailyBackups(sqlite_db, BackupPlan(folder, hour=0, keep=2), heard.append)
    daily.start()
    try:
        deadline = time.monotonic() + 30
        while not heard:
            assert time.monotonic() < deadline, "no catch-up backup"
            time.sleep(0.05)
        assert daily.next_run() is not None
    finally:
        daily.shutdown()
    run = heard[0]
    assert run.ok and run.path is not None and run.path.exists()
    assert set(run.pruned) == set(old[:2])
    assert backups_in(folder) == [old[2], run.path]


def test_a_failed_scheduled_backup_is_reported_not_raised(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    db = Database(f"sqlite:///{tmp_path / 'missing' / 'nothing.sqlite3'}")
    try:
        run = DailyBackups(db, BackupPlan(blocked / "sub")).run_now()
    finally:
        db.dispose()
    assert not run.ok and run.error
