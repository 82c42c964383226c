"""Carrier accounts and what a booking and tracking change on a parcel: the rules, no network.

The connectors (omsdesk.carriers) talk to the carrier outside any transaction; each step here is
one short transaction: draft a booking (who, what, how heavy), record what the carrier answered
or why it refused, store tracking events and set delivered with the carrier's time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.documents.data import Party
from omsdesk.models import (
    Channel,
    Order,
    OrderLine,
    OrderStatus,
    ParcelStatus,
    Product,
    Shipment,
    ValidationError,
    Warehouse,
)
from omsdesk.models.base import utcnow
from omsdesk.models.carrier import FINAL_STATUSES, CarrierAccount, TrackingEvent, TrackingStatus
from omsdesk.models.party import Customer
from omsdesk.models.roles import Permission
from omsdesk.queries.documents import sender_for
from omsdesk.services import audit, buyer_mail
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.credit import terms_of
from omsdesk.services.fulfilment.orders import pay_in
from omsdesk.services.fulfilment.parcels import mark_delivered, parcel_units
from omsdesk.services.fulfilment.status import set_status
from omsdesk.services.users.permissions import require

NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")
# Tracking: how long until the next poll, by what the parcel is doing.
POLL_AFTER = {TrackingStatus.OUT_FOR_DELIVERY.value: timedelta(minutes=20)}
POLL_DEFAULT = timedelta(hours=1)
BACKOFF_MAX = timedelta(hours=12)


@dataclass(frozen=True)
class AccountView:
    name: str
    kind: str
    url: str
    is_default: bool
    settings: dict[str, Any] = field(default_factory=dict)
    id: int = 0


@dataclass(frozen=True)
class BookingDraft:
    """Everything a carrier needs to book one parcel, read in one transaction."""

    shipment_id: int
    reference: str
    key: str
    account: AccountView
    sender: dict[str, str]
    recipient: dict[str, str]
    weight_g: int
    service: str
    packages: int
    cod_amount: int
    currency: str
    retry: bool = False  # the key was sent before: the carrier may already have this parcel


@dataclass(frozen=True)
class BookedParcel:
    shipment_id: int
    reference: str
    carrier: str
    tracking: str
    label_format: str


# -- accounts ---------------------------------------------------------------------------


def add_account(db: Database, *, kind: str, name: str, url: str, actor: Actor, is_default: bool | None = None,
                settings: dict[str, Any] | None = None) -> AccountView:
    """Record a carrier account (its secret goes to the keyring, never here); the first one is the default."""
    name = name.strip().lower()
    if not name or set(name) - NAME_CHARS or len(name) > 40:
        raise ValidationError(f"a carrier name is letters, digits, - and _ (up to 40), not {name!r}")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"carrier {name}")
        if s.scalar(select(CarrierAccount.id).where(CarrierAccount.name == name)) is not None:
            raise ValidationError(f"there is already a carrier named {name}")
        first = s.scalar(select(CarrierAccount.id).where(CarrierAccount.active.is_(True)).limit(1)) is None
        default = first if is_default is None else is_default
        if default:
            for other in s.scalars(select(CarrierAccount).where(CarrierAccount.is_default.is_(True))):
                other.is_default = False
        row = CarrierAccount(name=name, kind=kind, url=url.strip(), settings=settings or {}, is_default=default)
        s.add(row)
        s.flush()
        audit.record(s, actor, entity="carrier", entity_id=row.id, reference=name, action="add",
                     from_status="", to_status="active", reason=f"{kind} {url}".strip())
        return _view(row)


def remove_account(db: Database, name: str, *, actor: Actor) -> None:
    """Stop using an account; its parcels keep their labels and tracking history."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"carrier {name}")
        row = _account(s, name)
        row.active, row.is_default = False, False
        audit.record(s, actor, entity="carrier", entity_id=row.id, reference=row.name, action="remove",
                     from_status="active", to_status="removed", reason="")


def list_accounts(session: Session) -> list[AccountView]:
    return [_view(a) for a in session.scalars(select(CarrierAccount).where(CarrierAccount.active.is_(True))
                                              .order_by(CarrierAccount.name))]


def account_for(session: Session, name: str | None = None) -> AccountView | None:
    """The named account, or the default one (None: no carrier configured, the manual way)."""
    if name:
        return _view(_account(session, name))
    row = session.scalar(select(CarrierAccount).where(CarrierAccount.active.is_(True),
                                                      CarrierAccount.is_default.is_(True)).limit(1))
    return _view(row) if row is not None else None


def _account(session: Session, name: str) -> CarrierAccount:
    row = session.scalar(select(CarrierAccount).where(CarrierAccount.name == name.strip().lower(),
                                                      CarrierAccount.active.is_(True)))
    if row is None:
        raise ValidationError(f"no carrier named {name!r} (see omsdesk carriers list)")
    return row


def _view(row: CarrierAccount) -> AccountView:
    return AccountView(row.name, row.kind, row.url, bool(row.is_default), dict(row.settings or {}), row.id)


# -- booking ----------------------------------------------------------------------------


def bookable_parcels(session: Session, reference: str) -> list[int]:
    """The order's packed or shipped parcels that have no carrier label yet."""
    order = session.scalar(select(Order).where(Order.reference == reference))
    if order is None:
        raise ValidationError(f"no order {reference}")
    found = [p.id for p in order.parcels if p.status in (ParcelStatus.PACKED.value, ParcelStatus.SHIPPED.value)
             and p.label is None and not (p.tracking and p.carrier_account_id is None)]
    if not found:
        raise ValidationError(f"order {reference} has no packed parcel waiting for a carrier label")
    return found


def draft_booking(session: Session, shipment_id: int, account: AccountView, *, service: str = "",
                  weight_g: int | None = None, senders: dict[int, Party] | None = None) -> BookingDraft:
    """What to send for one parcel; ValidationError (recorded by the caller) when something is missing.

    `senders` keeps each warehouse's sender for a batch (a wave books hundreds from one warehouse).
    """
    with session.no_autoflush:
        return _draft(session, shipment_id, account, service, weight_g, {} if senders is None else senders)


def _draft(session: Session, shipment_id: int, account: AccountView, service: str,
           weight_g: int | None, senders: dict[int, Party]) -> BookingDraft:
    parcel = _parcel(session, shipment_id)
    order = parcel.order
    if parcel.status not in (ParcelStatus.PACKED.value, ParcelStatus.SHIPPED.value):
        raise ValidationError(f"parcel {parcel.id} of {order.reference} is {parcel.status}: pack it first")
    if weight_g is not None:
        if isinstance(weight_g, bool) or not 1 <= weight_g <= 1_000_000:
            raise ValidationError(f"the weight is whole grams from 1 to 1,000,000, not {weight_g!r}")
        parcel.weight_g = weight_g
    grams = parcel.weight_g or _product_weight(session, order, parcel)
    if not grams:
        raise ValidationError(f"weight missing for parcel {parcel.id} of {order.reference}: give the parcel "
                              "weight (--weight G) or the products' weights")
    if not (order.ship_line1 and order.ship_postcode and order.ship_city):
        raise ValidationError(f"address incomplete on {order.reference}: street, postcode and city are needed")
    retry = bool(parcel.booking_key)
    if not parcel.booking_key:
        # Fixed before the first call and sent on every retry: the carrier sees one parcel. The
        # random part keeps two databases (a restored copy, a test shop) from sharing keys.
        parcel.booking_key = f"omsdesk-{order.reference}-{parcel.id}-{uuid.uuid4().hex[:8]}"
    parcel.carrier_account_id = account.id or _account(session, account.name).id
    parcel.service = service or parcel.service or str(account.settings.get("service") or "")
    sender = senders.get(parcel.warehouse_id)
    if sender is None:
        sender = senders[parcel.warehouse_id] = sender_for(session, parcel.warehouse_id)
    house = session.get(Warehouse, parcel.warehouse_id)
    phone = ""
    if order.customer_id is not None:
        customer = session.get(Customer, order.customer_id)
        phone = (customer.phone or "") if customer is not None else ""
    cod = order.balance_due if terms_of(session, order).kind == "cod" else 0
    return BookingDraft(
        shipment_id=parcel.id, reference=order.reference, key=parcel.booking_key, account=account,
        sender={"name": sender.name, "line1": house.address if house else "", "city": house.city if house else "",
                "postcode": house.postcode if house else "", "country": sender.country or "ES",
                "phone": sender.phone or ""},
        recipient={"name": order.ship_name or order.customer_name, "line1": order.ship_line1,
                   "line2": order.ship_line2, "postcode": order.ship_postcode, "city": order.ship_city,
                   "province": order.ship_province, "country": order.ship_country or "ES",
                   "email": order.customer_email, "phone": phone},
        weight_g=grams, service=parcel.service, packages=parcel.packages, cod_amount=cod, currency=order.currency,
        retry=retry)


def _product_weight(session: Session, order: Order, parcel: Shipment) -> int:
    units = parcel_units(order, parcel)
    skus = {ln.sku: ln.product_id for ln in order.lines}
    # By primary key: a wave's products were brought into the session by load_parcels.
    products = {sku: session.get(Product, pid) for sku, pid in skus.items() if sku in units}
    weights = {sku: (p.weight_g if p is not None else None) for sku, p in products.items()}
    if any(not weights.get(sku) for sku in units):
        return 0  # one product without a weight: the parcel's weight is not known
    return sum((weights[sku] or 0) * qty for sku, qty in units.items())


@dataclass(frozen=True)
class BookingResult:
    """What one booking came to, to record: the carrier's numbers and label, or why not."""

    shipment_id: int
    carrier: str = ""
    tracking: str = ""
    carrier_ref: str = ""
    label: bytes = b""
    label_format: str = ""
    error: str = ""


def record_booking(db: Database, shipment_id: int, *, carrier: str, tracking: str, carrier_ref: str,
                   label: bytes, label_format: str, actor: Actor) -> BookedParcel:
    """Keep what the carrier answered: tracking number, its id, the label; a booking error is cleared."""
    with db.write() as s:
        return record_booking_in(s, BookingResult(shipment_id, carrier, tracking, carrier_ref, label, label_format),
                                 actor=actor)


def load_parcels(session: Session, shipment_ids: list[int]) -> list[Any]:
    """Bring a chunk of parcels with their orders and lines into the session in a few queries.

    The session holds loaded rows weakly: the caller keeps the list while it works on them.
    """
    parcels = list(session.scalars(select(Shipment).where(Shipment.id.in_(shipment_ids))
                            .options(selectinload(Shipment.order).selectinload(Order.lines)
                                     .selectinload(OrderLine.reservations))))
    orders = {p.order for p in parcels}
    # Their products, customers, warehouses and channels too, so drafting a booking reads them
    # by key without a query (the session forgets rows nobody holds).
    product_ids = {ln.product_id for o in orders for ln in o.lines}
    customer_ids = {o.customer_id for o in orders if o.customer_id is not None}
    held: list[Any] = list(parcels)
    if product_ids:
        held += session.scalars(select(Product).where(Product.id.in_(product_ids))).all()
    if customer_ids:
        held += session.scalars(select(Customer).where(Customer.id.in_(customer_ids))).all()
    held += session.scalars(select(Warehouse).where(Warehouse.id.in_({p.warehouse_id for p in parcels}))).all()
    held += session.scalars(select(Channel).where(Channel.id.in_({o.channel_id for o in orders}))).all()
    return held


def record_bookings(db: Database, results: list[BookingResult], *, actor: Actor) -> None:
    """Several bookings (a wave's) recorded in one transaction, each as `record_booking` or its failure."""
    with db.write() as s:
        # Recording needs the parcels and their orders only (not what drafting reads).
        held = list(s.scalars(select(Shipment).where(Shipment.id.in_([r.shipment_id for r in results]))
                              .options(selectinload(Shipment.order))))
        for result in results:
            if result.error:
                record_failure_in(s, result.shipment_id, result.error, actor=actor)
            else:
                record_booking_in(s, result, actor=actor)
        del held


def record_booking_in(session: Session, result: BookingResult, *, actor: Actor) -> BookedParcel:
    parcel = _parcel(session, result.shipment_id)
    order = parcel.order
    parcel.carrier, parcel.tracking, parcel.carrier_ref = result.carrier, result.tracking, result.carrier_ref
    parcel.label, parcel.label_format = (result.label or None), result.label_format if result.label else ""
    parcel.booked_at = parcel.booked_at or utcnow()
    parcel.booking_error, parcel.booking_failed_at = "", None
    parcel.tracking_status = parcel.tracking_status or TrackingStatus.BOOKED.value
    audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference, action="book",
                 from_status=order.status, to_status=order.status,
                 reason=f"parcel {parcel.id}: {result.carrier} {result.tracking}")
    return BookedParcel(parcel.id, order.reference, result.carrier, result.tracking, parcel.label_format)


def record_booking_failure(db: Database, shipment_id: int, reason: str, *, actor: Actor) -> None:
    """Say on the parcel (and so in the order's history and the inbox) why it has no label; it stays packed."""
    with db.write() as s:
        record_failure_in(s, shipment_id, reason, actor=actor)


def record_failure_in(session: Session, shipment_id: int, reason: str, *, actor: Actor) -> None:
    parcel = _parcel(session, shipment_id)
    order = parcel.order
    parcel.booking_error, parcel.booking_failed_at = reason[:1000], utcnow()
    audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                 action="book-failed", from_status=order.status, to_status=order.status,
                 reason=f"parcel {parcel.id}: {reason}"[:500])


def label_of(session: Session, reference: str) -> tuple[bytes, str, int]:
    """The newest carrier label of an order: bytes, format and parcel id."""
    order = session.scalar(select(Order).where(Order.reference == reference))
    if order is None:
        raise ValidationError(f"no order {reference}")
    parcel = next((p for p in reversed(order.parcels) if p.label), None)
    if parcel is None or parcel.label is None:
        raise ValidationError(f"order {reference} has no carrier label; book it first (omsdesk shipments book)")
    return parcel.label, parcel.label_format, parcel.id


def _parcel(session: Session, shipment_id: int) -> Shipment:
    parcel = session.get(Shipment, shipment_id)
    if parcel is None:
        raise ValidationError(f"no parcel {shipment_id}")
    return parcel


# -- tracking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackedParcel:
    shipment_id: int
    reference: str
    account: str
    tracking: str
    status: str


def tracking_due(session: Session, now: datetime | None, limit: int = 500,
                 numbers: list[str] | None = None) -> list[TrackedParcel]:
    """Shipped, booked parcels not at their end yet whose next poll is due (all of them: `now` None).

    `numbers` keeps those tracking numbers only (a carrier's webhook names the parcel that moved).
    """
    due = (Shipment.tracking_next_at.is_(None)) | (Shipment.tracking_next_at <= now) if now is not None else true()
    if numbers is not None:
        due = due & Shipment.tracking.in_(numbers)
    rows = session.execute(
        select(Shipment.id, Order.reference, CarrierAccount.name, Shipment.tracking, Shipment.tracking_status)
        .join(Order, Order.id == Shipment.order_id)
        .join(CarrierAccount, CarrierAccount.id == Shipment.carrier_account_id)
        .where(Shipment.status == ParcelStatus.SHIPPED.value, Shipment.tracking != "",
               Shipment.tracking_status.not_in(list(FINAL_STATUSES)), due)
        .order_by(Shipment.tracking_next_at.is_not(None), Shipment.tracking_next_at, Shipment.id).limit(limit)).all()
    return [TrackedParcel(*r) for r in rows]


def tracked_parcels(session: Session, limit: int = 500) -> list[TrackedParcel]:
    """Every parcel booked with a carrier that has left and is not delivered or back, for `shipments track`."""
    rows = session.execute(
        select(Shipment.id, Order.reference, CarrierAccount.name, Shipment.tracking, Shipment.tracking_status)
        .join(Order, Order.id == Shipment.order_id)
        .join(CarrierAccount, CarrierAccount.id == Shipment.carrier_account_id)
        .where(Shipment.status.in_([ParcelStatus.SHIPPED.value, ParcelStatus.DELIVERED.value]), Shipment.tracking != "")
        .order_by(Shipment.id.desc()).limit(limit)).all()
    return [TrackedParcel(*r) for r in rows]


@dataclass(frozen=True)
class EventIn:
    code: str
    status: str
    at: datetime
    message: str = ""
    cod_collected: int = 0


def record_tracking(db: Database, shipment_id: int, events: list[EventIn], *, actor: Actor,
                    now: datetime | None = None) -> str:
    """Store the carrier's events (each once), set the parcel's status from the newest, deliver on delivered.

    Delivered takes the carrier's time; when it is the order's last parcel to arrive the order
    becomes delivered through the same rule as `orders deliver` (a cash-on-delivery balance is
    recorded as paid by the carrier). Returns the parcel's tracking status.
    """
    moment = now or utcnow()
    with db.write() as s:
        parcel = _parcel(s, shipment_id)
        known = {(c, _aware(a)) for c, a in s.execute(
            select(TrackingEvent.code, TrackingEvent.happened_at).where(TrackingEvent.shipment_id == parcel.id))}
        for e in sorted(events, key=lambda e: e.at):
            if (e.code, e.at) not in known:
                s.add(TrackingEvent(shipment_id=parcel.id, happened_at=e.at, code=e.code[:40], status=e.status,
                                    message=e.message, cod_collected=e.cod_collected))
                known.add((e.code, e.at))
                if e.status == TrackingStatus.DELIVERY_FAILED.value:
                    # Each failed attempt is its own mail: the carrier's event names the occurrence.
                    buyer_mail.notify_buyer(s, parcel.order_id, buyer_mail.DELIVERY_FAILED, parcel.id,
                                            occurrence=f"{e.code}@{e.at.isoformat()}")
        # Carriers list events oldest first; two in the same second keep that order.
        latest = sorted(events, key=lambda e: e.at)[-1] if events else None
        if latest is not None:
            parcel.tracking_status, parcel.tracking_at = latest.status, latest.at
        parcel.tracking_failures, parcel.tracking_error = 0, ""
        parcel.tracking_next_at = moment + POLL_AFTER.get(parcel.tracking_status, POLL_DEFAULT)
        delivered = next((e for e in events if e.status == TrackingStatus.DELIVERED.value), None)
        if delivered is not None and parcel.status == ParcelStatus.SHIPPED.value:
            _deliver(s, parcel, delivered, actor)
        return parcel.tracking_status


def _deliver(session: Session, parcel: Shipment, event: EventIn, actor: Actor) -> None:
    order = parcel.order
    parcel.status, parcel.delivered_at = ParcelStatus.DELIVERED.value, event.at
    at_door = all(p.status == ParcelStatus.DELIVERED.value for p in order.shipments)
    if not (at_door and order.status == OrderStatus.SHIPPED.value):
        # The order is not all at the door yet: this parcel's own mail (mark_delivered sends the last).
        buyer_mail.notify_buyer(session, order.id, buyer_mail.DELIVERED, parcel.id)
        audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                     action="deliver", from_status=order.status, to_status=order.status,
                     reason=f"parcel {parcel.id} delivered ({parcel.carrier} {parcel.tracking})")
        return
    _collect_cod(session, order, parcel, event, actor)
    mark_delivered(order, event.at)
    set_status(session, order, OrderStatus.DELIVERED, "deliver", actor,
               f"carrier {parcel.carrier} {parcel.tracking}: {event.message or event.code}"[:500])


def _collect_cod(session: Session, order: Order, parcel: Shipment, event: EventIn, actor: Actor) -> None:
    """Cash on delivery: the carrier's delivery of the order's last parcel is the collection.

    Neither carrier reports a collected amount: Sendcloud's tracking statuses carry
    carrier_update_timestamp, parent_status, carrier_code and carrier_message, Correos' tracking
    search eventDate, eventTime, phase, summaryText and extendedText, and neither has a separate
    "cash collected" event. So the delivery stands for it: the balance due is recorded as paid,
    method `cod`, at the carrier's delivery time, referenced by carrier and tracking number.
    Exactly once: only the delivery that closes the order comes here (a repeated poll or a second
    report of the same delivery finds the parcel delivered already), and only while a balance is
    due. A plug-in connector that does report an amount (`cod_collected`) has that amount
    recorded; what it did not collect stays due on the order.
    """
    if terms_of(session, order).kind != "cod" or order.balance_due <= 0:
        return
    amount = min(event.cod_collected, order.balance_due) if event.cod_collected else None
    pay_in(session, order, actor=actor, amount=amount, method="cod",
           payment_ref=f"{parcel.carrier} {parcel.tracking}"[:100], paid_at=event.at)


def record_tracking_failure(db: Database, shipment_ids: list[int], reason: str, *, unknown: bool = False,
                            now: datetime | None = None) -> None:
    """A poll that failed: ask again later, twice as late each time (up to 12 h), and say why."""
    moment = now or utcnow()
    with db.write() as s:
        for parcel in s.scalars(select(Shipment).where(Shipment.id.in_(shipment_ids))):
            parcel.tracking_failures += 1
            delay = min(BACKOFF_MAX, timedelta(minutes=5) * (2 ** min(parcel.tracking_failures - 1, 10)))
            parcel.tracking_next_at = moment + delay
            parcel.tracking_error = ("unknown at the carrier: " if unknown else "") + reason[:900]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
