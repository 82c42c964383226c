"""One inbox of everything that needs a person: late orders, stock shortfalls, bad imports,
messages that could not be delivered, money owed back, channels in error, parcels a carrier
would not book or could not deliver (issue 16 points 5 and 7).

Each item says what it is about, why, since when, and the one action that usually fixes it;
the action itself runs through the service that owns it (the inbox only points the way).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from omsdesk.models import (
    Channel,
    Order,
    OrderLine,
    OrderStatus,
    OutboxMessage,
    ParcelStatus,
    Product,
    Shipment,
    StockLevel,
    Warehouse,
)
from omsdesk.models.base import utcnow
from omsdesk.models.carrier import TROUBLE_STATUSES
from omsdesk.models.inbox import ExceptionDismissal
from omsdesk.models.sync_state import ChannelSyncState, QuarantinedOrder
from omsdesk.queries.order_page import OPEN_STATUSES

# kind -> the action that usually resolves it (the desktop offers it, the CLI names it)
ACTIONS = {
    "late": "open",              # see why it has not shipped
    "backorder": "allocate",     # try again now that stock may have come in
    "quarantine": "reimport",    # after fixing the cause (a SKU mapping, the product)
    "parked": "retry",           # queue the message again
    "refund_due": "refund",      # give the money back
    "unpaid_shipped": "open",    # goods left, the money did not arrive
    "channel": "test",           # test the connection, fix the settings or the secret
    "booking_failed": "book",    # fix what the carrier refused (weight, address), then book again
    "delivery_failed": "open",   # call the buyer, arrange a new delivery or the return
    "below_zero": "count",       # an offline counter sale took more than the level had: count the shelf
}
KINDS = tuple(ACTIONS)
LIMIT = 500  # per kind: the inbox shows the oldest first, a count says how many there are


@dataclass(frozen=True)
class ExceptionItem:
    kind: str       # one of KINDS
    key: str        # order reference, quarantine id, outbox id or channel code
    reason: str
    since: datetime | None
    action: str
    channel: str = ""  # the shop a quarantined import came from (re-import is per channel)
    # The facts behind `reason`, so a screen can say it in its own language.
    state: str = ""    # the order's status; for a channel: config, auth, offline or failing
    units: int = 0     # units waiting; failed runs of a channel
    amount: int = 0    # minor units owed back or still due
    currency: str = ""
    detail: str = ""   # what another system said (an import's reason, an error), as it said it
    parcel: int = 0    # the parcel (shipment id) a carrier problem is about


def _late(session: Session, now: datetime) -> list[ExceptionItem]:
    rows = session.execute(
        select(Order.reference, Order.status, Order.ship_by)
        .where(Order.ship_by < now, Order.status.in_([s.value for s in OPEN_STATUSES]))
        .order_by(Order.ship_by).limit(LIMIT)).all()
    return [ExceptionItem("late", ref, f"should have shipped by then; status {status}", ship_by, "open",
                          state=status) for ref, status, ship_by in rows]


def _backorders(session: Session) -> list[ExceptionItem]:
    rows = session.execute(
        select(Order.reference, Order.updated_at, func.sum(OrderLine.qty - OrderLine.qty_shipped
                                                           - OrderLine.qty_cancelled))
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.status == OrderStatus.BACKORDER.value)
        .group_by(Order.reference, Order.updated_at).order_by(Order.updated_at).limit(LIMIT)).all()
    return [ExceptionItem("backorder", ref, f"{int(units or 0)} unit(s) wait for stock", at, "allocate",
                          units=int(units or 0)) for ref, at, units in rows]


def _quarantine(session: Session) -> list[ExceptionItem]:
    rows = session.execute(
        select(QuarantinedOrder.id, Channel.code, QuarantinedOrder.external_number, QuarantinedOrder.external_id,
               QuarantinedOrder.reason, QuarantinedOrder.created_at)
        .join(Channel, Channel.id == QuarantinedOrder.channel_id)
        .where(QuarantinedOrder.status == "open").order_by(QuarantinedOrder.id).limit(LIMIT)).all()
    return [ExceptionItem("quarantine", str(qid), f"{code} {number or ext or ''}: {reason}".strip(), at, "reimport",
                          code, detail=f"{number or ext or ''}: {reason}".strip(": "))
            for qid, code, number, ext, reason, at in rows]


def _parked(session: Session) -> list[ExceptionItem]:
    rows = session.execute(
        select(OutboxMessage.id, OutboxMessage.topic, OutboxMessage.key, OutboxMessage.last_error,
               OutboxMessage.created_at)
        .where(OutboxMessage.status == "failed").order_by(OutboxMessage.id).limit(LIMIT)).all()
    return [ExceptionItem("parked", str(mid), f"{topic} {key}: {error or 'gave up'}".strip(), at, "retry",
                          detail=f"{topic} {key}: {error}".strip(": ")) for mid, topic, key, error, at in rows]


def _below_zero(session: Session) -> list[ExceptionItem]:
    """Levels an offline counter sale took below zero on replay: the goods had left already."""
    rows = session.execute(
        select(Product.sku, Warehouse.code, StockLevel.on_hand, StockLevel.updated_at)
        .join(Product, Product.id == StockLevel.product_id)
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .where(StockLevel.on_hand < 0).order_by(StockLevel.updated_at).limit(LIMIT)).all()
    return [ExceptionItem("below_zero", f"{sku}@{wh}", f"stock below zero after offline sale: "
                          f"{on_hand} on hand", at, "count", units=int(on_hand))
            for sku, wh, on_hand, at in rows]


def _money(session: Session) -> list[ExceptionItem]:
    """Orders whose money and goods disagree: paid for units that will not come, or shipped unpaid."""
    closed = select(OrderLine.order_id).where((OrderLine.qty_cancelled > 0) | (OrderLine.qty_returned > 0))
    owed_back = session.scalars(
        select(Order).where(Order.paid_amount > Order.refunded_amount, Order.id.in_(closed))
        .options(selectinload(Order.lines)).order_by(Order.updated_at).limit(LIMIT))
    out = [ExceptionItem("refund_due", o.reference, f"{o.refund_due} {o.currency} paid for units cancelled "
                         "or returned", o.updated_at, "refund", amount=o.refund_due, currency=o.currency)
           for o in owed_back if o.refund_due > 0]
    # Shipped and not paid, when nobody agreed to wait: terms and cash on delivery are expected.
    from omsdesk.services.fulfilment.credit import terms_of

    shipped = session.scalars(
        select(Order).where(Order.status.in_([OrderStatus.SHIPPED.value, OrderStatus.DELIVERED.value]),
                            Order.paid_amount - Order.refunded_amount < Order.total)
        .options(selectinload(Order.lines)).order_by(Order.updated_at).limit(LIMIT))
    for o in shipped:
        if o.balance_due > 0 and not terms_of(session, o).ships_unpaid:
            out.append(ExceptionItem("unpaid_shipped", o.reference,
                                     f"{o.balance_due} {o.currency} still due after shipping", o.updated_at, "open",
                                     amount=o.balance_due, currency=o.currency))
    return out


def _channels(session: Session) -> list[ExceptionItem]:
    rows = session.execute(
        select(Channel.code, ChannelSyncState.consecutive_failures, ChannelSyncState.credentials_invalid,
               ChannelSyncState.config_invalid, ChannelSyncState.offline, ChannelSyncState.last_error,
               ChannelSyncState.last_attempt_at)
        .join(ChannelSyncState, ChannelSyncState.channel_id == Channel.id)
        .where(Channel.active.is_(True))
        .where((ChannelSyncState.consecutive_failures > 0) | ChannelSyncState.credentials_invalid
               | ChannelSyncState.config_invalid)).all()
    out = []
    for code, failures, creds, config, offline, error, at in rows:
        what = ("its settings are wrong" if config else "the shop refuses its credentials" if creds
                else "the shop does not answer" if offline else f"{failures} failed run(s)")
        state = "config" if config else "auth" if creds else "offline" if offline else "failing"
        out.append(ExceptionItem("channel", code, f"{what}: {error}".rstrip(": "), at, "test", state=state,
                                 units=int(failures or 0), detail=error or ""))
    return out


def cause_of(item: ExceptionItem) -> str:
    """A digest of why the item is in the inbox: a dismissal holds while this stays the same.

    Per kind, the facts that make it a problem, not its wording: a late order's ship-by (not
    its status as it moves on), the units a backorder waits for, the amount owed, the error.
    """
    facts: tuple[object, ...]
    if item.kind == "late":
        facts = (item.since.isoformat() if item.since else "",)
    elif item.kind == "backorder":
        facts = (item.units,)
    elif item.kind in ("refund_due", "unpaid_shipped"):
        facts = (item.amount, item.currency)
    elif item.kind == "below_zero":
        facts = (item.units,)
    elif item.kind == "channel":
        facts = (item.state, item.detail)
    else:
        facts = (item.reason,)
    text = "\x1f".join(str(f) for f in (item.kind, item.key, *facts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _dismissed(session: Session, kinds: tuple[str, ...]) -> set[tuple[str, str, str]]:
    return {(k, key, cause) for k, key, cause in session.execute(
        select(ExceptionDismissal.kind, ExceptionDismissal.key, ExceptionDismissal.cause)
        .where(ExceptionDismissal.kind.in_(kinds)))}


def exceptions(session: Session, *, kinds: tuple[str, ...] = KINDS, now: datetime | None = None,
               include_dismissed: bool = False) -> list[ExceptionItem]:
    """Every open exception of the given kinds, oldest first within each kind.

    An item dismissed with a note stays out while its cause is the one it was dismissed for.
    """
    found = _found(session, kinds, now)
    if include_dismissed or not found:
        return found
    hidden = _dismissed(session, kinds)
    return [i for i in found if (i.kind, i.key, cause_of(i)) not in hidden] if hidden else found


def _carrier_problems(session: Session, kinds: tuple[str, ...]) -> list[ExceptionItem]:
    """Parcels the carrier would not book, and parcels the carrier could not deliver (or does not know)."""
    out: list[ExceptionItem] = []
    if "booking_failed" in kinds:
        rows = session.execute(
            select(Shipment.id, Order.reference, Shipment.booking_error, Shipment.booking_failed_at)
            .join(Order, Order.id == Shipment.order_id)
            .where(Shipment.booking_error != "", Shipment.label.is_(None),
                   Shipment.status.in_([ParcelStatus.PACKED.value, ParcelStatus.SHIPPED.value]))
            .order_by(Shipment.booking_failed_at).limit(LIMIT)).all()
        out += [ExceptionItem("booking_failed", ref, f"parcel {sid}: {error}", at, "book", detail=error, parcel=sid)
                for sid, ref, error, at in rows]
    if "delivery_failed" in kinds:
        trouble = session.execute(
            select(Shipment.id, Order.reference, Shipment.tracking_status, Shipment.tracking_error,
                   Shipment.tracking_at, Shipment.shipped_at, Shipment.carrier, Shipment.tracking)
            .join(Order, Order.id == Shipment.order_id)
            .where(Shipment.status == ParcelStatus.SHIPPED.value,
                   Shipment.tracking_status.in_(list(TROUBLE_STATUSES))
                   | Shipment.tracking_error.startswith("unknown at the carrier"))
            .order_by(Shipment.id).limit(LIMIT)).all()
        for sid, ref, status, error, at, shipped, carrier, tracking in trouble:
            what = error if status not in TROUBLE_STATUSES else f"{carrier} {tracking}: {status.replace('_', ' ')}"
            out.append(ExceptionItem("delivery_failed", ref, f"parcel {sid}: {what}", at or shipped, "open",
                                     state=status if status in TROUBLE_STATUSES else "unknown", detail=what,
                                     parcel=sid))
    return out


def _found(session: Session, kinds: tuple[str, ...], now: datetime | None) -> list[ExceptionItem]:
    moment = now or utcnow()
    found: list[ExceptionItem] = []
    if "late" in kinds:
        found += _late(session, moment)
    if "backorder" in kinds:
        found += _backorders(session)
    if "quarantine" in kinds:
        found += _quarantine(session)
    if "parked" in kinds:
        found += _parked(session)
    if "refund_due" in kinds or "unpaid_shipped" in kinds:
        found += [i for i in _money(session) if i.kind in kinds]
    if "channel" in kinds:
        found += _channels(session)
    found += _carrier_problems(session, kinds)
    if "below_zero" in kinds:
        found += _below_zero(session)
    return found


def exception_counts(session: Session, *, now: datetime | None = None) -> dict[str, int]:
    """How many of each kind, for the status bar and the inbox's tabs."""
    counts = Counter(i.kind for i in exceptions(session, now=now))
    return {k: counts.get(k, 0) for k in KINDS}
