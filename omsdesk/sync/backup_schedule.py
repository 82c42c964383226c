"""Daily backups on APScheduler: one job at the plan's hour, a catch-up when one was missed, retention.

BackgroundScheduler (not QtScheduler, see scheduler.py); listeners hear each run on the
scheduler's thread, and the GUI relays them through a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from omsdesk.db import Database
from omsdesk.models.errors import OmsError
from omsdesk.services.backup.schedule import BackupPlan, run_scheduled

log = logging.getLogger(__name__)
JOB_ID = "daily-backup"


@dataclass(frozen=True)
class BackupRun:
    """What one scheduled backup did: its file and the old ones deleted, or why it failed."""

    at: datetime
    path: Path | None = None
    pruned: tuple[Path, ...] = field(default_factory=tuple)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


class DailyBackups:
    """Runs a backup every day at the plan's hour (local time) while the process lives."""

    def __init__(self, db: Database, plan: BackupPlan,
                 listener: Callable[[BackupRun], None] | None = None) -> None:
        self.db = db
        self.plan = plan
        self.listener = listener
        self._scheduler = BackgroundScheduler(job_defaults={
            "max_instances": 1, "coalesce": True, "misfire_grace_time": 3600})

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        """Schedule the daily job; run one at once when the last scheduled one was missed."""
        self._scheduler.start()
        self._scheduler.add_job(self.run_now, "cron", hour=self.plan.hour, minute=0, id=JOB_ID,
                                replace_existing=True)
        if self.plan.due(datetime.now().astimezone()):
            self._scheduler.add_job(self.run_now, id=f"{JOB_ID}-catch-up")

    def next_run(self) -> datetime | None:
        job = self._scheduler.get_job(JOB_ID)
        return job.next_run_time if job is not None else None

    def run_now(self) -> BackupRun:
        """One backup with retention; failures are reported, never raised into the scheduler."""
        at = datetime.now().astimezone()
        try:
            result, pruned = run_scheduled(self.db, self.plan)
        except (OmsError, OSError) as exc:
            log.warning("daily backup failed: %s", exc)
            run = BackupRun(at, error=str(exc))
        else:
            log.info("daily backup %s (%d old ones deleted)", result.path, len(pruned))
            run = BackupRun(at, result.path, tuple(pruned))
        if self.listener is not None:
            try:
                self.listener(run)
            except Exception:  # a broken listener must not stop the backups
                log.exception("backup listener failed")
        return run

    def shutdown(self, wait: bool = True) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)
