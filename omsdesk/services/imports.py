"""Import shop orders: create new ones in batches, apply later changes, quarantine what cannot go in.

Idempotent by (channel, external id): the same page twice changes nothing, and a version
older than (or as old as) the one stored never overwrites it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import Channel, IllegalTransition, OmsError, Order, OrderStatus, Product
from omsdesk.models.base import utcnow
from omsdesk.models.sync_state import ChannelOrderLink, QuarantinedOrder
from omsdesk.models.workflow import NOT_SHIPPED
from omsdesk.services import audit
from omsdesk.services.batch_intake import place_orders
from omsdesk.services.channels import shop_channel, sku_map
from omsdesk.services.context import SYSTEM, Actor
from omsdesk.services.intake import AddressInput, CreatedOrder, place_order
from omsdesk.services.orders import OrderState, cancel_order, load_order, pay_in
from omsdesk.sync.connector import (
    STATUS_CANCELLED,
    STATUS_REFUNDED,
    ChannelOrder,
    RejectedOrder,
)
from omsdesk.sync.mapping import (
    MappedOrder,
    MappingError,
    from_json,
    map_order,
    normalise_address,
    to_json,
)

BATCH = 250


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
class _Existing:
    order_id: int
    reference: str
    status: str
    linked: bool
    external_updated_at: Any
    content_hash: str


@dataclass(frozen=True)
class _Problem:
    external_id: str | None
    number: str
    kind: str
    reason: str
    raw: dict[str, Any]
    normalized: dict[str, Any] | None


def import_orders(db: Database, channel: str, orders: Sequence[ChannelOrder],
                  rejected: Sequence[RejectedOrder] = (), *, actor: Actor = SYSTEM,
                  auto_allocate: bool = True) -> ImportCounts:
    """Import one page of shop orders; never raises for one bad order (it is quarantined)."""
    counts = ImportCounts(fetched=len(orders) + len(rejected))
    latest: dict[str, ChannelOrder] = {}
    for order in orders:  # the same order twice in a page: keep its newest version
        if order.external_id not in latest or order.updated_at > latest[order.external_id].updated_at:
            latest[order.external_id] = order
    with db.read() as s:
        ch = shop_channel(s, channel)
        channel_id, kind = ch.id, ch.kind
        shipping_sku = (ch.settings or {}).get("shipping_sku")
        mapping = sku_map(s, channel_id)
        wanted = {line.sku for o in latest.values() for line in o.lines} | set(mapping.values())
        if shipping_sku:
            wanted.add(shipping_sku)
        known = _active_skus(s, wanted)
        existing = _existing(s, channel_id, list(latest))
    problems = [_Problem(r.external_id or None, "", "unreadable", r.reason, dict(r.raw), None)
                for r in rejected]
    fresh: list[tuple[ChannelOrder, MappedOrder]] = []
    for ext, order in latest.items():
        if ext in existing:
            outcome = _apply_change(db, channel_id, channel, kind, existing[ext], order, actor,
                                    mapping, known, problems)
            setattr(counts, outcome, getattr(counts, outcome) + 1)
            continue
        try:
            mapped = map_order(order, channel=channel, sku_map=mapping, known_skus=known,
                               shipping_sku=shipping_sku)
        except MappingError as exc:
            problems.append(_problem(order, exc.kind, exc.reason))
            continue
        fresh.append((order, mapped))
    created, failed = _create(db, channel_id, kind, fresh, actor, auto_allocate, problems)
    counts.created += created
    counts.failed += failed
    if problems:
        with db.write() as s:
            for p in problems:
                quarantine(s, channel_id, p)
    counts.quarantined += sum(1 for p in problems if p.kind != "conflict")
    return counts


def _problem(order: ChannelOrder, kind: str, reason: str) -> _Problem:
    return _Problem(order.external_id, order.number, kind, reason, dict(order.raw), to_json(order))


def _active_skus(s: Session, skus: Iterable[str]) -> set[str]:
    wanted = sorted(set(skus))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(s.scalars(select(Product.sku).where(
            Product.sku.in_(wanted[start:start + 500]), Product.active.is_(True))))
    return found


def _existing(s: Session, channel_id: int, external_ids: list[str]) -> dict[str, _Existing]:
    result: dict[str, _Existing] = {}
    for start in range(0, len(external_ids), 500):
        rows = s.execute(
            select(Order.external_id, Order.id, Order.reference, Order.status,
                   ChannelOrderLink.order_id, ChannelOrderLink.external_updated_at,
                   ChannelOrderLink.content_hash)
            .outerjoin(ChannelOrderLink, ChannelOrderLink.order_id == Order.id)
            .where(Order.channel_id == channel_id,
                   Order.external_id.in_(external_ids[start:start + 500])))
        for ext, oid, ref, status, link_id, stamp, digest in rows:
            result[str(ext)] = _Existing(oid, ref, status, link_id is not None, stamp, digest or "")
    return result


# -- new orders --------------------------------------------------------------------------


def _create(db: Database, channel_id: int, kind: str, fresh: list[tuple[ChannelOrder, MappedOrder]],
            actor: Actor, auto_allocate: bool, problems: list[_Problem]) -> tuple[int, int]:
    """Create in batches (paid ones paid and allocated); a refused batch goes one by one."""
    created = failed = 0
    paid = [(o, m) for o, m in fresh if m.fully_paid]
    unpaid = [(o, m) for o, m in fresh if not m.fully_paid]
    for group, pay in ((paid, True), (unpaid, False)):
        for start in range(0, len(group), BATCH):
            chunk = group[start:start + BATCH]
            try:
                done = place_orders(db, [m.order for _, m in chunk], actor=actor,
                                    pay_method=kind if pay else None, allocate=pay and auto_allocate)
            except OmsError:
                done_or_none = [_create_one(db, kind, o, m, actor, pay and auto_allocate, problems)
                                for o, m in chunk]
                pairs = [(c, om) for c, om in zip(done_or_none, chunk, strict=True) if c is not None]
                failed += sum(1 for c in done_or_none if c is None)
            else:
                pairs = list(zip(done, chunk, strict=True))
            _link(db, channel_id, pairs, actor)
            created += len(pairs)
    return created, failed


def _create_one(db: Database, kind: str, order: ChannelOrder, mapped: MappedOrder, actor: Actor,
                allocate: bool, problems: list[_Problem]) -> CreatedOrder | None:
    try:
        return place_order(db, mapped.order, actor=actor,
                           pay_method=kind if mapped.fully_paid else None, allocate=allocate)
    except OmsError as exc:
        problems.append(_problem(order, "invalid", str(exc)))
        return None


def _link(db: Database, channel_id: int,
          pairs: list[tuple[CreatedOrder, tuple[ChannelOrder, MappedOrder]]], actor: Actor) -> None:
    """Record the shop side of newly created orders and settle partial payments."""
    if not pairs:
        return
    with db.write() as s:
        s.execute(insert(ChannelOrderLink), [
            {"order_id": c.id, "channel_id": channel_id, "external_id": o.external_id,
             "external_number": o.number[:64], "external_updated_at": o.updated_at,
             "line_ids": list(m.line_ids), "shop_status": o.raw_status[:40] or o.status,
             "content_hash": m.content_hash, "shipping_total": m.shipping_total}
            for c, (o, m) in pairs])
        s.execute(update(Order), [{"id": c.id, "external_updated_at": o.updated_at}
                                  for c, (o, _m) in pairs])
        for c, (_o, m) in pairs:
            if m.paid and not m.fully_paid and c.total > 0:
                pay_in(s, load_order(s, c.reference), actor=actor, amount=min(m.paid, c.total))
        _resolve(s, channel_id, {o.external_id: c.id for c, (o, _m) in pairs})


def _resolve(s: Session, channel_id: int, imported: dict[str, int]) -> None:
    ids = list(imported)
    for start in range(0, len(ids), 500):
        for entry in s.scalars(select(QuarantinedOrder).where(
                QuarantinedOrder.channel_id == channel_id, QuarantinedOrder.status == "open",
                QuarantinedOrder.kind != "conflict",
                QuarantinedOrder.external_id.in_(ids[start:start + 500]))):
            entry.status, entry.resolved_at = "resolved", utcnow()
            entry.order_id = imported[str(entry.external_id)]


# -- later changes -----------------------------------------------------------------------


def _apply_change(db: Database, channel_id: int, channel: str, kind: str, have: _Existing,
                  order: ChannelOrder, actor: Actor, mapping: dict[str, str], known: set[str],
                  problems: list[_Problem]) -> str:
    """Apply a newer shop version to an imported order; returns the ImportCounts field to bump."""
    if not have.linked:
        # Created but the link was not written (a crash between the two transactions).
        _repair_link(db, channel_id, have, order)
        return "unchanged"
    if have.external_updated_at is not None and order.updated_at <= have.external_updated_at:
        return "unchanged"  # older or the same version: never overwrites
    mapping_problem = ""
    mapped: MappedOrder | None
    try:
        mapped = map_order(order, channel=channel, sku_map=mapping, known_skus=known)
    except MappingError as exc:
        mapped, mapping_problem = None, exc.reason
    if mapped is not None and mapped.content_hash == have.content_hash:
        _bump_link(db, have.order_id, order, mapped.content_hash)
        return "unchanged"
    flags: list[str] = []
    changed = False
    shipped = OrderStatus(have.status) not in NOT_SHIPPED and have.status != OrderStatus.CANCELLED
    if order.status in (STATUS_CANCELLED, STATUS_REFUNDED) and have.status != OrderStatus.CANCELLED:
        if not shipped:
            cancel_order(db, have.reference, actor=actor, reason=f"{order.status} on {channel}")
            changed = True
        else:
            flags.append(f"{order.status} on {channel} after it shipped here: arrange the "
                         "return or refund by hand")
    with db.read() as s:
        current = s.get(Order, have.order_id)
        assert current is not None
        status, paid_amount, total = current.status, current.paid_amount, current.total
        ship = (current.ship_line1, current.ship_line2, current.ship_city, current.ship_postcode,
                current.ship_country)
        lines = sorted((ln.sku, ln.qty) for ln in current.lines)
    address = normalise_address(order.shipping_address if not order.shipping_address.is_empty
                                else order.billing_address)
    if status != OrderStatus.CANCELLED and address.line1 != "" and ship != (
            address.line1, address.line2, address.city, address.postcode, address.country):
        if OrderStatus(status) in NOT_SHIPPED:
            update_ship_to(db, have.reference, address, actor=actor,
                           reason=f"address changed on {channel}")
            changed = True
        else:
            flags.append(f"address changed on {channel} after it shipped here: "
                         f"{address.line1}, {address.postcode} {address.city}")
    if mapped is None:
        flags.append(f"changed on {channel} and cannot be read any more: {mapping_problem}")
    else:
        wanted = sorted((li.sku, li.qty) for li in mapped.order.lines)
        if wanted != lines and status != OrderStatus.CANCELLED and order.status not in (
                STATUS_CANCELLED, STATUS_REFUNDED):
            flags.append(f"lines changed on {channel} ({_describe(lines)} -> {_describe(wanted)}):"
                         " change the order here by hand")
        due = total - paid_amount
        if mapped.paid > paid_amount and due > 0 and status != OrderStatus.CANCELLED:
            with db.write() as s:
                pay_in(s, load_order(s, have.reference), actor=actor,
                       amount=min(due, mapped.paid - paid_amount), method=kind)
            changed = True
    _bump_link(db, have.order_id, order, mapped.content_hash if mapped else "")
    if flags:
        problems.append(_problem(order, "conflict", f"{have.reference}: " + "; ".join(flags)))
    if changed:
        return "updated"
    return "quarantined" if flags else "unchanged"


def _describe(lines: list[tuple[str, int]]) -> str:
    return ", ".join(f"{sku} x{qty}" for sku, qty in lines) or "nothing"


def _bump_link(db: Database, order_id: int, order: ChannelOrder, digest: str) -> None:
    with db.write() as s:
        link = s.get(ChannelOrderLink, order_id)
        if link is None:
            return
        if order.updated_at > link.external_updated_at:
            link.external_updated_at = order.updated_at
            link.shop_status = order.raw_status[:40] or order.status
            if digest:
                link.content_hash = digest
            s.execute(update(Order).where(Order.id == order_id)
                      .values(external_updated_at=order.updated_at))


def _repair_link(db: Database, channel_id: int, have: _Existing, order: ChannelOrder) -> None:
    with db.write() as s:
        if s.get(ChannelOrderLink, have.order_id) is not None:
            return
        s.add(ChannelOrderLink(
            order_id=have.order_id, channel_id=channel_id, external_id=order.external_id,
            external_number=order.number[:64], external_updated_at=order.updated_at,
            line_ids=[line.external_line_id for line in order.lines],
            shop_status=order.raw_status[:40] or order.status, content_hash="",
            shipping_total=sum(x.price for x in order.shipping_lines)))
        s.execute(update(Order).where(Order.id == have.order_id)
                  .values(external_updated_at=order.updated_at))
        _resolve(s, channel_id, {order.external_id: have.order_id})


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


def quarantine(s: Session, channel_id: int, problem: _Problem) -> None:
    """Keep (or refresh) a quarantine entry with the payload and the reason."""
    entry = None
    if problem.external_id is not None:
        entry = s.scalar(select(QuarantinedOrder).where(
            QuarantinedOrder.channel_id == channel_id,
            QuarantinedOrder.external_id == problem.external_id,
            QuarantinedOrder.kind == problem.kind))
    now = utcnow()
    if entry is None:
        s.add(QuarantinedOrder(
            channel_id=channel_id, external_id=problem.external_id,
            external_number=problem.number[:64], kind=problem.kind, reason=problem.reason,
            raw=problem.raw, normalized=problem.normalized, status="open", seen_count=1,
            created_at=now, updated_at=now))
        return
    entry.reason, entry.raw, entry.normalized = problem.reason, problem.raw, problem.normalized
    entry.status, entry.updated_at, entry.resolved_at = "open", now, None
    entry.seen_count += 1


def quarantine_response(db: Database, channel: str, reason: str, excerpt: str) -> None:
    """Keep an unreadable shop answer (no order to pin it on) for the Sync view."""
    with db.write() as s:
        ch = shop_channel(s, channel)
        quarantine(s, ch.id, _Problem(None, "", "response", reason, {"body": excerpt}, None))


def reimport_quarantined(db: Database, channel: str, *, ids: Sequence[int] | None = None,
                         actor: Actor = SYSTEM) -> ImportCounts:
    """Try quarantined orders again (after a SKU was mapped or a product added)."""
    with db.read() as s:
        ch = shop_channel(s, channel)
        stmt = select(QuarantinedOrder).where(
            QuarantinedOrder.channel_id == ch.id, QuarantinedOrder.status == "open",
            QuarantinedOrder.kind.in_(("unmapped", "invalid")),
            QuarantinedOrder.normalized.is_not(None))
        if ids is not None:
            stmt = stmt.where(QuarantinedOrder.id.in_(list(ids)))
        entries = list(s.scalars(stmt))
    orders = [from_json(e.normalized) for e in entries if e.normalized]
    return import_orders(db, channel, orders, actor=actor)


def dismiss_quarantined(db: Database, entry_id: int, *, actor: Actor, reason: str = "") -> None:
    """Close a quarantine entry a person has dealt with (audited)."""
    with db.write() as s:
        entry = s.get(QuarantinedOrder, entry_id)
        if entry is None:
            raise OmsError(f"unknown quarantine entry {entry_id}")
        entry.status, entry.resolved_at = "dismissed", utcnow()
        channel = s.get(Channel, entry.channel_id)
        audit.record(s, actor, entity="quarantine", entity_id=entry.id,
                     reference=f"{channel.code if channel else entry.channel_id}:"
                               f"{entry.external_number or entry.external_id}",
                     action="dismiss", reason=reason or entry.reason[:200])
