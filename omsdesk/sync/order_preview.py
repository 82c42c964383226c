"""`sync --once --dry-run`: what the order import would do per order, with nothing kept.

The import's own code decides (one rule, one place): the shop's pages are fetched first, then
engine.pull_orders runs on them against a rehearsal of the database, where every session
shares one connection inside one outer transaction that is rolled back at the end. No order,
cursor, quarantine entry, sync run or outbox message survives, and on PostgreSQL the change
notifications of a rolled-back transaction are never delivered. What each order would become
is read from the rehearsal before the rollback: a new link (create), audit rows on a linked
order (update, with what changed), a quarantine entry (quarantine or conflict, with the
reason), or nothing (unchanged, or skipped when the channel skips orders already cancelled).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import sessionmaker

from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.models.audit import AuditEntry
from omsdesk.models.sync_state import ChannelOrderLink, ChannelSyncState, QuarantinedOrder
from omsdesk.services.channels.channels import shop_channel
from omsdesk.sync.connector import (
    Connector,
    FulfillmentPush,
    OrderPage,
    StockPush,
    StockPushResult,
)
from omsdesk.sync.engine import ConnectorFactory, RunReport, classify, default_factory, pull_orders
from omsdesk.sync.errors import SyncError
from omsdesk.sync.secrets import SecretUnavailable

log = logging.getLogger(__name__)

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
CONFLICT, QUARANTINE, SKIP, CANCEL = "conflict", "quarantine", "skip", "cancel"


@dataclass(frozen=True)
class OrderDecision:
    """What the import would do with one shop order."""

    external_id: str
    number: str
    action: str
    reference: str = ""
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"external_id": self.external_id, "number": self.number, "action": self.action,
                "reference": self.reference, "detail": self.detail}


@dataclass
class OrderPreview:
    """The dry run of one channel's order pull: the counts the run would store, per order."""

    report: RunReport
    decisions: list[OrderDecision] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        r = self.report
        return {"channel": r.channel, "job": r.job, "dry_run": True, "status": r.status,
                "counts": r.counts, "error": r.error, "health": r.health,
                "cursor": r.cursor, "warnings": list(r.warnings),
                "orders": [d.as_dict() for d in self.decisions]}


class _Rehearsal(Database):
    """The same database seen through one connection whose outer transaction is rolled back.

    Each session joins that transaction with a SAVEPOINT, so a service's commit or rollback
    works as usual inside it; nothing is ever committed.
    """

    def __init__(self, db: Database, connection: Connection) -> None:
        # Not Database.__init__: no engine of its own, every session on this one connection.
        self.url = db.url
        self.engine = db.engine
        self._sessions = sessionmaker(bind=connection, expire_on_commit=False,
                                      join_transaction_mode="create_savepoint")


@contextmanager
def rehearsal(db: Database) -> Iterator[Database]:
    """A Database whose writes are all undone when the block ends."""
    # BEGIN IMMEDIATE on SQLite: the rehearsal writes, and must not fail upgrading a read lock.
    with db.engine.connect().execution_options(omsdesk_write=True) as connection:
        outer = connection.begin()
        try:
            yield _Rehearsal(db, connection)
        finally:
            outer.rollback()


class _Replay(Connector):
    """The pages fetched before the rehearsal, served again; other calls go to the shop."""

    def __init__(self, real: Connector, pages: Sequence[OrderPage]) -> None:
        super().__init__(real.config, real.http)
        self.real = real
        self.pages = list(pages)
        self.warnings = real.warnings

    @classmethod
    def from_config(cls, config: Any, **http_options: Any) -> Connector:
        """The shop of `config` with nothing fetched yet: a rehearsal of an empty pull."""
        from omsdesk.sync.registry import create_connector  # the registry imports the connectors

        return cls(create_connector(config, **http_options), ())

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        yield from self.pages

    def deleted_orders(self, external_ids: Sequence[str]) -> set[str]:
        return self.real.deleted_orders(external_ids)  # a read: the dry run may ask it

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        raise AssertionError("a dry run sends nothing")

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        raise AssertionError("a dry run sends nothing")

    def close(self) -> None:
        self.real.close()


def preview_orders(db: Database, channel_code: str, *,
                   factory: ConnectorFactory | None = None) -> OrderPreview:
    """Fetch the orders changed since the channel's cursor and say what importing them would do."""
    with db.read() as s:
        channel = shop_channel(s, channel_code)
        state = s.get(ChannelSyncState, channel.id)
        cursor = state.cursor if state else ""
    try:
        real = (factory or default_factory())(channel)
    except (SyncError, SecretUnavailable) as exc:
        return OrderPreview(RunReport(channel_code, "pull_orders", "failed", {}, str(exc),
                                      classify(exc), cursor))
    try:
        # Read before the rehearsal starts: its transaction is not held open over the network.
        pages = list(real.pull_orders(cursor or None))
    except (SyncError, SecretUnavailable) as exc:
        real.close()
        return OrderPreview(RunReport(channel_code, "pull_orders", "failed", {}, str(exc),
                                      classify(exc), cursor))
    external = [o.external_id for p in pages for o in p.orders]
    rejected = [(r.external_id, r.reason) for p in pages for r in p.rejected]
    numbers = {o.external_id: o.number for p in pages for o in p.orders}
    with rehearsal(db) as trial:
        before = _state(trial, channel.id, external)
        report = pull_orders(trial, channel_code, factory=lambda _c: _Replay(real, pages),
                             auto_allocate=True)
        after = _state(trial, channel.id, external)
        decisions = _decide(external, numbers, rejected, before, after, trial, channel.id)
    return OrderPreview(report, decisions)


@dataclass
class _Snapshot:
    links: dict[str, int]
    quarantine: dict[str, tuple[str, str, int]]
    last_audit: int


def _state(db: Database, channel_id: int, external: Sequence[str]) -> _Snapshot:
    with db.read() as s:
        links: dict[str, int] = {}
        wanted = sorted(set(external))
        for start in range(0, len(wanted), 500):
            links.update({ext: oid for ext, oid in s.execute(
                select(ChannelOrderLink.external_id, ChannelOrderLink.order_id).where(
                    ChannelOrderLink.channel_id == channel_id,
                    ChannelOrderLink.external_id.in_(wanted[start:start + 500])))})
        quarantine = {str(q.external_id or ""): (q.kind, q.reason, q.seen_count)
                      for q in s.scalars(select(QuarantinedOrder).where(
                          QuarantinedOrder.channel_id == channel_id,
                          QuarantinedOrder.status == "open"))}
        last = s.scalar(select(func.max(AuditEntry.id))) or 0
    return _Snapshot(links, quarantine, int(last))


def _decide(external: Sequence[str], numbers: dict[str, str],
            rejected: Sequence[tuple[str, str]], before: _Snapshot, after: _Snapshot,
            db: Database, channel_id: int) -> list[OrderDecision]:
    with db.read() as s:
        audits: dict[int, list[str]] = {}
        for entity_id, action, reason, to_status in s.execute(
                select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.reason,
                       AuditEntry.to_status).where(AuditEntry.id > before.last_audit,
                                                   AuditEntry.entity == "order")
                .order_by(AuditEntry.id)):
            text = reason or action
            if to_status:
                text = f"{action} -> {to_status}" + (f" ({reason})" if reason else "")
            audits.setdefault(int(entity_id), []).append(text)
        # Orders of this channel touched without coming in a page (deleted on the shop).
        others = {oid: ext for oid, ext in s.execute(
            select(ChannelOrderLink.order_id, ChannelOrderLink.external_id).where(
                ChannelOrderLink.channel_id == channel_id,
                ChannelOrderLink.order_id.in_(sorted(set(audits) - set(after.links.values()))
                                              or [0])))}
        ids = sorted(set(after.links.values()) | set(others))
        refs = {oid: ref for oid, ref in s.execute(select(Order.id, Order.reference).where(
            Order.id.in_(ids or [0])))}
    decisions: list[OrderDecision] = []
    seen: set[str] = set()
    for ext, reason in rejected:
        decisions.append(OrderDecision(ext, "", QUARANTINE, detail=reason))
    for ext in dict.fromkeys(external):
        seen.add(ext)
        number = numbers.get(ext, "")
        entry = after.quarantine.get(ext)
        fresh_entry = entry is not None and before.quarantine.get(ext) != entry
        order_id = after.links.get(ext)
        ref = refs.get(order_id, "") if order_id is not None else ""
        changed = "; ".join(audits.get(order_id, [])) if order_id is not None else ""
        if fresh_entry and entry is not None:
            kind = CONFLICT if entry[0] == "conflict" else QUARANTINE
            decisions.append(OrderDecision(ext, number, kind, ref, f"{entry[0]}: {entry[1]}"))
        elif order_id is not None and ext not in before.links:
            decisions.append(OrderDecision(ext, number, CREATE, ref, changed))
        elif order_id is not None and changed:
            decisions.append(OrderDecision(ext, number, UPDATE, ref, changed))
        elif order_id is not None:
            decisions.append(OrderDecision(ext, number, UNCHANGED, ref))
        else:
            decisions.append(OrderDecision(ext, number, SKIP, "", "cancelled on the shop before "
                                           "it was imported (the channel skips those)"))
    # Orders deleted on the shop are cancelled here without coming in a page.
    for order_id, texts in audits.items():
        gone = others.get(order_id)
        if gone is not None and gone not in seen:
            decisions.append(OrderDecision(gone, "", CANCEL, refs.get(order_id, ""),
                                           "; ".join(texts)))
    return decisions
