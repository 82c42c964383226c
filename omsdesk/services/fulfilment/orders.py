"""Order lifecycle services: pay, pick, pack, hold, release, cancel, deliver (allocation: allocation.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    IllegalTransition,
    Order,
    OrderStatus,
    ParcelStatus,
    Payment,
    ValidationError,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.models.money import format_minor
from omsdesk.models.order import PAYMENT_METHODS
from omsdesk.models.roles import order_action_permission
from omsdesk.services import audit, outbox
from omsdesk.services.channels.kinds import takes_updates_back
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.allocation import release_reservations
from omsdesk.services.fulfilment.claims import DEFAULT_TIMEOUT, leave_claims_in, refuse_claimed_in
from omsdesk.services.fulfilment.credit import terms_of
from omsdesk.services.fulfilment.parcels import choose_parcels, mark_delivered, pack_in, pick_in
from omsdesk.services.fulfilment.status import OrderState, load_order, set_status
from omsdesk.services.ledger.stock import warehouse_by_code
from omsdesk.services.users.permissions import require


def pick_order(db: Database, reference: str, *, actor: Actor, reason: str = "", warehouse: str | None = None,
               shipment: int | None = None, claim_timeout: timedelta = DEFAULT_TIMEOUT) -> OrderState:
    """Start picking an order's parcels: all, one warehouse's, or parcel N.

    Refused (ClaimedByAnotherBench, naming bench and user) while another bench's live claim
    holds one of them; see claims.claim_holders_in for what counts as live.
    """
    return _parcel_step(db, reference, "pick", actor, reason, warehouse, shipment, claim_timeout)


def pack_order(db: Database, reference: str, *, actor: Actor, reason: str = "", warehouse: str | None = None,
               shipment: int | None = None, claim_timeout: timedelta = DEFAULT_TIMEOUT) -> OrderState:
    """Mark picked parcels packed: all, one warehouse's, or parcel N; the order is packed with its last.

    The same claim rule as picking: another bench's live claim is that bench's to pack.
    """
    return _parcel_step(db, reference, "pack", actor, reason, warehouse, shipment, claim_timeout)


def _parcel_step(db: Database, reference: str, action: str, actor: Actor, reason: str,
                 warehouse: str | None, shipment: int | None, claim_timeout: timedelta) -> OrderState:
    with db.write() as s:
        order = load_order(s, reference)
        check_transition(action, order.status, order.reference)
        parcels = choose_parcels(s, order, warehouse_id=_wid(s, warehouse), shipment_id=shipment)
        refuse_claimed_in(s, order.reference, parcels, actor=actor, timeout=claim_timeout)
        if action == "pick":
            return pick_in(s, order, actor=actor, parcels=parcels, reason=reason)
        if warehouse is None and shipment is None:
            # "Pack" on the order: the parcels being picked; one not picked yet stays open.
            parcels = [p for p in parcels if p.status == ParcelStatus.PICKING.value] or parcels
        state = pack_in(s, order, actor=actor, parcels=parcels, reason=reason)
        leave_claims_in(s, parcels)  # packed: this bench's claim on them is fulfilled
        return state


def _wid(session: Session, warehouse: str | None) -> int | None:
    return warehouse_by_code(session, warehouse).id if warehouse else None


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
              method: str = "card", payment_ref: str = "", paid_at: datetime | None = None) -> OrderState:
    """Record a payment (the balance by default); a new order that is fully paid becomes paid.

    `paid_at` is when the money came in (a transfer seen on the bank statement days later);
    never in the future.
    """
    if paid_at is not None:
        if paid_at.tzinfo is None:
            raise ValidationError("the payment time needs a time zone")
        if paid_at > utcnow():
            raise ValidationError("a payment cannot be dated in the future")
    if method not in PAYMENT_METHODS:
        raise ValidationError(f"unknown payment method {method!r} (one of {', '.join(PAYMENT_METHODS)})")
    with db.write() as s:
        order = load_order(s, reference)
        return pay_in(s, order, actor=actor, amount=amount, method=method, payment_ref=payment_ref.strip()[:100],
                      paid_at=paid_at)


def pay_in(session: Session, order: Order, *, actor: Actor, amount: int | None = None,
           method: str = "card", payment_ref: str = "", paid_at: datetime | None = None) -> OrderState:
    """Record money in on the order: the one ledger that its invoices are paid from."""
    check_transition("pay", order.status, order.reference)
    due = order.balance_due
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
                                  reference=payment_ref, paid_at=paid_at or utcnow()))
    order.paid_amount += amt
    full = order.balance_due == 0
    note = f"{method} {amt} {order.currency}" + ("" if full else f", {order.balance_due} still due")
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
        needed = order_action_permission("cancel", order.net_paid)
        if needed is not None:
            require(s, actor, needed, subject=f"cancel {order.reference}")
        skus = release_reservations(s, order)
        for line in order.lines:
            line.qty_cancelled += line.qty_open
        order.held_from = None
        # What was paid is now refund due (Order.refund_due), shown with the order until refunded.
        set_status(s, order, OrderStatus.CANCELLED, "cancel", actor, reason)
        if skus:
            outbox.stock_changed(s, skus)
        channel = s.get(Channel, order.channel_id)
        if channel is not None and takes_updates_back(channel.kind) and order.external_id:
            outbox.enqueue(s, "order.cancelled", {"order": order.reference, "external_id": order.external_id},
                           key=f"order:{order.id}", channel_id=channel.id,
                           idempotency_key=f"cancel:{order.reference}")
        return OrderState(order.reference, order.status)


def cancel_rest(db: Database, reference: str, *, actor: Actor, reason: str) -> OrderState:
    """Close the unshipped lines of a part-shipped order: reservations back, refund due recorded.

    The order then counts as shipped (what left is all it will be); the money for the closed
    units becomes refund due, given back with `refund_order`.
    """
    if not reason.strip():
        raise ValidationError("closing the rest of an order needs a reason")
    with db.write() as s:
        order = load_order(s, reference)
        if order.status in (OrderStatus.CANCELLED.value, OrderStatus.RETURNED.value):
            raise IllegalTransition(f"cannot close the rest of order {order.reference}: status is {order.status}")
        if not any(ln.qty_shipped for ln in order.lines):
            raise IllegalTransition(f"nothing of order {order.reference} has shipped; cancel it instead")
        closing = {ln.id: ln.qty_open for ln in order.lines if ln.qty_open > 0}
        if not closing:
            raise ValidationError(f"order {order.reference} has nothing left open to close")
        needed = order_action_permission("cancel-rest", order.net_paid)
        if needed is not None:
            require(s, actor, needed, subject=f"close the rest of {order.reference}")
        skus = release_reservations(s, order, line_ids=set(closing))
        for line in order.lines:
            line.qty_cancelled += closing.get(line.id, 0)
        order.held_from = None
        due = order.refund_due
        units = sum(closing.values())
        to = OrderStatus.DELIVERED if order.shipments and all(sh.delivered_at for sh in order.shipments) \
            else OrderStatus.SHIPPED
        set_status(s, order, to, "cancel-rest", actor,
                   f"{reason.strip()}: {units} unit(s) closed unshipped; refund due {format_minor(due, order.currency)}")
        if skus:
            outbox.stock_changed(s, skus)
        return OrderState(order.reference, order.status,
                          f"{units} unit(s) closed; refund due {format_minor(due, order.currency)}")


def deliver_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Confirm delivery of a shipped order."""
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("deliver", order.status, order.reference)
        if terms_of(s, order).kind == "cod" and order.balance_due > 0:
            # Cash on delivery: the carrier collected the balance at the door.
            pay_in(s, order, actor=actor, method="cod", payment_ref=reason.strip()[:100])
        mark_delivered(order, utcnow())
        set_status(s, order, OrderStatus.DELIVERED, "deliver", actor, reason)
        return OrderState(order.reference, order.status)
