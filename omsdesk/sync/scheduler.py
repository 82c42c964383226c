"""Background sync: per-channel jobs (pull orders, push stock, drain the outbox) on APScheduler 3.

A channel that asks for it (`channels set CODE --product-push-every MINUTES`) also gets a
scheduled product push: the same `push_products` as `products push`, at its own interval.

A plain-Python listener hook reports every run; the GUI's Qt bridge subscribes to it and
re-emits as signals (no Qt here). BackgroundScheduler rather than QtScheduler: under PySide6
QtScheduler cannot cancel its timers.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import keyring
from apscheduler.schedulers.background import BackgroundScheduler

from omsdesk.carriers.registry import CarrierFactory
from omsdesk.carriers.tracking import TrackingReport, poll_tracking
from omsdesk.db import Database
from omsdesk.models import Channel
from omsdesk.models.base import utcnow
from omsdesk.models.sync_state import ChannelSyncState
from omsdesk.services.channels.channels import (
    active_erp_channels,
    active_shop_channels,
    close_stale_runs,
    finish_run,
    start_run,
    sync_channel,
)
from omsdesk.services.channels.lifecycle import HOLD_CONFIG, sync_hold
from omsdesk.services.channels.mail import MAIL_CODE, mail_settings_in
from omsdesk.services.channels.product_listing import scheduled_product_pushes
from omsdesk.services.context import SYSTEM, Actor
from omsdesk.services.fulfilment.carriers import list_accounts
from omsdesk.services.intake.imports import ImportCounts
from omsdesk.services.invoicing.aeat import submission_configured
from omsdesk.services.invoicing.auto import AutoRunReport, run_auto_invoicing
from omsdesk.services.invoicing.policy import automatic_policies_exist
from omsdesk.sync.aeat.delivery import AeatSender, AeatSendReport
from omsdesk.sync.engine import ConnectorFactory, RunReport, classify, default_factory, pull_orders
from omsdesk.sync.erp.base import ErpConnector
from omsdesk.sync.errors import SyncError
from omsdesk.sync.lock import SyncLock
from omsdesk.sync.outbox import DrainReport, OutboxDispatcher
from omsdesk.sync.product_out import PUSH_JOB, push_products
from omsdesk.sync.redaction import install_log_redaction
from omsdesk.sync.secrets import SecretUnavailable
from omsdesk.sync.webhooks import CODE as WEBHOOK_CODE
from omsdesk.sync.webhooks import JOB as WEBHOOK_JOB
from omsdesk.sync.webhooks import deliver_webhooks, webhooks_configured

log = logging.getLogger(__name__)

JOBS = ("pull_orders", "push_stock", "drain_outbox")
ERP_JOB = "erp_push"
MAIL_JOB = "send_mail"
AEAT_JOB = "aeat_send"
AEAT_CODE = "aeat"  # the job's "channel": VERI*FACTU records go to the AEAT, not to a shop
AUTO_INVOICE_JOB = "auto_invoice"
AUTO_INVOICE_CODE = "invoicing"  # the job's "channel": the invoicing policies, not a shop
TRACK_JOB = "track_parcels"
TRACK_CODE = "carriers"  # the job's "channel": every carrier account's parcels on their way
ERP_KEYRING_SERVICE = "omsdesk-erp"


@dataclass(frozen=True)
class JobIntervals:
    """Seconds between runs of each job, per channel, and the random spread added to each."""

    pull_orders: float = 120.0
    push_stock: float = 60.0
    drain_outbox: float = 30.0
    erp_push: float = 60.0
    # Often enough that a record goes within seconds of its wait running out (art. 16.2).
    aeat_send: float = 20.0
    # Invoices are due on the day; an hour keeps the daemon quiet and the report short.
    auto_invoice: float = 3600.0
    # Each parcel has its own next poll time (hourly, sooner when out for delivery, backoff on
    # failures); the job only wakes up to ask for the ones that are due.
    track_parcels: float = 300.0
    jitter: float = 10.0
    lock_retry: float = 30.0


@dataclass(frozen=True)
class SyncEvent:
    """What listeners hear: a job finished (with its report), or the scheduler's own state."""

    kind: str  # "run" | "started" | "standby" | "stopped"
    channel: str = ""
    job: str = ""
    report: RunReport | DrainReport | AeatSendReport | AutoRunReport | TrackingReport | None = None
    at: datetime | None = None


Listener = Callable[[SyncEvent], None]
# Builds the connector of an ERP channel (tests inject one for a local server).
ErpFactory = Callable[[Channel], ErpConnector]


def default_erp_factory(channel: Channel) -> ErpConnector:
    """The ERP connector of a channel: database and login from its settings, password from
    OMSDESK_ERP_PASSWORD or the keyring (as `omsdesk erp push` finds it)."""
    from omsdesk.sync.erp.factory import make_connector

    options = channel.settings or {}
    login = str(options.get("login") or "admin")
    password = os.environ.get("OMSDESK_ERP_PASSWORD") or keyring.get_password(
        ERP_KEYRING_SERVICE, f"{channel.url}|{login}")
    if not password:
        raise SecretUnavailable(f"no ERP password for {login} at {channel.url}: store it in the "
                                f"keyring (service {ERP_KEYRING_SERVICE}) or set OMSDESK_ERP_PASSWORD")
    return make_connector(channel.kind, channel.url, str(options.get("database") or ""), login,
                          password)


def push_to_erp(db: Database, channel_code: str, factory: ErpFactory) -> RunReport:
    """Deliver an ERP channel's queued orders, then its invoices; never raises for ERP trouble.

    The delivery functions record the sync run and the channel's health themselves.
    """
    from omsdesk.services.channels.erp import erp_settings_of
    from omsdesk.sync.erp.delivery import deliver_orders
    from omsdesk.sync.erp.invoice_delivery import deliver_invoices
    from omsdesk.sync.erp.purchase_delivery import deliver_purchases

    with db.read() as s:
        channel = sync_channel(s, channel_code)
        settings = erp_settings_of(channel)
    try:
        connector = factory(channel)
    except (SyncError, SecretUnavailable) as exc:
        # Recorded like a failed delivery, so the Sync view shows what is missing.
        finish_run(db, start_run(db, channel.id, ERP_JOB), status="failed", error=str(exc),
                   health=classify(exc))
        return RunReport(channel_code, ERP_JOB, "failed", error=str(exc), health=classify(exc))
    try:
        orders = deliver_orders(db, connector, settings)
        # Invoices need their customers in the ERP; none while it is down anyway.
        invoices = deliver_invoices(db, connector, settings) if not orders.waiting else None
        purchases = deliver_purchases(db, connector, settings) if not orders.waiting else None
    finally:
        connector.close()
    reports = [r for r in (orders, invoices, purchases) if r is not None]
    errors = [e for r in reports for e in r.errors]
    counts = {"created": sum(r.created for r in reports), "unchanged": sum(r.found for r in reports),
              "failed": sum(r.failed for r in reports), "waiting": sum(r.waiting for r in reports)}
    status = "failed" if orders.waiting else ("partial" if counts["failed"] else "ok")
    return RunReport(channel_code, ERP_JOB, status, counts, "\n".join(errors),
                     "offline" if orders.waiting else "ok")


class SyncScheduler:
    """Runs the sync jobs of every active shop channel while this process holds the sync lock."""

    def __init__(self, db: Database, *, factory: ConnectorFactory | None = None,
                 intervals: JobIntervals = JobIntervals(),
                 dispatcher: OutboxDispatcher | None = None,
                 erp_factory: ErpFactory | None = None,
                 aeat: AeatSender | None = None,
                 carrier_factory: CarrierFactory | None = None, workstation: str | None = None) -> None:
        self.db = db
        self.carrier_factory = carrier_factory
        self.aeat = aeat or AeatSender(db)
        self.factory = factory or default_factory()
        self.erp_factory = erp_factory or default_erp_factory
        self.intervals = intervals
        self.dispatcher = dispatcher or OutboxDispatcher(db, self.factory)
        self.lock = SyncLock(db, workstation=workstation)
        self._tick_guard = threading.Lock()
        self._stopping = False
        self._skip_ticks = 0
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
        """Start; returns False when another process runs the sync.

        Either way the lock is looked at every `lock_retry` seconds: a standby takes over
        within one interval of the leader disappearing, and a leader whose lock connection
        died stops its jobs (another process may already lead).
        """
        self._scheduler.start()
        led = self._take_lock()
        self._scheduler.add_job(self._tick_lock, "interval", seconds=self.intervals.lock_retry,
                                id="sync-lock", replace_existing=True, max_instances=1, coalesce=True)
        if not led:
            self._emit(SyncEvent("standby", at=utcnow()))
        return led

    def shutdown(self, wait: bool = True) -> None:
        # A lock tick calls into the scheduler (get_jobs), which APScheduler's shutdown blocks
        # while it waits for running jobs: let a running tick finish, and no new one start.
        self._stopping = True
        with self._tick_guard:
            pass
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)
        self.lock.release()
        self._emit(SyncEvent("stopped", at=utcnow()))

    def _take_lock(self) -> bool:
        if not self.lock.acquire():
            return False
        self._recover()
        self.refresh_channels()
        self._emit(SyncEvent("started", at=utcnow()))
        return True

    def _recover(self) -> None:
        """What a process that held the lock and died left behind: its runs and its claims."""
        stale = close_stale_runs(self.db)
        if stale:
            log.info("closed %d sync run(s) interrupted by an earlier stop", stale)
        self.dispatcher.recover_orphaned_claims()

    def _tick_lock(self) -> None:
        with self._tick_guard:
            if self._stopping:
                return
            if self.lock.held:
                if self.lock.alive():
                    return
                # Lost the lock (its session died): stop, and leave the next try to the
                # standbys first, so a desk with a flaky link does not snatch it straight back.
                self._drop_jobs()
                self._skip_ticks = 2
                self._emit(SyncEvent("standby", at=utcnow()))
                return
            if self._skip_ticks:
                self._skip_ticks -= 1
                return
            self._take_lock()

    def _drop_jobs(self) -> None:
        """No longer the leader: no channel job may run here any more."""
        for job in self._scheduler.get_jobs():
            if job.id != "sync-lock":
                job.remove()

    def refresh_channels(self) -> list[str]:
        """Schedule jobs for every active shop and ERP channel; drop jobs of removed ones."""
        channels = active_shop_channels(self.db)
        erps = active_erp_channels(self.db)
        mail = _mail_configured(self.db)
        aeat = _aeat_configured(self.db)
        auto = _auto_invoicing_configured(self.db)
        carriers = _carriers_configured(self.db)
        hooks = webhooks_configured(self.db)
        pushes = scheduled_product_pushes(self.db, channels)
        wanted = ({f"{job}:{code}" for code in channels for job in JOBS}
                  | {f"{PUSH_JOB}:{code}" for code in pushes}
                  | ({f"{WEBHOOK_JOB}:{WEBHOOK_CODE}"} if hooks else set())
                  | ({f"{TRACK_JOB}:{TRACK_CODE}"} if carriers else set())
                  | {f"{ERP_JOB}:{code}" for code in erps}
                  | ({f"{MAIL_JOB}:{MAIL_CODE}"} if mail else set())
                  | ({f"{AEAT_JOB}:{AEAT_CODE}"} if aeat else set())
                  | ({f"{AUTO_INVOICE_JOB}:{AUTO_INVOICE_CODE}"} if auto else set()))
        for job in self._scheduler.get_jobs():
            if job.id != "sync-lock" and job.id not in wanted:
                job.remove()
        existing = {job.id for job in self._scheduler.get_jobs()}
        for code, minutes in pushes.items():
            job_id, seconds = f"{PUSH_JOB}:{code}", minutes * 60.0
            if job_id in existing:
                if self.jobs().get(job_id) != seconds:  # its interval was changed
                    self._scheduler.reschedule_job(job_id, trigger="interval", seconds=seconds,
                                                   jitter=self.intervals.jitter)
                continue
            self._scheduler.add_job(
                self.run_job, "interval", args=(PUSH_JOB, code), id=job_id, seconds=seconds,
                jitter=self.intervals.jitter, next_run_time=utcnow(), max_instances=1,
                coalesce=True)
        for code in channels:
            for name in JOBS:
                job_id = f"{name}:{code}"
                if job_id in existing:
                    continue
                self._scheduler.add_job(
                    self.run_job, "interval", args=(name, code), id=job_id,
                    seconds=getattr(self.intervals, name), jitter=self.intervals.jitter,
                    next_run_time=utcnow(), max_instances=1, coalesce=True)
        for code in erps:
            if f"{ERP_JOB}:{code}" not in existing:
                self._scheduler.add_job(
                    self.run_job, "interval", args=(ERP_JOB, code), id=f"{ERP_JOB}:{code}",
                    seconds=self.intervals.erp_push, jitter=self.intervals.jitter,
                    next_run_time=utcnow(), max_instances=1, coalesce=True)
        if mail and f"{MAIL_JOB}:{MAIL_CODE}" not in existing:
            self._scheduler.add_job(
                self.run_job, "interval", args=(MAIL_JOB, MAIL_CODE), id=f"{MAIL_JOB}:{MAIL_CODE}",
                seconds=self.intervals.drain_outbox, jitter=self.intervals.jitter,
                next_run_time=utcnow(), max_instances=1, coalesce=True)
        if hooks and f"{WEBHOOK_JOB}:{WEBHOOK_CODE}" not in existing:
            # As often as the shops' outbox: a CRM hears of an order within a minute or so.
            self._scheduler.add_job(
                self.run_job, "interval", args=(WEBHOOK_JOB, WEBHOOK_CODE), id=f"{WEBHOOK_JOB}:{WEBHOOK_CODE}",
                seconds=self.intervals.drain_outbox, jitter=self.intervals.jitter,
                next_run_time=utcnow(), max_instances=1, coalesce=True)
        if carriers and f"{TRACK_JOB}:{TRACK_CODE}" not in existing:
            self._scheduler.add_job(
                self.run_job, "interval", args=(TRACK_JOB, TRACK_CODE), id=f"{TRACK_JOB}:{TRACK_CODE}",
                seconds=self.intervals.track_parcels, jitter=self.intervals.jitter,
                next_run_time=utcnow(), max_instances=1, coalesce=True)
        if aeat and f"{AEAT_JOB}:{AEAT_CODE}" not in existing:
            self._scheduler.add_job(
                self.run_job, "interval", args=(AEAT_JOB, AEAT_CODE), id=f"{AEAT_JOB}:{AEAT_CODE}",
                seconds=self.intervals.aeat_send, jitter=self.intervals.jitter,
                next_run_time=utcnow(), max_instances=1, coalesce=True)
        job_id = f"{AUTO_INVOICE_JOB}:{AUTO_INVOICE_CODE}"
        if auto and job_id not in existing:
            self._scheduler.add_job(
                self.run_job, "interval", args=(AUTO_INVOICE_JOB, AUTO_INVOICE_CODE), id=job_id,
                seconds=self.intervals.auto_invoice, jitter=self.intervals.jitter,
                next_run_time=utcnow(), max_instances=1, coalesce=True)
        return channels

    def jobs(self) -> dict[str, float]:
        """The jobs scheduled now (`JOB:CHANNEL`), each with its interval in seconds."""
        return {job.id: job.trigger.interval.total_seconds()
                for job in self._scheduler.get_jobs() if job.id != "sync-lock"}

    # -- work ----------------------------------------------------------------------------

    def held(self, channel: str, job: str, *, explicit: bool = False) -> RunReport | None:
        """A 'skipped' report when the channel must not be contacted now, else None.

        Disabled and removed channels are never contacted; one with a configuration error
        (wrong address, certificate, API path) waits until its settings change, unless the
        user named it (`explicit`).
        """
        with self.db.read() as s:
            row = sync_channel(s, channel)
            hold = sync_hold(s, row, explicit=explicit)
            if not hold:
                return None
            state = s.get(ChannelSyncState, row.id)
            error = state.last_error if state is not None and hold == HOLD_CONFIG else ""
        why = {HOLD_CONFIG: "not tried: fix the channel settings or test the connection",
               "disabled": "not tried: the channel is disabled",
               "removed": "not tried: the channel was removed"}[hold]
        return RunReport(channel, job, "skipped", error=f"{error}\n{why}" if error else why,
                         health=hold)

    def run_job(self, job: str, channel: str, *,
                progress: Callable[[ImportCounts], None] | None = None,
                explicit: bool = False) -> RunReport | DrainReport | AeatSendReport | AutoRunReport | TrackingReport:
        """Run one job now (from the scheduler thread, `sync --once` or Sync now).

        `progress` hears the running counts of an order pull after each page. A shop or ERP
        channel that is held (see `held`) is not contacted: the skipped report is returned
        without telling the listeners, so a channel waiting for new settings stays quiet.
        """
        report: RunReport | DrainReport | AeatSendReport | AutoRunReport | TrackingReport
        if job in JOBS or job in (ERP_JOB, PUSH_JOB):
            skipped = self.held(channel, job, explicit=explicit)
            if skipped is not None:
                return skipped
        if job == AEAT_JOB:
            report = self.aeat.send()
        elif job == AUTO_INVOICE_JOB:
            report = run_auto_invoicing(self.db, actor=Actor.current())
        elif job == TRACK_JOB:
            report = poll_tracking(self.db, actor=SYSTEM, factory=self.carrier_factory)
        elif job == "pull_orders":
            report = pull_orders(self.db, channel, factory=self.factory, progress=progress)
        elif job == ERP_JOB:
            report = push_to_erp(self.db, channel, self.erp_factory)
        elif job == "push_stock":
            report = self.dispatcher.push_stock(channel)
        elif job == "drain_outbox":
            report = self.dispatcher.drain(channel)
        elif job == PUSH_JOB:
            # The push `products push` runs: it plans against the shop, sends only the
            # differences and records the run itself.
            report = push_products(self.db, channel, factory=self.factory).as_run_report()
        elif job == MAIL_JOB:
            report = self.dispatcher.send_mail()
        elif job == WEBHOOK_JOB:
            report = deliver_webhooks(self.db)
        else:
            raise ValueError(f"unknown sync job {job!r}")
        self._emit(SyncEvent("run", channel, job, report, utcnow()))
        return report

    def run_once(self, channel: str | None = None, *,
                 progress: Callable[[str, ImportCounts], None] | None = None,
                 ) -> list[RunReport | DrainReport | AeatSendReport | AutoRunReport | TrackingReport]:
        """Every job once for one or all channels, holding the sync lock (SyncBusy if taken).

        ERP channels (all of them, or the one named) get their delivery job too, and a shop
        with a scheduled product push its push.
        `progress(channel, counts)` hears each pulled page. A channel held by a configuration
        error gets one 'skipped' report instead of its jobs, unless it is the one named.
        """
        reports: list[RunReport | DrainReport | AeatSendReport | AutoRunReport | TrackingReport] = []
        held = self.lock.held
        if not held:
            self.lock.__enter__()  # raises SyncBusy when another process runs the sync
            self._recover()
        try:
            shops = active_shop_channels(self.db)
            erps = active_erp_channels(self.db)
            mail = [MAIL_CODE] if _mail_configured(self.db) else []
            aeat = [AEAT_CODE] if _aeat_configured(self.db) else []
            auto = [AUTO_INVOICE_CODE] if _auto_invoicing_configured(self.db) else []
            carriers = [TRACK_CODE] if _carriers_configured(self.db) else []
            hooks = [WEBHOOK_CODE] if webhooks_configured(self.db) else []
            pushes = scheduled_product_pushes(self.db, shops)
            for code in [channel] if channel else shops + erps + mail + aeat + auto + carriers + hooks:
                if code == AUTO_INVOICE_CODE:
                    reports.append(self.run_job(AUTO_INVOICE_JOB, code))
                    continue
                if code == TRACK_CODE:
                    reports.append(self.run_job(TRACK_JOB, code))
                    continue
                if code == AEAT_CODE:
                    reports.append(self.run_job(AEAT_JOB, code))
                    continue
                if code == MAIL_CODE:
                    reports.append(self.run_job(MAIL_JOB, code))
                    continue
                if code == WEBHOOK_CODE:
                    reports.append(self.run_job(WEBHOOK_JOB, code))
                    continue
                explicit = channel is not None
                if code in erps:
                    reports.append(self.run_job(ERP_JOB, code, explicit=explicit))
                    continue
                skipped = self.held(code, "sync", explicit=explicit)
                if skipped is not None:
                    reports.append(skipped)
                    continue
                for job in JOBS:
                    def heard(counts: ImportCounts, code: str = code) -> None:
                        if progress is not None:
                            progress(code, counts)

                    reports.append(self.run_job(job, code, progress=heard, explicit=explicit))
                if code in pushes:
                    reports.append(self.run_job(PUSH_JOB, code, explicit=explicit))
        finally:
            if not held:
                self.lock.release()
        return reports


def _mail_configured(db: Database) -> bool:
    with db.read() as s:
        return mail_settings_in(s) is not None


def _auto_invoicing_configured(db: Database) -> bool:
    with db.read() as s:
        return automatic_policies_exist(s)


def _carriers_configured(db: Database) -> bool:
    with db.read() as s:
        return bool(list_accounts(s))


def _aeat_configured(db: Database) -> bool:
    with db.write() as s:
        return submission_configured(s)


def report_dict(report: Any) -> dict[str, Any]:
    """A report as plain data (for --json and the GUI bridge)."""
    if isinstance(report, TrackingReport):
        return {"channel": TRACK_CODE, "job": TRACK_JOB, "status": report.status,
                "health": "offline" if report.errors and not report.updated else "ok",
                "error": "\n".join(report.errors),
                "counts": {"polled": report.polled, "updated": report.updated,
                           "delivered": len(report.delivered), "unknown": len(report.unknown)}}
    if isinstance(report, AeatSendReport):
        return {"channel": AEAT_CODE, "job": AEAT_JOB, "status": report.status,
                "health": "offline" if report.unanswered and not report.accepted else "ok",
                "error": report.error,
                "counts": {"delivered": report.accepted + report.accepted_with_errors,
                           "failed": report.rejected + report.refused,
                           "waiting": report.waiting, "batches": report.batches}}
    if isinstance(report, AutoRunReport):
        return {"channel": AUTO_INVOICE_CODE, "job": AUTO_INVOICE_JOB,
                "status": "ok" if report.status == "done" else report.status,
                "health": "ok", "error": "",
                "counts": {"issued": report.issued, "skipped": report.skipped}}
    if isinstance(report, RunReport):
        return {"channel": report.channel, "job": report.job, "status": report.status,
                "health": report.health, "error": report.error, "cursor": report.cursor,
                "counts": dict(report.counts), "warnings": list(report.warnings)}
    return {"channel": report.channel, "job": report.job, "status": report.status,
            "health": report.health, "error": report.error,
            "counts": {"delivered": report.delivered, "failed": report.failed,
                       "parked": report.parked, "coalesced": report.coalesced,
                       "skipped": report.skipped, "waiting": report.waiting}}
