"""Buyers told: one outbox mail per (order or parcel, event) for channels that do not tell buyers themselves.

Marketplaces and web shops mail their buyers on their own (the tracking number is pushed to
them as before); counter, phone, manual (B2B) and CSV orders have nobody else to do it, so
these channels mail by default and any channel can be switched. The event is written to the
outbox in the transaction that changes the status, under a key made from the order, the
parcel and the event: a second firing finds the key and adds nothing, and the key is also
the mail's Message-ID (sync/mail.py), so a resend after a crash is the same message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    Customer,
    NotFound,
    Order,
    OutboxMessage,
    Shipment,
    ValidationError,
)
from omsdesk.models.roles import Permission
from omsdesk.services import audit, outbox
from omsdesk.services.channels.kinds import ERP_KINDS
from omsdesk.services.channels.mail import MAIL_KIND, mail_channel_id
from omsdesk.services.context import Actor
from omsdesk.services.users.permissions import require

BUYER_EMAIL = "buyer.email"
CONFIRMED, SHIPPED, DELIVERED, DELIVERY_FAILED = "confirmed", "shipped", "delivered", "delivery_failed"
EVENTS = (CONFIRMED, SHIPPED, DELIVERED, DELIVERY_FAILED)
PARCEL_EVENTS = frozenset({SHIPPED, DELIVERED, DELIVERY_FAILED})
# Channel kinds whose buyers hear from nobody else: on unless switched off.
TELLS_BY_DEFAULT = frozenset({"counter", "manual", "csv"})
SETTING = "notify_buyers"
# The carrier of goods handed over at the till: the buyer was there, no mail about the parcel.
HANDED_OVER = "counter"
# Order statuses that mean the shop took the order on: paid, or accepted on terms (allocated
# or waiting for stock without payment). Entering any of them confirms the order, once.
CONFIRMING = frozenset({"paid", "allocated", "backorder"})


@dataclass(frozen=True)
class ChannelMailSwitch:
    code: str
    name: str
    kind: str
    on: bool
    default: bool  # whether `on` is the kind's default (never switched)
    language: str = ""  # the mails' language for buyers without one ('' : Spanish)


def buyer_mail_on(channel: Channel) -> bool:
    """Whether this channel's buyers are mailed: its switch, else the default of its kind."""
    value = (channel.settings or {}).get(SETTING)
    return bool(value) if value is not None else channel.kind in TELLS_BY_DEFAULT


def channel_switches(db: Database) -> list[ChannelMailSwitch]:
    """Every sales channel (not the mail or ERP rows) with its switch, for the CLI and the GUI."""
    with db.read() as s:
        rows = s.scalars(select(Channel).where(Channel.removed_at.is_(None),
                                               Channel.kind.not_in((MAIL_KIND, *ERP_KINDS)))
                         .order_by(Channel.code))
        return [ChannelMailSwitch(c.code, c.name, c.kind, buyer_mail_on(c), SETTING not in (c.settings or {}),
                                  str((c.settings or {}).get("language") or "")) for c in rows]


def set_buyer_mail(db: Database, code: str, on: bool | None, *, actor: Actor,
                   language: str | None = None) -> ChannelMailSwitch:
    """Switch the buyer mails of one channel on or off and/or set their default language (audited)."""
    if language is not None and language not in ("es", "en"):
        raise ValidationError(f"the buyers' language is es or en, not '{language}'")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject=f"buyer mails of {code}")
        channel = s.scalar(select(Channel).where(Channel.code == code.strip(), Channel.removed_at.is_(None)))
        if channel is None:
            raise NotFound(f"unknown channel '{code}'")
        before = buyer_mail_on(channel)
        changes: dict[str, object] = {}
        if on is not None:
            changes[SETTING] = bool(on)
        if language is not None:
            changes["language"] = language
        # A new dict: the JSON column only notices an assignment, not a change inside it.
        channel.settings = {**(channel.settings or {}), **changes}
        now_on = buyer_mail_on(channel)
        audit.record(s, actor, entity="channel", entity_id=channel.id, reference=channel.code,
                     action="buyer-mail", reason=f"buyer e-mails {'on' if before else 'off'} -> "
                                                 f"{'on' if now_on else 'off'}"
                                                 + (f", language {language}" if language else ""))
        return ChannelMailSwitch(channel.code, channel.name, channel.kind, now_on,
                                 SETTING not in channel.settings, str(channel.settings.get("language") or ""))


def mail_key(order_id: int, event: str, shipment_id: int | None = None, occurrence: str = "") -> str:
    """The idempotency key of one buyer mail: the same event of the same parcel, the same key."""
    parts = ["buyer-mail", str(order_id), event]
    if shipment_id is not None:
        parts.append(str(shipment_id))
    if occurrence:
        parts.append(occurrence[:40])
    return ":".join(parts)


def buyer_address(session: Session, order: Order) -> str:
    """Where the buyer reads mail: the address on the order, else the customer's; '' for none."""
    if order.customer_email.strip():
        return order.customer_email.strip()
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    return (customer.email or "").strip() if customer is not None else ""


def buyer_language(session: Session, order: Order) -> str:
    """The customer's language, else the channel's default (setting `language`), else Spanish."""
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    if customer is not None and customer.language in ("es", "en"):
        return customer.language
    channel = session.get(Channel, order.channel_id)
    default = str((channel.settings or {}).get("language") or "") if channel is not None else ""
    return default if default in ("es", "en") else "es"


def notify_buyer(session: Session, order_id: int, event: str, shipment_id: int | None = None, *,
                 occurrence: str = "") -> OutboxMessage | None:
    """Queue the buyer's mail for `event` of the order (or of parcel `shipment_id`), exactly once.

    The one door for every caller: the status services (confirmation, shipping, delivery) and
    carrier code reporting a delivery. `occurrence` tells apart events that can truly happen
    again to one parcel (a second failed delivery attempt: the carrier's event id or time).
    Returns the new message, or None when the channel does not mail its buyers, the parcel was
    handed over at the counter, the sale had no known buyer, or this mail is already queued or
    sent. A customer without an address gets a message already 'skipped', with that reason.
    """
    if event not in EVENTS:
        raise ValidationError(f"unknown buyer mail event '{event}' (one of {', '.join(EVENTS)})")
    if (event in PARCEL_EVENTS) != (shipment_id is not None):
        raise ValidationError(f"the '{event}' mail is about {'a parcel' if event in PARCEL_EVENTS else 'an order'}"
                              f"{': name its shipment' if event in PARCEL_EVENTS else ', not a parcel'}")
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"unknown order id {order_id}")
    channel = session.get(Channel, order.channel_id)
    if channel is None or not buyer_mail_on(channel):
        return None
    if shipment_id is not None:
        parcel = session.get(Shipment, shipment_id)
        if parcel is None or parcel.order_id != order.id:
            raise NotFound(f"order {order.reference} has no parcel {shipment_id}")
        if parcel.carrier.strip().lower() == HANDED_OVER:
            return None
    key = mail_key(order.id, event, shipment_id, occurrence)
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)) is not None:
        return None
    address = buyer_address(session, order)
    if not address and order.customer_id is None:
        return None  # a walk-in sale: nobody known to tell
    payload: dict[str, Any] = {"order": order.reference, "event": event}
    if shipment_id is not None:
        payload["shipment_id"] = shipment_id
    try:
        # A savepoint: two workstations reporting the same event at once (a carrier poll and a
        # clerk) meet at the unique key; the second adds nothing and its own change goes on.
        with session.begin_nested():
            msg = outbox.enqueue(session, BUYER_EMAIL, payload, key=f"buyer:{order.id}",
                                 channel_id=mail_channel_id(session), idempotency_key=key)
            if not address:
                # A customer without an address: kept as skipped with the reason, never retried;
                # the key is taken, so the same event does not note it again.
                msg.status = "skipped"
                msg.last_error = f"buyer not told ({event}): {order.reference} has no e-mail address"
            session.flush()
    except IntegrityError:
        return None
    return msg


def order_status_changed(session: Session, order: Order, before: str, to: str) -> None:
    """Called by set_status on every order status change: confirms the order when it is taken on."""
    if to in CONFIRMING and before not in CONFIRMING:
        notify_buyer(session, order.id, CONFIRMED)


def parcels_left(session: Session, order: Order, parcels: list[Shipment]) -> None:
    """Called by shipping for the parcels that just left: one 'shipped' mail each."""
    for parcel in parcels:
        notify_buyer(session, order.id, SHIPPED, parcel.id)


def parcels_delivered(session: Session, order: Order, parcels: list[Shipment]) -> None:
    """Called where parcels are marked delivered: one 'delivered' mail each."""
    for parcel in parcels:
        notify_buyer(session, order.id, DELIVERED, parcel.id)


def confirmed_order_ids(session: Session, order_ids: list[int]) -> int:
    """The batch intake's door: orders stored already paid by Core inserts are confirmed here."""
    if not order_ids:
        return 0
    # IN over a subquery, not DISTINCT: PostgreSQL has no equality for the JSON settings column.
    used = select(Order.channel_id).where(Order.id.in_(order_ids))
    channels = {c.id: c for c in session.scalars(select(Channel).where(Channel.id.in_(used)))}
    if not any(buyer_mail_on(c) for c in channels.values()):
        return 0  # a marketplace batch: the usual case, one query
    return sum(notify_buyer(session, oid, CONFIRMED) is not None for oid in order_ids)


def record_delivery_failed(db: Database, reference: str, *, shipment_id: int, reason: str = "",
                           occurrence: str = "", at: datetime | None = None,
                           actor: Actor) -> OutboxMessage | None:
    """A parcel could not be delivered (the carrier's event): audited on the order, the buyer told.

    `occurrence` (the carrier's event id or time) makes a second failed attempt a second
    mail; the same event reported twice stays one.
    """
    with db.write() as s:
        order = s.scalar(select(Order).where(Order.reference == reference))
        if order is None:
            raise NotFound(f"unknown order '{reference}'")
        parcel = s.get(Shipment, shipment_id)
        if parcel is None or parcel.order_id != order.id:
            raise NotFound(f"order {reference} has no parcel {shipment_id}")
        when = f" at {at.isoformat(timespec='minutes')}" if at is not None else ""
        audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                     action="delivery-failed", from_status=order.status, to_status=order.status,
                     reason=f"parcel {shipment_id} not delivered{when}: {reason}".rstrip(": "))
        msg = notify_buyer(s, order.id, DELIVERY_FAILED, shipment_id, occurrence=occurrence)
        if msg is not None:
            msg.payload = {**msg.payload, "reason": reason[:300]}
        return msg
