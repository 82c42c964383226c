"""Import services: what storing shop orders needs of the database, in plain values.

The sync layer (omsdesk/sync/importer.py) maps shop orders and calls these; nothing here
knows a connector. Orders themselves are created by the intake services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    IllegalTransition,
    OmsError,
    Order,
    OrderStatus,
    Product,
)
from omsdesk.models.base import utcnow
from omsdesk.models.sync_state import ChannelOrderLink, QuarantinedOrder
from omsdesk.models.workflow import NOT_SHIPPED
from omsdesk.services import audit
from omsdesk.services.channels.channels import shop_channel
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.orders import pay_in
from omsdesk.services.fulfilment.status import OrderState, load_order
from omsdesk.services.intake.order_entry import AddressInput
from omsdesk.services.rows import insert_many


@dataclass
class ImportCounts:
    """What one import did; the sync run stores these."""

    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    failed: int = 0

    def add(self, other: ImportCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ExistingOrder:
    """An order of the channel already imported (or created and not linked yet)."""

    order_id: int
    reference: str
    status: str
    linked: bool
    external_updated_at: datetime | None
    content_hash: str


@dataclass(frozen=True)
class QuarantineEntry:
    """Why a shop order (or answer) could not go in, with what the shop sent."""

    external_id: str | None
    number: str
    kind: str  # unreadable | unmapped | invalid | conflict | response
    reason: str
    raw: dict[str, Any]
    normalized: dict[str, Any] | None = None


@dataclass(frozen=True)
class ShopLink:
    """The shop side of one local order, as stored beside it."""

    order_id: int
    external_id: str
    number: str
    updated_at: datetime
    line_ids: tuple[str, ...]
    shop_status: str
    content_hash: str
    shipping_total: int
    paid: int = 0
    fully_paid: bool = True


def active_skus(session: Session, skus: Iterable[str]) -> set[str]:
    """Which of these SKUs are products we sell."""
    wanted = sorted(set(skus))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(session.scalars(select(Product.sku).where(
            Product.sku.in_(wanted[start:start + 500]), Product.active.is_(True))))
    return found


def existing_orders(session: Session, channel_id: int,
                    external_ids: Sequence[str]) -> dict[str, ExistingOrder]:
    """The channel's orders among these shop ids, with the version of the shop order stored."""
    result: dict[str, ExistingOrder] = {}
    ids = list(external_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Order.external_id, Order.id, Order.reference, Order.status,
                   ChannelOrderLink.order_id, ChannelOrderLink.external_updated_at,
                   ChannelOrderLink.content_hash)
            .outerjoin(ChannelOrderLink, ChannelOrderLink.order_id == Order.id)
            .where(Order.channel_id == channel_id, Order.external_id.in_(ids[start:start + 500])))
        for ext, oid, ref, status, link_id, stamp, digest in rows:
            result[str(ext)] = ExistingOrder(oid, ref, status, link_id is not None, stamp,
                                             digest or "")
    return result


def link_created(db: Database, channel_id: int, links: Sequence[ShopLink], *,
                 actor: Actor, pay_method: str) -> None:
    """Record the shop side of newly created orders, settle partial payments, close their
    quarantine entries; one transaction.

    The orders themselves got the shop's update time when they were created (from their
    OrderInput), so only the links are written here.
    """
    if not links:
        return
    with db.write() as s:
        link_created_in(s, channel_id, links, actor=actor, pay_method=pay_method)


def link_created_in(s: Session, channel_id: int, links: Sequence[ShopLink], *,
                    actor: Actor, pay_method: str) -> None:
    """link_created inside the caller's transaction (the one that created the orders)."""
    if links:
        # Core inserts: the ORM's bulk path costs more per row than the SQL.
        insert_many(s.connection(), cast(Table, ChannelOrderLink.__table__), [
            {"order_id": k.order_id, "channel_id": channel_id, "external_id": k.external_id,
             "external_number": k.number[:64], "external_updated_at": k.updated_at,
             "line_ids": list(k.line_ids), "shop_status": k.shop_status[:40],
             "content_hash": k.content_hash, "shipping_total": k.shipping_total}
            for k in links])
        for k in links:
            if k.paid and not k.fully_paid:
                order = s.get(Order, k.order_id)
                if order is not None and order.total > 0:
                    pay_in(s, order, actor=actor, amount=min(k.paid, order.total),
                           method=pay_method)
        resolve_quarantine(s, channel_id, {k.external_id: k.order_id for k in links})


def repair_link(db: Database, channel_id: int, link: ShopLink) -> None:
    """Write the link of an order created by a run that died before linking it."""
    with db.write() as s:
        if s.get(ChannelOrderLink, link.order_id) is not None:
            return
        s.add(ChannelOrderLink(
            order_id=link.order_id, channel_id=channel_id, external_id=link.external_id,
            external_number=link.number[:64], external_updated_at=link.updated_at,
            line_ids=list(link.line_ids), shop_status=link.shop_status[:40],
            content_hash=link.content_hash, shipping_total=link.shipping_total))
        s.execute(update(Order).where(Order.id == link.order_id)
                  .values(external_updated_at=link.updated_at))
        resolve_quarantine(s, channel_id, {link.external_id: link.order_id})


def bump_link(db: Database, order_id: int, updated_at: datetime, shop_status: str,
              content_hash: str) -> None:
    """Remember a newer shop version of an order (never an older one)."""
    with db.write() as s:
        link = s.get(ChannelOrderLink, order_id)
        if link is None or updated_at <= link.external_updated_at:
            return
        link.external_updated_at = updated_at
        link.shop_status = shop_status[:40]
        if content_hash:
            link.content_hash = content_hash
        s.execute(update(Order).where(Order.id == order_id).values(external_updated_at=updated_at))


def update_ship_to(db: Database, reference: str, address: AddressInput, *, actor: Actor,
                   reason: str) -> OrderState:
    """Change where an order that has not shipped goes; audited with the old and new address."""
    with db.write() as s:
        order = load_order(s, reference)
        if OrderStatus(order.status) not in NOT_SHIPPED:
            raise IllegalTransition(f"cannot change the address of order {reference}: status is "
                                    f"{order.status}")
        before = f"{order.ship_line1}, {order.ship_postcode} {order.ship_city}"
        order.ship_name = address.name or order.ship_name
        order.ship_line1, order.ship_line2 = address.line1, address.line2
        order.ship_city, order.ship_postcode = address.city, address.postcode
        order.ship_province, order.ship_country = address.province, address.country
        order.updated_at = utcnow()
        after = f"{address.line1}, {address.postcode} {address.city}"
        audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                     action="address", from_status=order.status, to_status=order.status,
                     reason=f"{reason}: {before} -> {after}")
        return OrderState(order.reference, order.status, after)


# -- quarantine --------------------------------------------------------------------------


def quarantine(session: Session, channel_id: int, entry: QuarantineEntry) -> None:
    """Keep (or refresh) a quarantine entry with the payload and the reason."""
    row = None
    if entry.external_id is not None:
        row = session.scalar(select(QuarantinedOrder).where(
            QuarantinedOrder.channel_id == channel_id,
            QuarantinedOrder.external_id == entry.external_id,
            QuarantinedOrder.kind == entry.kind))
    now = utcnow()
    if row is None:
        session.add(QuarantinedOrder(
            channel_id=channel_id, external_id=entry.external_id,
            external_number=entry.number[:64], kind=entry.kind, reason=entry.reason,
            raw=entry.raw, normalized=entry.normalized, status="open", seen_count=1,
            created_at=now, updated_at=now))
        return
    row.reason, row.raw, row.normalized = entry.reason, entry.raw, entry.normalized
    row.status, row.updated_at, row.resolved_at = "open", now, None
    row.seen_count += 1


def quarantine_all(db: Database, channel_id: int, entries: Sequence[QuarantineEntry]) -> None:
    """Keep several entries in one transaction."""
    if entries:
        with db.write() as s:
            for entry in entries:
                quarantine(s, channel_id, entry)


def resolve_quarantine(session: Session, channel_id: int, imported: dict[str, int]) -> None:
    """Close the open entries (other than conflicts) of orders that went in after all."""
    ids = list(imported)
    for start in range(0, len(ids), 500):
        for row in session.scalars(select(QuarantinedOrder).where(
                QuarantinedOrder.channel_id == channel_id, QuarantinedOrder.status == "open",
                QuarantinedOrder.kind != "conflict",
                QuarantinedOrder.external_id.in_(ids[start:start + 500]))):
            row.status, row.resolved_at = "resolved", utcnow()
            row.order_id = imported[str(row.external_id)]


def quarantine_response(db: Database, channel: str, reason: str, excerpt: str) -> None:
    """Keep an unreadable shop answer (no order to pin it on) for the Sync view."""
    with db.write() as s:
        ch = shop_channel(s, channel)
        quarantine(s, ch.id, QuarantineEntry(None, "", "response", reason, {"body": excerpt}))


def open_quarantine(db: Database, channel: str, ids: Sequence[int] | None = None,
                    kinds: Sequence[str] = ("unmapped", "invalid")) -> list[dict[str, Any]]:
    """The normalised orders of open entries that a re-import can try again."""
    with db.read() as s:
        ch = shop_channel(s, channel)
        stmt = select(QuarantinedOrder.normalized).where(
            QuarantinedOrder.channel_id == ch.id, QuarantinedOrder.status == "open",
            QuarantinedOrder.kind.in_(list(kinds)), QuarantinedOrder.normalized.is_not(None))
        if ids is not None:
            stmt = stmt.where(QuarantinedOrder.id.in_(list(ids)))
        return [dict(n) for n in s.scalars(stmt.order_by(QuarantinedOrder.id)) if n]


def dismiss_quarantined(db: Database, entry_id: int, *, actor: Actor, reason: str = "") -> None:
    """Close a quarantine entry a person has dealt with (audited)."""
    with db.write() as s:
        row = s.get(QuarantinedOrder, entry_id)
        if row is None:
            raise OmsError(f"unknown quarantine entry {entry_id}")
        row.status, row.resolved_at = "dismissed", utcnow()
        channel = s.get(Channel, row.channel_id)
        audit.record(s, actor, entity="quarantine", entity_id=row.id,
                     reference=f"{channel.code if channel else row.channel_id}:"
                               f"{row.external_number or row.external_id}",
                     action="dismiss", reason=reason or row.reason[:200])


def open_linked_orders(session: Session, channel_id: int) -> dict[str, str]:
    """External id -> reference of the channel's imported orders not shipped and not cancelled."""
    rows = session.execute(
        select(ChannelOrderLink.external_id, Order.reference)
        .join(Order, Order.id == ChannelOrderLink.order_id)
        .where(ChannelOrderLink.channel_id == channel_id,
               Order.status.in_([st.value for st in NOT_SHIPPED]))).all()
    return {str(ext): str(ref) for ext, ref in rows}
