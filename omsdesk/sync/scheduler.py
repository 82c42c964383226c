"""Background sync: per-channel jobs (pull orders, push stock, drain the outbox) on APScheduler 3.

A plain-Python listener hook reports every run; the GUI's Qt bridge subscribes to it and
re-emits as signals (no Qt here). BackgroundScheduler rather than QtScheduler: under PySide6
QtScheduler cannot cancel its timers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from omsdesk.db import Database
from omsdesk.models.base import utcnow
from omsdesk.services.channels import active_shop_channels, close_stale_runs
from omsdesk.sync.engine import ConnectorFactory, RunReport, default_factory, pull_orders
from omsdesk.sync.lock import SyncLock
from omsdesk.sync.outbox import DrainReport, OutboxDispatcher
from omsdesk.sync.redaction import install_log_redaction

log = logging.getLogger(__name__)

JOBS = ("pull_orders", "push_stock", "drain_outbox")


@dataclass(frozen=True)
class JobIntervals:
    """Seconds between runs of each job, per channel, and the random spread added to each."""

    pull_orders: float = 120.0
    push_stock: float = 60.0
    drain_outbox: float = 30.0
    jitter: float = 10.0
    lock_retry: float = 30.0


@dataclass(frozen=True)
class SyncEvent:
    """What listeners hear: a job finished (with its report), or the scheduler's own state."""

    kind: str  # "run" | "started" | "standby" | "stopped"
    channel: str = ""
    job: str = ""
    report: RunReport | DrainReport | None = None
    at: datetime | None = None


Listener = Callable[[SyncEvent], None]


class SyncScheduler:
    """Runs the sync jobs of every active shop channel while this process holds the sync lock."""

    def __init__(self, db: Database, *, factory: ConnectorFactory | None = None,
                 intervals: JobIntervals = JobIntervals(),
                 dispatcher: OutboxDispatcher | None = None) -> None:
        self.db = db
        self.factory = factory or default_factory()
        self.intervals = intervals
        self.dispatcher = dispatcher or OutboxDispatcher(db, self.factory)
        self.lock = SyncLock(db)
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self._scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "max_instances": 1, "coalesce": True, "misfire_grace_time": 60})
        install_log_redaction()

    # -- listeners -----------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._listeners_lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _emit(self, event: SyncEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the sync
                log.exception("sync listener %r failed", listener)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    @property
    def active(self) -> bool:
        """True while this process holds the lock and runs the channel jobs."""
        return self.lock.held

    def start(self) -> bool:
        """Start; returns False when another process runs the sync (then retry the lock)."""
        self._scheduler.start()
        if self._take_lock():
            return True
        self._scheduler.add_job(self._retry_lock, "interval", seconds=self.intervals.lock_retry,
                                id="sync-lock", replace_existing=True)
        self._emit(SyncEvent("standby", at=utcnow()))
        return False

    def shutdown(self, wait: bool = True) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)
        self.lock.release()
        self._emit(SyncEvent("stopped", at=utcnow()))

    def _take_lock(self) -> bool:
        if not self.lock.acquire():
            return False
        stale = close_stale_runs(self.db)
        if stale:
            log.info("closed %d sync run(s) interrupted by an earlier stop", stale)
        self.refresh_channels()
        self._emit(SyncEvent("started", at=utcnow()))
        return True

    def _retry_lock(self) -> None:
        if self._take_lock():
            self._scheduler.remove_job("sync-lock")

    def refresh_channels(self) -> list[str]:
        """Schedule jobs for every active shop channel; drop jobs of removed ones."""
        channels = active_shop_channels(self.db)
        wanted = {f"{job}:{code}" for code in channels for job in JOBS}
        for job in self._scheduler.get_jobs():
            if job.id != "sync-lock" and job.id not in wanted:
                job.remove()
        existing = {job.id for job in self._scheduler.get_jobs()}
        for code in channels:
            for name in JOBS:
                job_id = f"{name}:{code}"
                if job_id in existing:
                    continue
                self._scheduler.add_job(
                    self.run_job, "interval", args=(name, code), id=job_id,
                    seconds=getattr(self.intervals, name), jitter=self.intervals.jitter,
                    next_run_time=utcnow(), max_instances=1, coalesce=True)
        return channels

    # -- work ----------------------------------------------------------------------------

    def run_job(self, job: str, channel: str) -> RunReport | DrainReport:
        """Run one job now (from the scheduler thread, `sync --once` or Sync now)."""
        report: RunReport | DrainReport
        if job == "pull_orders":
            report = pull_orders(self.db, channel, factory=self.factory)
        elif job == "push_stock":
            report = self.dispatcher.push_stock(channel)
        elif job == "drain_outbox":
            report = self.dispatcher.drain(channel)
        else:
            raise ValueError(f"unknown sync job {job!r}")
        self._emit(SyncEvent("run", channel, job, report, utcnow()))
        return report

    def run_once(self, channel: str | None = None) -> list[RunReport | DrainReport]:
        """Every job once for one or all channels, holding the sync lock (SyncBusy if taken)."""
        reports: list[RunReport | DrainReport] = []
        held = self.lock.held
        if not held:
            self.lock.__enter__()  # raises SyncBusy when another process runs the sync
            close_stale_runs(self.db)
        try:
            for code in [channel] if channel else active_shop_channels(self.db):
                for job in JOBS:
                    reports.append(self.run_job(job, code))
        finally:
            if not held:
                self.lock.release()
        return reports


def report_dict(report: Any) -> dict[str, Any]:
    """A report as plain data (for --json and the GUI bridge)."""
    if isinstance(report, RunReport):
        return {"channel": report.channel, "job": report.job, "status": report.status,
                "health": report.health, "error": report.error, "cursor": report.cursor,
                "counts": dict(report.counts), "warnings": list(report.warnings)}
    return {"channel": report.channel, "job": report.job, "status": report.status,
            "health": report.health, "error": report.error,
            "counts": {"delivered": report.delivered, "failed": report.failed,
                       "parked": report.parked, "coalesced": report.coalesced,
                       "skipped": report.skipped, "waiting": report.waiting}}
