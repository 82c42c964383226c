"""Order lifecycle services: pay, pick, pack, hold, release, cancel, deliver (allocation: allocation.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    Order,
    OrderStatus,
    Payment,
    ValidationError,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.services import audit, outbox
from omsdesk.services.allocation import release_reservations
from omsdesk.services.context import Actor
from omsdesk.services.order_status import MARKETPLACE_KINDS, OrderState, load_order, set_status


def _act(db: Database, reference: str, action: str, actor: Actor, reason: str,
         to: OrderStatus) -> OrderState:
    with db.write() as s:
        order = load_order(s, reference)
        check_transition(action, order.status, order.reference)
        set_status(s, order, to, action, actor, reason)
        return OrderState(order.reference, order.status)


def pick_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Start picking an allocated order."""
    return _act(db, reference, "pick", actor, reason, OrderStatus.PICKING)


def pack_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Mark a picked order packed and ready to ship."""
    return _act(db, reference, "pack", actor, reason, OrderStatus.PACKED)


def hold_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Stop an order where it is; release puts it back to the same status."""
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("hold", order.status, order.reference)
        order.held_from = order.status
        set_status(s, order, OrderStatus.ON_HOLD, "hold", actor, reason)
        return OrderState(order.reference, order.status)


def release_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Take an order off hold, back to the status it was held from."""
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("release", order.status, order.reference)
        back = OrderStatus(order.held_from or OrderStatus.NEW.value)
        order.held_from = None
        set_status(s, order, back, "release", actor, reason)
        return OrderState(order.reference, order.status)


def pay_order(db: Database, reference: str, *, actor: Actor, amount: int | None = None,
              method: str = "card", payment_ref: str = "") -> OrderState:
    """Record a payment (the balance by default); a new order that is fully paid becomes paid."""
    with db.write() as s:
        order = load_order(s, reference)
        return pay_in(s, order, actor=actor, amount=amount, method=method, payment_ref=payment_ref)


def pay_in(session: Session, order: Order, *, actor: Actor, amount: int | None = None,
           method: str = "card", payment_ref: str = "") -> OrderState:
    check_transition("pay", order.status, order.reference)
    due = order.total - order.paid_amount
    if due <= 0 and order.status == OrderStatus.NEW.value and amount is None:
        # Nothing to collect (a free replacement): without this it could never leave new.
        set_status(session, order, OrderStatus.PAID, "pay", actor, "nothing to pay")
        return OrderState(order.reference, order.status, "nothing to pay")
    if due <= 0:
        raise ValidationError(f"order {order.reference} is already paid in full")
    amt = due if amount is None else amount
    if isinstance(amt, bool) or not isinstance(amt, int) or amt <= 0:
        raise ValidationError(f"payment amount must be a positive whole number of minor units, got {amt!r}")
    if amt > due:
        raise ValidationError(f"payment of {amt} exceeds the balance due of {due} on {order.reference}")
    order.payments.append(Payment(amount=amt, currency=order.currency, method=method,
                                  reference=payment_ref))
    order.paid_amount += amt
    full = order.paid_amount >= order.total
    note = f"{method} {amt} {order.currency}" + ("" if full else f", {order.total - order.paid_amount} still due")
    if full and order.status == OrderStatus.NEW.value:
        set_status(session, order, OrderStatus.PAID, "pay", actor, note)
    else:
        if full and order.status == OrderStatus.ON_HOLD.value and order.held_from == OrderStatus.NEW.value:
            # Paid while on hold: release must bring it back paid, not as a new order that
            # can neither be paid again nor allocated.
            order.held_from = OrderStatus.PAID.value
        audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                     action="pay", from_status=order.status, to_status=order.status, reason=note)
    return OrderState(order.reference, order.status, note)


def cancel_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Cancel an order that has not shipped; its reservations go back to stock."""
    with db.write() as s:
        order = load_order(s, reference)
        order.check_cancellable()
        skus = release_reservations(s, order)
        order.held_from = None
        set_status(s, order, OrderStatus.CANCELLED, "cancel", actor, reason)
        if skus:
            outbox.stock_changed(s, skus)
        channel = s.get(Channel, order.channel_id)
        if channel is not None and channel.kind in MARKETPLACE_KINDS and order.external_id:
            outbox.enqueue(s, "order.cancelled", {"order": order.reference, "external_id": order.external_id},
                           key=f"order:{order.id}", channel_id=channel.id,
                           idempotency_key=f"cancel:{order.reference}")
        return OrderState(order.reference, order.status)


def deliver_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Confirm delivery of a shipped order."""
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("deliver", order.status, order.reference)
        now = utcnow()
        for shipment in order.shipments:
            if shipment.delivered_at is None:
                shipment.delivered_at = now
        set_status(s, order, OrderStatus.DELIVERED, "deliver", actor, reason)
        return OrderState(order.reference, order.status)
