"""Import shop orders: create new ones in batches, apply later changes, quarantine what cannot go in.

Idempotent by (channel, external id): the same page twice changes nothing, and a version
older than (or as old as) the one stored never overwrites it. Every change goes through the
services (intake, orders, imports).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import OmsError, Order, OrderStatus
from omsdesk.models.order import PAYMENT_METHODS
from omsdesk.models.sync_state import ChannelOrderLink
from omsdesk.models.workflow import NOT_SHIPPED
from omsdesk.services.channels.channels import shop_channel, sku_map
from omsdesk.services.channels.shop_mapping import (
    CANCELLED_SKIP,
    cancelled_on_arrival,
    default_shipping_sku,
    ensure_shipping_product,
    shipping_sku_of,
)
from omsdesk.services.context import SYSTEM, Actor
from omsdesk.services.fulfilment.orders import cancel_order, pay_order
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.imports import (
    ExistingOrder,
    ImportCounts,
    QuarantineEntry,
    ShopLink,
    active_skus,
    bump_link,
    existing_orders,
    link_created,
    link_created_in,
    open_linked_orders,
    open_quarantine,
    quarantine_all,
    repair_link,
    update_ship_to,
)
from omsdesk.services.intake.order_entry import CreatedOrder, place_order
from omsdesk.sync.connector import (
    STATUS_CANCELLED,
    STATUS_REFUNDED,
    ChannelOrder,
    Connector,
    RejectedOrder,
)
from omsdesk.sync.inbound_limits import quarantine_id
from omsdesk.sync.mapping import (
    MappedOrder,
    MappingError,
    check_address,
    content_hash,
    from_json,
    map_order,
    normalise_address,
    to_json,
)

log = logging.getLogger(__name__)

BATCH = 250
# Shop states that mean the order will never be fulfilled.
SHOP_CANCELLED = (STATUS_CANCELLED, STATUS_REFUNDED)
# What one order's own data can make the database or a service refuse. Anything else (the
# database unreachable or locked) fails the run, so the cursor stays and the page is read
# again, rather than quarantining every order of it.
ORDER_DATA_ERRORS: tuple[type[Exception], ...] = (OmsError, DataError, IntegrityError,
                                                  OverflowError, ValueError)


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
        shipping_sku = shipping_sku_of(channel, ch.settings)
        skip_cancelled = cancelled_on_arrival(ch.settings) == CANCELLED_SKIP
        mapping = sku_map(s, channel_id)
        wanted = {line.sku for o in latest.values() for line in o.lines} | set(mapping.values())
        wanted |= {shipping_sku, default_shipping_sku(channel)}
        known = active_skus(s, wanted)
        existing = existing_orders(s, channel_id, list(latest))
    if (shipping_sku == default_shipping_sku(channel) and shipping_sku not in known
            and any(o.shipping_lines for o in latest.values())):
        # A channel added before every channel got its shipping product: create it now.
        ensure_shipping_product(db, channel, actor=actor)
        with db.read() as s:
            known |= active_skus(s, {shipping_sku})
    problems = [QuarantineEntry(quarantine_id(r.external_id or None), "", "unreadable", r.reason,
                                dict(r.raw)) for r in rejected]
    fresh: list[tuple[ChannelOrder, MappedOrder]] = []
    context = _Context(db, channel_id, channel, kind, actor, mapping, known, problems,
                       shipping_sku)
    for ext, order in latest.items():
        if ext in existing:
            try:
                outcome = _apply_change(context, existing[ext], order)
            except ORDER_DATA_ERRORS as exc:
                log.warning("%s: change of order %s not applied: %s", channel, order.number, exc)
                problems.append(_entry(order, "invalid", f"{existing[ext].reference}: the "
                                       f"shop's change could not be applied: {_describe_error(exc)}"))
                continue  # counted with the page's quarantine entries below
            setattr(counts, outcome, getattr(counts, outcome) + 1)
            continue
        if skip_cancelled and order.status in SHOP_CANCELLED:
            # The channel's choice: an order cancelled before omsdesk saw it never reaches it.
            log.info("%s: order %s was %s before it was imported: skipped", channel,
                     order.number, order.status)
            counts.unchanged += 1
            continue
        try:
            mapped = map_order(order, channel=channel, sku_map=mapping, known_skus=known,
                               shipping_sku=shipping_sku)
        except MappingError as exc:
            problems.append(_entry(order, exc.kind, exc.reason))
            continue
        fresh.append((order, mapped))
    created, failed = _create(context, fresh, auto_allocate)
    counts.created += created
    counts.failed += failed
    quarantine_all(db, channel_id, problems)
    counts.quarantined += sum(1 for p in problems if p.kind != "conflict")
    return counts


def cancel_deleted(db: Database, channel: str, connector: Connector, *,
                   actor: Actor = SYSTEM) -> int:
    """Cancel here the open imported orders the shop has deleted; returns how many.

    Only orders not shipped and not cancelled are asked about (the live queue); the connector
    says which are gone (WooCommerce: deleted, or in the trash).
    """
    with db.read() as s:
        refs = open_linked_orders(s, shop_channel(s, channel).id)
    if not refs:
        return 0
    gone = connector.deleted_orders(sorted(refs))
    for ext in sorted(gone & set(refs)):
        cancel_order(db, refs[ext], actor=actor, reason=f"deleted on {channel}")
    return len(gone & set(refs))


def reimport_quarantined(db: Database, channel: str, *, ids: Sequence[int] | None = None,
                         actor: Actor = SYSTEM) -> ImportCounts:
    """Try quarantined orders again (after a SKU was mapped or a product added)."""
    orders = [from_json(data) for data in open_quarantine(db, channel, ids)]
    return import_orders(db, channel, orders, actor=actor)


@dataclasses.dataclass(frozen=True)
class _Context:
    db: Database
    channel_id: int
    channel: str
    kind: str
    actor: Actor
    mapping: dict[str, str]
    known: set[str]
    problems: list[QuarantineEntry]
    shipping_sku: str


def _entry(order: ChannelOrder, kind: str, reason: str) -> QuarantineEntry:
    return QuarantineEntry(quarantine_id(order.external_id), order.number, kind, reason,
                           dict(order.raw), to_json(order))


def _describe_error(exc: BaseException) -> str:
    # The first line only: a driver error carries the SQL and its parameters after it.
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:500]


def _link(order: ChannelOrder, order_id: int, mapped: MappedOrder | None = None) -> ShopLink:
    return ShopLink(
        order_id=order_id, external_id=order.external_id, number=order.number,
        updated_at=order.updated_at,
        line_ids=mapped.line_ids if mapped else tuple(x.external_line_id for x in order.lines),
        shop_status=order.raw_status or order.status,
        content_hash=mapped.content_hash if mapped else content_hash(order),
        shipping_total=sum(x.price for x in order.shipping_lines),
        paid=mapped.paid if mapped else 0, fully_paid=mapped.fully_paid if mapped else True)


# -- new orders --------------------------------------------------------------------------


def _create(ctx: _Context, fresh: list[tuple[ChannelOrder, MappedOrder]],
            auto_allocate: bool) -> tuple[int, int]:
    """Create in batches (paid ones paid and allocated); a refused batch goes one by one.

    The buyers are found or created by `place_orders`, in the transaction that creates their
    orders: a buyer that cannot be stored refuses its batch, and going one by one then
    quarantines only that buyer's order.
    """
    if not fresh:
        return 0, 0
    created = failed = 0
    for pay in (True, False):
        # An order the shop already cancelled is neither paid nor allocated here (its money is
        # settled on the shop); it is created and cancelled before it is linked (see below).
        group = [(o, m) for o, m in fresh
                 if (m.fully_paid and o.status not in SHOP_CANCELLED) == pay]
        for start in range(0, len(group), BATCH):
            chunk = group[start:start + BATCH]
            linked: list[bool] = []

            def link_live(s: Session, made: list[CreatedOrder],
                          chunk: list[tuple[ChannelOrder, MappedOrder]] = chunk,
                          linked: list[bool] = linked) -> None:
                # In the transaction that created them: no order of a page is left without its
                # link. A shop-cancelled one is linked only once it is cancelled (below), so a
                # crash in between re-imports and cancels it rather than finding it linked.
                link_created_in(s, ctx.channel_id, [
                    _link(o, c.id, m) for c, (o, m) in zip(made, chunk, strict=True)
                    if o.status not in SHOP_CANCELLED], actor=ctx.actor, pay_method=ctx.kind)
                linked.append(True)

            try:
                done: list[CreatedOrder | None] = list(place_orders(
                    ctx.db, [m.order for _, m in chunk], actor=ctx.actor,
                    pay_method=ctx.kind if pay else None, allocate=pay and auto_allocate,
                    then=link_live))
            except ORDER_DATA_ERRORS:
                # One order refused the batch: find it, keep the others.
                done = [_create_one(ctx, o, m, pay, pay and auto_allocate) for o, m in chunk]
            for c, (o, _) in zip(done, chunk, strict=True):
                if c is not None and o.status in SHOP_CANCELLED:
                    _cancel_as_on_shop(ctx, c.reference, o, "before it was imported")
            links = [_link(o, c.id, m) for c, (o, m) in zip(done, chunk, strict=True)
                     if c and not (linked and o.status not in SHOP_CANCELLED)]
            link_created(ctx.db, ctx.channel_id, links, actor=ctx.actor, pay_method=ctx.kind)
            created += sum(1 for c in done if c is not None)
            failed += sum(1 for c in done if c is None)
    return created, failed


def _create_one(ctx: _Context, order: ChannelOrder, mapped: MappedOrder, pay: bool,
                allocate: bool) -> CreatedOrder | None:
    try:
        return place_order(ctx.db, mapped.order, actor=ctx.actor,
                           pay_method=ctx.kind if pay else None, allocate=allocate)
    except ORDER_DATA_ERRORS as exc:
        # Its own transaction was rolled back; the others of the page go on.
        reason = str(exc) if isinstance(exc, OmsError) else (
            f"could not be stored: {_describe_error(exc)}")
        ctx.problems.append(_entry(order, "invalid", reason))
        return None


def _cancel_as_on_shop(ctx: _Context, reference: str, order: ChannelOrder, when: str) -> None:
    """Cancel here an order the shop reports cancelled or refunded (audited with the reason)."""
    cancel_order(ctx.db, reference, actor=ctx.actor,
                 reason=f"{order.status} on {ctx.channel} {when}")


# -- later changes -----------------------------------------------------------------------


def _apply_change(ctx: _Context, have: ExistingOrder, order: ChannelOrder) -> str:
    """Apply a newer shop version to an imported order; returns the ImportCounts field to bump.

    Applied while the order has not shipped: cancellation, new address, payment. Anything
    else (lines edited, cancelled or moved after shipping) is flagged for a person.
    """
    if not have.linked:
        # Created, but the run died before linking it: finish what creating it does (a shop
        # cancellation is applied before linking), then link it.
        repaired = "unchanged"
        if (order.status in SHOP_CANCELLED and have.status != OrderStatus.CANCELLED
                and OrderStatus(have.status) in NOT_SHIPPED):
            _cancel_as_on_shop(ctx, have.reference, order, "before it was imported")
            repaired = "updated"
        repair_link(ctx.db, ctx.channel_id, _link(order, have.order_id))
        return repaired
    if have.external_updated_at is not None and order.updated_at <= have.external_updated_at:
        return "unchanged"  # older or the same version: never overwrites
    mapped: MappedOrder | None
    try:
        # Mapped exactly as on creation (shipping line included), so like is compared with like.
        mapped, mapping_problem = map_order(order, channel=ctx.channel, sku_map=ctx.mapping,
                                            known_skus=ctx.known,
                                            shipping_sku=ctx.shipping_sku), ""
    except MappingError as exc:
        mapped, mapping_problem = None, exc.reason
    digest = mapped.content_hash if mapped else ""
    if mapped is not None and mapped.content_hash == have.content_hash:
        bump_link(ctx.db, have.order_id, order.updated_at, order.raw_status or order.status, digest)
        return "unchanged"
    flags: list[str] = []
    changed = False
    shop_cancelled = order.status in SHOP_CANCELLED
    if shop_cancelled and have.status != OrderStatus.CANCELLED:
        if OrderStatus(have.status) in NOT_SHIPPED:
            _cancel_as_on_shop(ctx, have.reference, order, "after it was imported")
            changed = True
        else:
            flags.append(f"{order.status} on {ctx.channel} after it shipped here: arrange the "
                         "return or refund by hand")
    with ctx.db.read() as s:
        current = s.get(Order, have.order_id)
        assert current is not None
        status, paid_amount, total = current.status, current.paid_amount, current.total
        ship = (current.ship_line1, current.ship_line2, current.ship_city, current.ship_postcode,
                current.ship_country)
        shipping_skus = {ctx.shipping_sku, default_shipping_sku(ctx.channel)}
        lines = sorted((ln.sku, ln.qty) for ln in current.lines if ln.sku not in shipping_skus)
        shipping_lines = [ln.unit_price * ln.qty for ln in current.lines if ln.sku in shipping_skus]
        link = s.get(ChannelOrderLink, have.order_id)
        # An order imported before shipping became a line has it on the link only.
        stored_shipping = sum(shipping_lines) if shipping_lines else (
            link.shipping_total if link is not None else 0)
    open_order = status != OrderStatus.CANCELLED
    address = normalise_address(order.shipping_address if not order.shipping_address.is_empty
                                else order.billing_address)
    try:
        check_address(address, "new ship-to")
        address_problem = ""
    except MappingError as exc:
        address_problem = exc.reason
    if open_order and address.line1 and ship != (address.line1, address.line2, address.city,
                                                 address.postcode, address.country):
        if address_problem:
            flags.append(f"address changed on {ctx.channel} but cannot be stored: "
                         f"{address_problem}")
        elif OrderStatus(status) in NOT_SHIPPED:
            update_ship_to(ctx.db, have.reference, address, actor=ctx.actor,
                           reason=f"address changed on {ctx.channel}")
            changed = True
        else:
            flags.append(f"address changed on {ctx.channel} after it shipped here: "
                         f"{address.line1}, {address.postcode} {address.city}")
    if mapped is None:
        flags.append(f"changed on {ctx.channel} and cannot be read any more: {mapping_problem}")
    else:
        wanted = sorted((li.sku, li.qty) for li in mapped.order.lines
                        if li.sku not in shipping_skus)
        if wanted != lines and open_order and not shop_cancelled:
            flags.append(f"lines changed on {ctx.channel} ({_describe(lines)} -> "
                         f"{_describe(wanted)}): change the order here by hand")
        if mapped.shipping_total != stored_shipping and open_order and not shop_cancelled:
            flags.append(f"shipping changed on {ctx.channel} ({stored_shipping} -> "
                         f"{mapped.shipping_total} {order.currency}): change the order here by hand")
        due = total - paid_amount
        if open_order and mapped.paid > paid_amount and due > 0:
            # pay_order accepts only the desk's methods (a shop kind is none of them): money
            # taken by the shop is a marketplace payment.
            pay_order(ctx.db, have.reference, actor=ctx.actor,
                      amount=min(due, mapped.paid - paid_amount),
                      method=ctx.kind if ctx.kind in PAYMENT_METHODS else "marketplace")
            changed = True
    bump_link(ctx.db, have.order_id, order.updated_at, order.raw_status or order.status, digest)
    if flags:
        ctx.problems.append(_entry(order, "conflict", f"{have.reference}: " + "; ".join(flags)))
    if changed:
        return "updated"
    return "quarantined" if flags else "unchanged"


def _describe(lines: list[tuple[str, int]]) -> str:
    return ", ".join(f"{sku} x{qty}" for sku, qty in lines) or "nothing"
