"""Outbox delivery to shops: stock coalesced per SKU and channel, fulfilments in order, dead letters.

At-least-once: a message is claimed (status 'sending' with a lease), pushed, then marked
delivered. A crash in between leaves a claim that the next holder of the sync lock gives back
at once (`recover_orphaned_claims`), or whose lease runs out, and the message is pushed again,
which the connectors make harmless (Shopify's idempotency key, a tracking number already on
the order, a state already reached).
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, Order, OrderStatus, OutboxMessage, Product, StockLevel
from omsdesk.models.base import utcnow
from omsdesk.models.channel_sku import ChannelSku
from omsdesk.models.sync_state import ChannelOrderLink
from omsdesk.services.channels.channels import finish_run, shop_channel, start_run
from omsdesk.services.channels.kinds import shop_kinds
from omsdesk.sync.connector import Connector, FulfillmentLine, FulfillmentPush, StockPush
from omsdesk.sync.engine import ConnectorFactory, RunReport, classify, default_factory
from omsdesk.sync.errors import SyncError, UnsupportedOperation
from omsdesk.sync.mail import deliver_mail
from omsdesk.sync.redaction import redact
from omsdesk.sync.secrets import SecretUnavailable

log = logging.getLogger(__name__)

STOCK_CHANGED = "stock.changed"  # written by the stock services, for no channel in particular
STOCK_PUSH = "stock.push"  # one per (channel, SKU), made from STOCK_CHANGED here
FULFILLMENT = "fulfillment.push"
CANCELLED = "order.cancelled"
ORDERED_TOPICS = (FULFILLMENT, CANCELLED)

PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"
COALESCED, SKIPPED = "coalesced", "skipped"


@dataclass(frozen=True)
class DeliveryPolicy:
    """Backoff per message and when to park it; a lease bounds how long a claim lives."""

    max_attempts: int = 8
    base_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=6)
    lease: timedelta = timedelta(minutes=5)
    # How long a channel's messages wait after it was found offline or refused credentials.
    channel_pause: timedelta = timedelta(minutes=1)
    batch: int = 250


@dataclass
class DrainReport:
    """What one delivery pass did on one channel."""

    channel: str
    job: str
    delivered: int = 0
    failed: int = 0
    parked: int = 0
    coalesced: int = 0
    skipped: int = 0
    waiting: int = 0
    health: str = "ok"
    error: str = ""
    # Whether the shop answered at all: a pass with nothing to send says nothing of its health.
    contacted: bool = False

    @property
    def status(self) -> str:
        if self.health != "ok":
            return "failed"
        return "partial" if self.failed or self.parked else "ok"


class OutboxDispatcher:
    """Delivers the shop-bound outbox of one database."""

    def __init__(self, db: Database, factory: ConnectorFactory | None = None, *,
                 policy: DeliveryPolicy = DeliveryPolicy(),
                 now: Callable[[], datetime] = utcnow,
                 rng: Callable[[], float] = random.random) -> None:
        self.db = db
        self.factory = factory or default_factory()
        self.policy = policy
        self.now = now
        self.rng = rng

    # -- housekeeping --------------------------------------------------------------------

    def recover_leases(self) -> int:
        """Give back claims whose lease ran out (the process died mid-delivery)."""
        with self.db.write() as s:
            result = s.execute(update(OutboxMessage).where(
                OutboxMessage.status == SENDING, OutboxMessage.next_attempt_at <= self.now())
                .values(status=PENDING).execution_options(synchronize_session=False))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def recover_orphaned_claims(self) -> int:
        """Give back every claim at once; only for the process that just took the sync lock.

        Only the holder of the sync lock delivers, so when a process takes the lock any claim
        still 'sending' belongs to one that died (kill -9, power cut): waiting for its lease
        would hold its shipment back for minutes. Due now, attempts untouched: the retry is
        the same delivery, and the connectors recognise one that did reach the shop.
        """
        with self.db.write() as s:
            result = s.execute(update(OutboxMessage).where(OutboxMessage.status == SENDING)
                               .values(status=PENDING, next_attempt_at=self.now())
                               .execution_options(synchronize_session=False))
            count = int(result.rowcount or 0)  # type: ignore[attr-defined]
        if count:
            log.info("%d outbox message(s) claimed by a process that stopped are due again", count)
        return count

    def fan_out_stock(self) -> int:
        """Turn channel-less stock changes into one pending push per shop channel and SKU.

        A push already waiting for that (channel, SKU) absorbs the change: the value is read
        when the push is sent, so it is always the latest.
        """
        now = self.now()
        with self.db.write() as s:
            changes = list(s.execute(select(OutboxMessage.id, OutboxMessage.payload).where(
                OutboxMessage.topic == STOCK_CHANGED, OutboxMessage.status == PENDING,
                OutboxMessage.next_attempt_at <= now).order_by(OutboxMessage.id)))
            if not changes:
                return 0
            channels = list(s.scalars(select(Channel.id).where(
                Channel.active.is_(True), Channel.kind.in_(shop_kinds()))))
            skus = sorted({str(p.get("sku")) for _, p in changes if p.get("sku")})
            waiting = {str(k) for k in s.scalars(select(OutboxMessage.key).where(
                OutboxMessage.topic == STOCK_PUSH, OutboxMessage.status.in_((PENDING, SENDING))))}
            rows = []
            for cid in channels:
                for sku in skus:
                    key = f"stock:{cid}:{sku}"
                    if key not in waiting:
                        rows.append({"topic": STOCK_PUSH, "payload": {"sku": sku}, "key": key,
                                     "channel_id": cid, "status": PENDING, "attempts": 0,
                                     "idempotency_key": f"{key}:{changes[-1][0]}",
                                     "created_at": now, "next_attempt_at": now, "last_error": ""})
            if rows:
                s.execute(insert(OutboxMessage), rows)
            note = f"for {len(channels)} shop channel(s)" if channels else "no shop channel"
            s.execute(update(OutboxMessage).where(OutboxMessage.id.in_([i for i, _ in changes]))
                      .values(status=DELIVERED, delivered_at=now, last_error="")
                      .execution_options(synchronize_session=False))
            log.debug("stock changes for %d SKU(s) fanned out %s", len(skus), note)
            return len(rows)

    def retry_parked(self, ids: Sequence[int] | None = None, channel: str | None = None) -> int:
        """Put parked (dead-letter) messages back in the queue, attempts reset."""
        with self.db.write() as s:
            stmt = update(OutboxMessage).where(OutboxMessage.status == FAILED,
                                               OutboxMessage.topic.in_((STOCK_PUSH,) + ORDERED_TOPICS))
            if ids is not None:
                stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
            if channel is not None:
                stmt = stmt.where(OutboxMessage.channel_id == shop_channel(s, channel).id)
            result = s.execute(stmt.values(status=PENDING, attempts=0, next_attempt_at=self.now())
                               .execution_options(synchronize_session=False))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def send_mail(self) -> RunReport:
        """Deliver the queued e-mails (purchase orders to suppliers): see sync/mail.py."""
        return deliver_mail(self.db, now=self.now())

    # -- state changes -------------------------------------------------------------------

    def _claim(self, ids: list[int]) -> None:
        with self.db.write() as s:
            s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                      .values(status=SENDING, next_attempt_at=self.now() + self.policy.lease)
                      .execution_options(synchronize_session=False))

    def _settle(self, ids: list[int], status: str, note: str = "") -> None:
        with self.db.write() as s:
            s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                      .values(status=status, delivered_at=self.now(), last_error=note[:2000])
                      .execution_options(synchronize_session=False))

    def _release(self, ids: list[int], error: str) -> None:
        """The channel is away (offline, credentials refused): wait, without spending attempts."""
        with self.db.write() as s:
            s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                      .values(status=PENDING, last_error=redact(error)[:2000],
                              next_attempt_at=self.now() + self.policy.channel_pause)
                      .execution_options(synchronize_session=False))

    def _fail(self, ids: list[int], error: str, report: DrainReport) -> None:
        """This message failed: back off, or park it after max_attempts."""
        with self.db.write() as s:
            for msg in s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))):
                msg.attempts += 1
                msg.last_error = redact(error)[:2000]
                if msg.attempts >= self.policy.max_attempts:
                    msg.status = FAILED
                    report.parked += 1
                else:
                    msg.status = PENDING
                    msg.next_attempt_at = self.now() + self._backoff(msg.attempts)
                    report.failed += 1

    def _backoff(self, attempts: int) -> timedelta:
        base = self.policy.base_delay * (2 ** (attempts - 1))
        capped = min(base, self.policy.max_delay)
        return capped * (0.75 + 0.5 * self.rng())

    # -- jobs ----------------------------------------------------------------------------

    def _run(self, channel_code: str, job: str,
             body: Callable[[Channel, Connector, DrainReport], None]) -> DrainReport:
        report = DrainReport(channel_code, job)
        self.recover_leases()
        with self.db.read() as s:
            channel = shop_channel(s, channel_code)
        run_id = start_run(self.db, channel.id, job)
        connector: Connector | None = None
        try:
            connector = self.factory(channel)
            body(channel, connector, report)
        except SecretUnavailable as exc:
            report.health, report.error = "auth", str(exc)
        except SyncError as exc:  # the connector could not even be built (e.g. a bad address)
            report.health, report.error = classify(exc), str(exc)
        except Exception as exc:
            # Closed as failed with the error kept, so the scheduler goes on; claims are
            # given back when their lease runs out.
            log.exception("%s: %s crashed", channel_code, job)
            report.health, report.error = "error", f"{type(exc).__name__}: {exc}"
        finally:
            if connector is not None:
                connector.close()
        counts = {"delivered": report.delivered, "failed": report.failed + report.parked}
        health = report.health if report.health != "ok" or report.contacted else "idle"
        finish_run(self.db, run_id, status=report.status, error=report.error, counts=counts,
                   health=health)
        return report

    def push_stock(self, channel_code: str) -> DrainReport:
        """Send the latest available-to-sell of every SKU waiting for this channel."""
        self.fan_out_stock()
        return self._run(channel_code, "push_stock", self._push_stock)

    def _push_stock(self, channel: Channel, connector: Connector, report: DrainReport) -> None:
        with self.db.write() as s:
            due = list(s.execute(select(OutboxMessage.id, OutboxMessage.key, OutboxMessage.payload,
                                        OutboxMessage.idempotency_key).where(
                OutboxMessage.channel_id == channel.id, OutboxMessage.topic == STOCK_PUSH,
                OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= self.now())
                .order_by(OutboxMessage.id)))
            # Several waiting pushes for one SKU: the newest carries the latest value.
            by_key: dict[str, tuple[int, str, str]] = {}
            dupes: list[int] = []
            for mid, key, payload, ikey in due:
                if key in by_key:
                    dupes.append(by_key[key][0])
                by_key[key] = (mid, str(payload.get("sku")), ikey)
            if dupes:
                s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(dupes))
                          .values(status=COALESCED, delivered_at=self.now())
                          .execution_options(synchronize_session=False))
                report.coalesced += len(dupes)
        items = list(by_key.values())
        for start in range(0, len(items), self.policy.batch):
            batch = items[start:start + self.policy.batch]
            ids = [mid for mid, _, _ in batch]
            self._claim(ids)
            with self.db.read() as s:
                levels = available_to_sell(s, [sku for _, sku, _ in batch])
                names = shop_skus(s, channel.id, [sku for _, sku, _ in batch])
            pushes = [StockPush(sku=names.get(sku, sku), available=levels.get(sku, 0),
                                idempotency_key=_key(ikey, levels.get(sku, 0)))
                      for _, sku, ikey in batch]
            try:
                results = connector.push_stock(pushes)
                report.contacted = True
            except SyncError as exc:
                report.contacted = classify(exc) == "error"  # the shop answered, with a refusal
                if classify(exc) != "error":
                    self._release(ids, str(exc))
                    report.health, report.error = classify(exc), str(exc)
                    report.waiting += len(ids)
                    return
                self._fail(ids, str(exc), report)
                continue
            ok = [mid for (mid, _, _), r in zip(batch, results, strict=True) if r.ok]
            missing = [mid for (mid, _, _), r in zip(batch, results, strict=True)
                       if not r.ok and "not found" in r.reason.lower()]
            for (mid, sku, _), r in zip(batch, results, strict=True):
                if not r.ok and mid not in missing:
                    self._fail([mid], f"{sku}: {r.reason}", report)
            if ok:
                self._settle(ok, DELIVERED)
                report.delivered += len(ok)
            if missing:
                # Not every product is listed on every shop: nothing to retry.
                self._settle(missing, SKIPPED, "SKU not listed on this shop")
                report.skipped += len(missing)

    def drain(self, channel_code: str) -> DrainReport:
        """Deliver fulfilments and cancellations, in order per order."""
        return self._run(channel_code, "drain_outbox", self._drain)

    def _drain(self, channel: Channel, connector: Connector, report: DrainReport) -> None:
        with self.db.read() as s:
            due = list(s.scalars(select(OutboxMessage).where(
                OutboxMessage.channel_id == channel.id, OutboxMessage.topic.in_(ORDERED_TOPICS),
                OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= self.now())
                .order_by(OutboxMessage.id).limit(self.policy.batch)))
            keys = {m.key for m in due}
            first_open: dict[str, int] = {}
            if keys:
                for key, first in s.execute(
                        select(OutboxMessage.key, func.min(OutboxMessage.id)).where(
                            OutboxMessage.key.in_(keys), OutboxMessage.topic.in_(ORDERED_TOPICS),
                            OutboxMessage.status.in_((PENDING, SENDING, FAILED)))
                        .group_by(OutboxMessage.key)):
                    first_open[key] = first
        blocked: set[str] = set()
        for msg in due:
            # Only the oldest undelivered message of an order may go: shipments in order.
            if msg.key in blocked or first_open.get(msg.key, msg.id) < msg.id:
                report.waiting += 1
                blocked.add(msg.key)
                continue
            self._claim([msg.id])
            try:
                self._deliver(connector, msg)
            except UnsupportedOperation as exc:
                self._park(msg.id, str(exc), report)
                blocked.add(msg.key)
                continue
            except SyncError as exc:
                report.contacted = classify(exc) == "error"
                if classify(exc) != "error":
                    self._release([msg.id], str(exc))
                    report.health, report.error = classify(exc), str(exc)
                    return
                self._fail([msg.id], str(exc), report)
                blocked.add(msg.key)
                continue
            report.contacted = True
            self._settle([msg.id], DELIVERED)
            report.delivered += 1
            first_open.pop(msg.key, None)
            next_open = [m.id for m in due if m.key == msg.key and m.id > msg.id]
            if next_open:
                first_open[msg.key] = min(next_open)

    def _park(self, mid: int, error: str, report: DrainReport) -> None:
        with self.db.write() as s:
            s.execute(update(OutboxMessage).where(OutboxMessage.id == mid)
                      .values(status=FAILED, last_error=redact(error)[:2000])
                      .execution_options(synchronize_session=False))
        report.parked += 1

    def _deliver(self, connector: Connector, msg: OutboxMessage) -> None:
        payload = msg.payload
        if msg.topic == CANCELLED:
            connector.push_cancellation(str(payload["external_id"]), msg.idempotency_key)
            return
        with self.db.read() as s:
            push = fulfillment_push(s, msg)
        connector.push_fulfillment(push)


def _key(idempotency_key: str, value: int) -> str:
    # The value is read at send time, so the key names it: a retry with the same value is
    # recognised by the shop, a new value is a new request.
    return hashlib.sha256(f"{idempotency_key}={value}".encode()).hexdigest()[:40]


def available_to_sell(session: Session, skus: Sequence[str]) -> dict[str, int]:
    """On hand - reserved - safety buffer per SKU, over all warehouses, never below zero each."""
    free = func.max(StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer, 0) \
        if session.get_bind().dialect.name == "sqlite" else func.greatest(
            StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer, 0)
    totals: dict[str, int] = {sku: 0 for sku in skus}
    for sku, amount in session.execute(
            select(Product.sku, func.sum(free)).join(StockLevel, StockLevel.product_id == Product.id)
            .where(Product.sku.in_(list(skus))).group_by(Product.sku)):
        totals[sku] = int(amount or 0)
    return totals


def shop_skus(session: Session, channel_id: int, skus: Sequence[str]) -> dict[str, str]:
    """Local SKU -> the SKU the shop knows it by, where the channel maps it differently."""
    rows = session.execute(
        select(Product.sku, ChannelSku.external_sku)
        .join(ChannelSku, ChannelSku.product_id == Product.id)
        .where(ChannelSku.channel_id == channel_id, Product.sku.in_(list(skus)))
        .order_by(ChannelSku.id))
    found: dict[str, str] = {}
    for local, external in rows:
        found.setdefault(local, external)
    return found


def fulfillment_push(session: Session, msg: OutboxMessage) -> FulfillmentPush:
    """The shop-side description of a shipment message: shop line ids, final or partial."""
    payload = msg.payload
    order = session.scalar(select(Order).where(Order.reference == payload["order"]))
    link = session.get(ChannelOrderLink, order.id) if order is not None else None
    lines: list[FulfillmentLine] = []
    if order is not None:
        by_sku: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for ln in order.lines:
            line_id = link.line_ids[ln.line_no - 1] if link and ln.line_no <= len(link.line_ids) else ""
            by_sku[ln.sku].append((ln.qty, line_id))
        for item in payload.get("lines") or []:
            left = int(item["qty"])
            for qty, line_id in by_sku.get(str(item["sku"]), []):
                take = min(left, qty)
                if take > 0 and line_id:
                    lines.append(FulfillmentLine(line_id, str(item["sku"]), take))
                    left -= take
    later = session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.key == msg.key, OutboxMessage.topic == FULFILLMENT,
        OutboxMessage.id > msg.id)) or 0
    final = order is not None and order.status in (
        OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.RETURNED) and later == 0
    return FulfillmentPush(
        order_external_id=str(payload["external_id"]), idempotency_key=msg.idempotency_key,
        carrier=str(payload.get("carrier") or ""), tracking_number=str(payload.get("tracking") or ""),
        tracking_url=str(payload.get("tracking_url") or ""), lines=tuple(lines), final=final)
