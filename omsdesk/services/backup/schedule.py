"""Daily backups: the workstation's settings (folder, hour, how many kept), when one is due, retention."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from omsdesk.config import data_dir
from omsdesk.db import Database
from omsdesk.services.backup.backup import NAME_PREFIX, NAME_SUFFIX, BackupResult, backup_database

# Keys of the per-workstation settings file (config.load_settings).
FOLDER_KEY = "backup_folder"
HOUR_KEY = "backup_hour"
KEEP_KEY = "backup_keep"
DEFAULT_HOUR = 13  # the shop's lunch break: the app is open, the counter is quiet
DEFAULT_KEEP = 14


def default_folder(settings: Mapping[str, Any]) -> Path:
    """Where `db backup` and Back up now write: the daily backups' folder, else data_dir/backups."""
    folder = str(settings.get(FOLDER_KEY) or "").strip()
    return Path(folder).expanduser() if folder else data_dir() / "backups"


@dataclass(frozen=True)
class BackupPlan:
    """Daily backups at `hour` (local time) into `folder`, keeping the newest `keep`."""

    folder: Path
    hour: int = DEFAULT_HOUR
    keep: int = DEFAULT_KEEP

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> BackupPlan | None:
        """The plan in the settings; None when no folder is set (daily backups are off)."""
        folder = str(settings.get(FOLDER_KEY) or "").strip()
        if not folder:
            return None
        hour = _int(settings.get(HOUR_KEY), DEFAULT_HOUR)
        keep = _int(settings.get(KEEP_KEY), DEFAULT_KEEP)
        return cls(Path(folder).expanduser(), min(max(hour, 0), 23), max(keep, 1))

    def last_slot(self, now: datetime) -> datetime:
        """The latest scheduled time at or before `now` (aware, local)."""
        slot = now.replace(hour=self.hour, minute=0, second=0, microsecond=0)
        return slot if slot <= now else slot - timedelta(days=1)

    def due(self, now: datetime) -> bool:
        """True when no backup was made since the last scheduled time (a missed one is caught up)."""
        newest = backups_in(self.folder)
        if not newest:
            return True
        made = datetime.fromtimestamp(newest[-1].stat().st_mtime, tz=now.tzinfo)
        return made < self.last_slot(now)


def _int(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None and str(value).strip() else default
    except ValueError:
        return default


def backups_in(folder: Path) -> list[Path]:
    """The complete backup files in a folder, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{NAME_PREFIX}*{NAME_SUFFIX}") if p.is_file())


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest backups beyond the newest `keep`; returns what was deleted.

    Only files named like omsdesk's own backups are considered, so a copy the clerk put in
    the folder under another name is never removed.
    """
    files = backups_in(folder)
    doomed = files[: max(len(files) - max(keep, 1), 0)]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def run_scheduled(db: Database, plan: BackupPlan) -> tuple[BackupResult, list[Path]]:
    """The daily job: a backup into the plan's folder, then the oldest beyond `keep` go."""
    plan.folder.mkdir(parents=True, exist_ok=True)
    result = backup_database(db, plan.folder)
    return result, prune(plan.folder, plan.keep)
