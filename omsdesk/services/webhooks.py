"""Outbound webhooks (issue 14 point 8): subscriptions, and one outbox message per event and receiver.

An event is written to the outbox in the transaction that makes it happen, once per active
subscription that asked for it, under the key `webhook:<event>:<entity id>:<subscription>`:
the same event fired again (a replayed import, a second status write) finds the key and adds
nothing, and the key travels as the `X-Omsdesk-Delivery` header so a receiver can drop a
resend after a crash (sync/webhooks.py delivers, docs/webhooks.md documents the payloads).

The hooks are the ones buyer mails use: `set_status` for paid, shipped, delivered and
returned, order creation (one order, or a batch), and the invoice writer.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import urlsplit

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.models import Channel, NotFound, Order, OutboxMessage, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import Invoice
from omsdesk.models.roles import Permission
from omsdesk.models.webhooks import WebhookAttempt, WebhookSubscription
from omsdesk.services import audit, outbox
from omsdesk.services.context import Actor
from omsdesk.services.rows import insert_many
from omsdesk.services.users.permissions import require

TOPIC = "webhook.post"
ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED = "order.created", "order.paid", "order.shipped"
ORDER_DELIVERED, ORDER_RETURNED, INVOICE_ISSUED = "order.delivered", "order.returned", "invoice.issued"
EVENTS = (ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_RETURNED, INVOICE_ISSUED)
# The order status whose arrival is the event (set_status sees every change).
STATUS_EVENTS = {"paid": ORDER_PAID, "shipped": ORDER_SHIPPED, "delivered": ORDER_DELIVERED,
                 "returned": ORDER_RETURNED}
PING = "ping"  # `webhooks test`: never queued, sent at once
_CACHE = "webhook_subscriptions"  # session.info: the active subscriptions, read once per transaction


@dataclass(frozen=True)
class Subscription:
    id: int
    url: str
    events: tuple[str, ...]
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class AttemptRow:
    at: datetime
    subscription_id: int
    event: str
    delivery: str
    attempt: int
    status_code: int | None
    outcome: str
    error: str
    duration_ms: int


def secret_entry(subscription_id: int) -> str:
    """The keyring entry holding a subscription's signing secret."""
    return f"webhook-{subscription_id}"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """An https URL with a host, or http to this machine (a receiver under test)."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        raise ValidationError(f"'{url}' is not a URL") from None
    if parts.scheme not in ("https", "http") or not host:
        raise ValidationError(f"the webhook URL must be https://host/...: '{url}'")
    if parts.scheme == "http" and not _loopback(host):
        raise ValidationError(f"plain http is only allowed to this machine (localhost); use https for {host}")
    if parts.username or parts.password:
        raise ValidationError("the webhook URL must not carry a user or password: the signature proves the sender")
    if len(text) > 500:
        raise ValidationError("the webhook URL is longer than 500 characters")
    return text


def check_events(events: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    chosen: list[str] = []
    for e in events:
        name = e.strip()
        if name not in EVENTS:
            raise ValidationError(f"unknown event '{name}' (one of {', '.join(EVENTS)})")
        if name not in chosen:
            chosen.append(name)
    if not chosen:
        raise ValidationError(f"name at least one event ({', '.join(EVENTS)})")
    return tuple(chosen)


def _dto(row: WebhookSubscription) -> Subscription:
    return Subscription(row.id, row.url, tuple(row.events or ()), bool(row.active), row.created_at)


def add_subscription(db: Database, url: str, events: list[str] | tuple[str, ...], *, actor: Actor,
                     active: bool = True) -> Subscription:
    """Store a subscription (audited); the caller puts its secret in the keyring."""
    checked_url, checked = check_url(url), check_events(events)
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="webhooks")
        row = WebhookSubscription(url=checked_url, events=list(checked), active=active, created_at=utcnow())
        s.add(row)
        s.flush()
        audit.record(s, actor, entity="webhook", entity_id=row.id, reference=str(row.id), action="add",
                     reason=f"{checked_url} for {', '.join(checked)}")
        return _dto(row)


def remove_subscription(db: Database, subscription_id: int, *, actor: Actor) -> Subscription:
    """Delete it; messages still queued for it are skipped when their turn comes."""
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="webhooks")
        row = s.get(WebhookSubscription, subscription_id)
        if row is None:
            raise NotFound(f"unknown webhook {subscription_id}")
        dto = _dto(row)
        s.delete(row)
        audit.record(s, actor, entity="webhook", entity_id=subscription_id, reference=str(subscription_id),
                     action="remove", reason=dto.url)
        return dto


def subscriptions(db: Database) -> list[Subscription]:
    with db.read() as s:
        return [_dto(r) for r in s.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id))]


def subscription(db: Database, subscription_id: int) -> Subscription:
    with db.read() as s:
        row = s.get(WebhookSubscription, subscription_id)
        if row is None:
            raise NotFound(f"unknown webhook {subscription_id}")
        return _dto(row)


def delivery_log(db: Database, limit: int = 50) -> list[AttemptRow]:
    """The latest POSTs, newest first."""
    with db.read() as s:
        rows = s.scalars(select(WebhookAttempt).order_by(WebhookAttempt.id.desc()).limit(limit))
        return [AttemptRow(r.at, r.subscription_id, r.event, r.delivery, r.attempt, r.status_code, r.outcome,
                           r.error, r.duration_ms) for r in rows]


# -- events ------------------------------------------------------------------------------


def iso(moment: datetime | None) -> str | None:
    """UTC ISO 8601 with a Z, to the second."""
    if moment is None:
        return None
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def delivery_key(event: str, entity_id: int, subscription_id: int) -> str:
    """The idempotency key (and X-Omsdesk-Delivery) of one event for one receiver."""
    return f"webhook:{event}:{entity_id}:{subscription_id}"


def _listening(session: Session, event: str) -> list[tuple[int, str]]:
    cached = session.info.get(_CACHE)
    if cached is None:
        cached = [(r.id, tuple(r.events or ())) for r in session.scalars(
            select(WebhookSubscription).where(WebhookSubscription.active.is_(True))
            .order_by(WebhookSubscription.id))]
        session.info[_CACHE] = cached
    return [(sid, event) for sid, events in cached if event in events]


def order_data(session: Session, order: Order) -> dict[str, Any]:
    """The order as receivers get it (docs/webhooks.md)."""
    channel = session.get(Channel, order.channel_id)
    return {
        "reference": order.reference, "status": order.status,
        "channel": channel.code if channel is not None else "", "external_id": order.external_id,
        "currency": order.currency, "prices_include_tax": bool(order.prices_include_tax),
        "subtotal": order.subtotal, "tax_total": order.tax_total, "total": order.total,
        "paid_amount": order.paid_amount, "refunded_amount": order.refunded_amount,
        "placed_at": iso(order.placed_at), "updated_at": iso(order.updated_at),
        "customer": {"id": order.customer_id, "name": order.customer_name, "email": order.customer_email},
        "ship_to": {"name": order.ship_name, "line1": order.ship_line1, "line2": order.ship_line2,
                    "city": order.ship_city, "postcode": order.ship_postcode, "province": order.ship_province,
                    "country": order.ship_country},
        "lines": [{"line_no": ln.line_no, "sku": ln.sku, "name": ln.name, "qty": ln.qty,
                   "unit_price": ln.unit_price, "discount": ln.discount, "tax_rate_bp": ln.tax_rate_bp,
                   "net": ln.net, "tax": ln.tax, "total": ln.total, "qty_shipped": ln.qty_shipped,
                   "qty_returned": ln.qty_returned} for ln in order.lines],
        "shipments": [{"id": p.id, "carrier": p.carrier, "tracking": p.tracking,
                       "shipped_at": iso(p.shipped_at), "delivered_at": iso(p.delivered_at)}
                      for p in order.shipments],
    }


def invoice_data(session: Session, invoice: Invoice) -> dict[str, Any]:
    order_ref = session.scalar(select(Order.reference).where(Order.id == invoice.order_id)) \
        if invoice.order_id is not None else None
    corrects = session.scalar(select(Invoice.number).where(Invoice.id == invoice.corrects_id)) \
        if invoice.corrects_id is not None else None
    return {
        "number": invoice.number, "kind": invoice.kind, "invoice_type": invoice.invoice_type,
        "issue_date": invoice.issue_date.isoformat(),
        "operation_date": invoice.operation_date.isoformat() if invoice.operation_date else None,
        "due_date": invoice.due_date.isoformat(), "issued_at": iso(invoice.issued_at),
        "order_reference": order_ref, "corrects": corrects, "currency": invoice.currency,
        "total_net": invoice.total_net, "total_tax": invoice.total_tax,
        "total_recargo": invoice.total_recargo, "total": invoice.total,
        "customer": {"id": invoice.customer_id, "name": invoice.customer_name,
                     "tax_id": invoice.customer_tax_id, "country": invoice.customer_country},
        "lines": [{"line_no": ln.line_no, "sku": ln.sku, "name": ln.name, "qty": ln.qty,
                   "unit_price": ln.unit_price, "discount": ln.discount, "tax_rate_bp": ln.tax_rate_bp,
                   "net": ln.net, "tax": ln.tax, "recargo": ln.recargo, "total": ln.total}
                  for ln in invoice.lines],
    }


def _emit(session: Session, event: str, entity_id: int, kind: str,
          build: Any) -> list[OutboxMessage]:
    listeners = _listening(session, event)
    if not listeners:
        return []
    fresh = [(sid, delivery_key(event, entity_id, sid)) for sid, _ in listeners]
    taken = set(session.scalars(select(OutboxMessage.idempotency_key).where(
        OutboxMessage.idempotency_key.in_([k for _, k in fresh]))))
    fresh = [(sid, k) for sid, k in fresh if k not in taken]
    if not fresh:
        return []
    data = build()
    now = iso(utcnow())
    made: list[OutboxMessage] = []
    for sid, key in fresh:
        payload = {"event": event, "delivery": key, "occurred_at": now, kind: data}
        try:
            # A savepoint: two desks firing the same event at once meet at the unique key.
            with session.begin_nested():
                made.append(outbox.enqueue(session, TOPIC, {"subscription_id": sid, "body": payload},
                                           key=f"webhook:{sid}", idempotency_key=key))
                session.flush()
        except IntegrityError:
            continue
    return made


def order_event(session: Session, order: Order, event: str) -> list[OutboxMessage]:
    """Queue `event` of this order for every subscription that wants it, once each."""
    return _emit(session, event, order.id, "order", lambda: order_data(session, order))


def order_status_changed(session: Session, order: Order, before: str, to: str) -> None:
    """Called by set_status on every change: paid, shipped, delivered and returned are events."""
    event = STATUS_EVENTS.get(to)
    if event is not None and before != to:
        order_event(session, order, event)


def orders_stored(session: Session, order_ids: list[int], *, paid: bool = False) -> None:
    """The batch intake's door (Core inserts, no set_status): created, and paid when stored paid.

    One SELECT of the keys already taken and one multi-row INSERT for the batch: the orders
    were inserted in this transaction, so no other can queue their events at the same time.
    """
    wanted = [e for e in (ORDER_CREATED, *([ORDER_PAID] if paid else [])) if _listening(session, e)]
    if not order_ids or not wanted:
        return
    # Lines and parcels in two more queries for the whole batch, not two per order.
    orders = list(session.scalars(select(Order).where(Order.id.in_(order_ids)).order_by(Order.id)
                                  .options(selectinload(Order.lines), selectinload(Order.parcels))))
    planned = [(event, order, sid, delivery_key(event, order.id, sid))
               for order in orders for event in wanted for sid, _ in _listening(session, event)]
    taken: set[str] = set()
    keys = [k for *_, k in planned]
    for start in range(0, len(keys), 500):  # IN lists of a bounded size
        taken.update(session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.idempotency_key.in_(keys[start:start + 500]))))
    now, at = utcnow(), iso(utcnow())
    data: dict[int, dict[str, Any]] = {}
    rows = []
    for event, order, sid, key in planned:
        if key in taken:
            continue
        if order.id not in data:
            data[order.id] = order_data(session, order)
        rows.append({"topic": TOPIC, "channel_id": None, "key": f"webhook:{sid}", "idempotency_key": key,
                     "payload": {"subscription_id": sid,
                                 "body": {"event": event, "delivery": key, "occurred_at": at, "order": data[order.id]}},
                     "status": "pending", "attempts": 0, "created_at": now, "next_attempt_at": now,
                     "last_error": ""})
    if rows:
        insert_many(session.connection(), cast(Table, OutboxMessage.__table__), rows)


def invoice_issued(session: Session, invoice: Invoice) -> list[OutboxMessage]:
    """Called by the invoice writer for every invoice and credit note it numbers."""
    return _emit(session, INVOICE_ISSUED, invoice.id, "invoice", lambda: invoice_data(session, invoice))
