"""Runs the background sync scheduler inside the GUI and turns its events into app signals.

The scheduler's jobs run on APScheduler's own threads; they never touch a widget. Their
listener events cross to the GUI thread through a queued signal, and there become
`orders_changed` (the queue refreshes when a pull brought orders in) and `sync_state_changed`.

The bridge starts from `MainWindow.start()` unless env `OMSDESK_NO_SCHEDULER=1` or the
setting `scheduler` is false; the setting `sync_intervals` overrides the job intervals. The test suite sets `OMSDESK_NO_SCHEDULER=1` in
`tests/conftest.py`, so windows built by tests never sync; the bridge's own tests build it
directly with `force=True`.
"""

from __future__ import annotations

import logging
import os
import weakref
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from omsdesk.ui.context import AppContext
from omsdesk.ui.workers import run_in_pool

log = logging.getLogger(__name__)

ENV_DISABLE = "OMSDESK_NO_SCHEDULER"
# Counts of a pull that mean the order queue now looks different.
_ORDER_COUNTS = ("created", "updated")

# The running bridge of each context, so Sync now can reuse its scheduler (and its lock).
_bridges: weakref.WeakKeyDictionary[AppContext, SyncBridge] = weakref.WeakKeyDictionary()


def scheduler_enabled(ctx: AppContext) -> bool:
    """False when env OMSDESK_NO_SCHEDULER=1 or the setting `scheduler` is false."""
    if os.environ.get(ENV_DISABLE, "") not in ("", "0"):
        return False
    return ctx.settings.get("scheduler", True) is not False


def _intervals(ctx: AppContext, cls: Any) -> Any:
    """JobIntervals from the setting `sync_intervals` ({"pull_orders": 120, ...}), else defaults."""
    wanted = ctx.settings.get("sync_intervals") or {}
    names = set(cls.__dataclass_fields__)
    unknown = set(wanted) - names
    if unknown:
        log.warning("ignoring unknown sync_intervals settings: %s", ", ".join(sorted(unknown)))
    return cls(**{k: float(v) for k, v in wanted.items() if k in names})


def bridge_for(ctx: AppContext) -> SyncBridge | None:
    """The running bridge of this context, if any."""
    bridge = _bridges.get(ctx)
    return bridge if bridge is not None and bridge.scheduler is not None else None


class SyncBridge(QObject):
    """Owns the SyncScheduler of the GUI process and relays its events as Qt signals."""

    # Emitted on a scheduler thread; connected queued, so handled on the GUI thread.
    event_heard = Signal(object)
    # The scheduler is up: True when this process runs the jobs, False on standby.
    started = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *,
                 intervals: Any = None, factory: Any = None, erp_factory: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scheduler: Any = None  # SyncScheduler, imported lazily: it pulls in the sync stack
        self._intervals = intervals
        self._factory = factory
        self._erp_factory = erp_factory
        self._stopping = False
        self.event_heard.connect(self._on_event, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def start_for(cls, ctx: AppContext, parent: QObject | None = None, *,
                  force: bool = False, **options: Any) -> SyncBridge | None:
        """Start a bridge unless the scheduler is disabled (see the module docstring)."""
        if not force and not scheduler_enabled(ctx):
            log.info("background sync disabled (%s or the 'scheduler' setting)", ENV_DISABLE)
            return None
        bridge = cls(ctx, parent, **options)
        bridge.start()
        return bridge

    def start(self) -> None:
        """Build and start the scheduler; its jobs then run on the scheduler's threads."""
        from omsdesk.sync.redaction import install_log_redaction
        from omsdesk.sync.scheduler import JobIntervals, SyncScheduler

        install_log_redaction()
        db = self.ctx.db
        kwargs: dict[str, Any] = {"intervals": self._intervals or _intervals(self.ctx, JobIntervals)}
        if self._factory is not None:
            kwargs["factory"] = self._factory
        if self._erp_factory is not None:
            kwargs["erp_factory"] = self._erp_factory
        scheduler = SyncScheduler(db, **kwargs)
        scheduler.add_listener(self._hear)
        self.scheduler = scheduler
        _bridges[self.ctx] = self
        # On the GUI thread on purpose: a lock attempt and two small queries, and a stop()
        # right after can then never race a start still in flight.
        try:
            active = scheduler.start()
        except Exception as exc:  # the window must come up even if the sync cannot
            log.exception("background sync could not start")
            self._on_start_failed(f"{type(exc).__name__}: {exc}")
            self.stop()
            return
        self.started.emit(active)

    def stop(self) -> None:
        """Stop the jobs (waiting for one in flight) and release the sync lock."""
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is None:
            return
        self._stopping = True
        _bridges.pop(self.ctx, None)
        scheduler.shutdown(wait=True)
        scheduler.remove_listener(self._hear)

    def refresh_channels(self) -> None:
        """Pick up channels added or removed since the start (Settings calls this)."""
        if self.scheduler is not None and self.scheduler.active:
            run_in_pool(self.ctx.pool, self.scheduler.refresh_channels, lambda _codes: None,
                        self._on_start_failed)

    # -- events --------------------------------------------------------------------------

    def _hear(self, event: Any) -> None:
        # Scheduler thread: only hand the event over.
        try:
            self.event_heard.emit(event)
        except RuntimeError:
            log.debug("sync event dropped: the bridge is gone")

    def _on_start_failed(self, message: str) -> None:
        log.warning("background sync could not start: %s", message)
        self.ctx.signals.sync_state_changed.emit({"state": "error", "text": message})

    def _on_event(self, event: Any) -> None:
        from omsdesk.sync.scheduler import report_dict

        if event.kind != "run" or event.report is None:
            texts = {"started": self.tr("running"),
                     "standby": self.tr("standby (another workstation syncs)"),
                     "stopped": self.tr("stopped")}
            self.ctx.signals.sync_state_changed.emit({"state": event.kind,
                                                      "text": texts.get(event.kind, event.kind)})
            return
        report = report_dict(event.report)
        counts = report.get("counts", {})
        if event.job == "pull_orders" and any(counts.get(k, 0) for k in _ORDER_COUNTS):
            self.ctx.signals.orders_changed.emit()
        text = f"{event.channel} {event.job}: {report['status']}"
        if event.job == "pull_orders" and counts.get("created"):
            text = self.tr("{channel}: {n} new orders").format(channel=event.channel,
                                                                n=counts["created"])
        self.ctx.signals.sync_state_changed.emit({
            "state": "running", "text": text, "channel": event.channel, "job": event.job,
            "status": report["status"], "health": report["health"], "counts": dict(counts)})


class _SyncNowSignals(QObject):
    progress = Signal(str)
    finished = Signal(object)  # list of report dicts
    failed = Signal(str)


class SyncNowWorker(QRunnable):
    """Every sync job once (as `omsdesk sync --once`), reporting each pulled page."""

    def __init__(self, ctx: AppContext, scheduler: Any = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.scheduler = scheduler
        self.signals = _SyncNowSignals()

    def run(self) -> None:
        from omsdesk.sync.scheduler import SyncScheduler, report_dict

        def heard(channel: str, counts: Any) -> None:
            self.signals.progress.emit(
                f"{channel}: {counts.fetched} fetched, {counts.created} new, "
                f"{counts.updated} updated, {counts.quarantined} quarantined")

        try:
            # The running bridge's scheduler already holds the sync lock of this process.
            running = bridge_for(self.ctx)
            scheduler = self.scheduler or (running.scheduler if running else SyncScheduler(self.ctx.db))
            reports = [report_dict(r) for r in scheduler.run_once(progress=heard)]
        except Exception as exc:
            from omsdesk.models.errors import OmsError

            if not isinstance(exc, OmsError):
                log.exception("Sync now failed")
            self.signals.failed.emit(str(exc) if isinstance(exc, OmsError)
                                     else f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(reports)


class SyncNow(QObject):
    """A Sync now run in the pool, shown in a progress dialog; the window stays usable."""

    finished = Signal(object)  # list of report dicts
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None, scheduler: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = SyncNowWorker(ctx, scheduler)
        self.worker.setAutoDelete(False)  # kept alive by self until its signals arrive
        self.reports: list[dict[str, Any]] | None = None
        self.dialog = QProgressDialog(self.tr("Synchronising…"), self.tr("Hide"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Sync now"))
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.worker.signals.progress.connect(self.dialog.setLabelText)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._on_failed)

    def start(self) -> None:
        self.dialog.show()
        self.ctx.pool.start(self.worker)

    def _on_finished(self, reports: list[dict[str, Any]]) -> None:
        self.reports = reports
        self.dialog.close()
        if any(r.get("job") == "pull_orders" and (r["counts"].get("created") or r["counts"].get("updated"))
               for r in reports):
            self.ctx.signals.orders_changed.emit()
        self.ctx.signals.sync_state_changed.emit({"state": "idle", "text": self.tr(
            "synced {n} jobs").format(n=len(reports))})
        self.finished.emit(reports)

    def _on_failed(self, message: str) -> None:
        self.dialog.close()
        self.failed.emit(message)
