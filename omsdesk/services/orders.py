"""Order lifecycle services: pay, allocate, pick, pack, hold, release, cancel, deliver."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    NotFound,
    Order,
    OrderStatus,
    Payment,
    Product,
    Reservation,
    ValidationError,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.services import audit, outbox
from omsdesk.services.allocation_split import reserve_for_order
from omsdesk.services.context import Actor
from omsdesk.services.stock import unreserve, untracked_products

MARKETPLACE_KINDS = frozenset({"shopify", "woocommerce", "prestashop", "amazon", "demo"})


@dataclass(frozen=True)
class OrderState:
    reference: str
    status: str
    message: str = ""


def load_order(session: Session, reference: str, *, lock: bool = True) -> Order:
    stmt = select(Order).where(Order.reference == reference)
    if lock and session.get_bind().dialect.name == "postgresql":
        # Serialise actions on one order across workstations.
        stmt = stmt.with_for_update(of=Order)
    order = session.scalar(stmt)
    if order is None:
        raise NotFound(f"unknown order '{reference}'")
    return order


def set_status(session: Session, order: Order, to: OrderStatus, action: str, actor: Actor,
               reason: str = "") -> None:
    before = order.status
    order.status = to.value
    order.updated_at = utcnow()
    audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                 action=action, from_status=before, to_status=to.value, reason=reason)
    if to is OrderStatus.PAID:
        # A paid order is a sale for the ERP: queued in this transaction, if an ERP is set up.
        from omsdesk.services.erp_sync import queue_for_erps

        queue_for_erps(session, order)


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


def allocate_order(db: Database, reference: str, *, actor: Actor) -> OrderState:
    """Reserve the open quantities (one warehouse, else a split), or put the order on backorder."""
    with db.write() as s:
        return allocate_in(s, load_order(s, reference), actor=actor)


def allocate_in(session: Session, order: Order, *, actor: Actor) -> OrderState:
    check_transition("allocate", order.status, order.reference)
    services = untracked_products(session, (ln.product_id for ln in order.lines))
    need: dict[int, int] = defaultdict(int)
    for line in order.lines:
        if line.qty_open > 0 and line.product_id not in services:
            need[line.product_id] += line.qty_open
    if not need:
        if any(ln.qty_open > 0 for ln in order.lines):
            # Only services left open (shipping, gift wrap): nothing to reserve, ready to go.
            set_status(session, order, OrderStatus.ALLOCATED, "allocate", actor, "no stock needed")
            return OrderState(order.reference, order.status, "no stock needed")
        raise ValidationError(f"order {order.reference} has nothing left to allocate")
    # Routing (issue 8): nearest warehouse with every line, else the fewest-shipment split.
    done = reserve_for_order(session, order, need)
    if done.plan is not None:
        order.warehouse_id = done.plan.primary_warehouse_id
        set_status(session, order, OrderStatus.ALLOCATED, "allocate", actor, done.plan.reason)
        outbox.stock_changed(session, {ln.sku for ln in order.lines})
        return OrderState(order.reference, order.status, done.plan.message)
    short = _short_skus(session, need, done.available)
    message = f"not enough stock in all warehouses together for {', '.join(short)}"
    if order.status != OrderStatus.BACKORDER.value:
        set_status(session, order, OrderStatus.BACKORDER, "allocate", actor, message)
    return OrderState(order.reference, order.status, message)


def _short_skus(session: Session, need: dict[int, int], available: dict[tuple[int, int], int]) -> list[str]:
    best: dict[int, int] = defaultdict(int)
    for (pid, _wid), avail in available.items():
        best[pid] += max(0, avail)
    short_ids = [pid for pid, qty in need.items() if best[pid] < qty]
    return sorted(sku for (sku,) in session.execute(
        select(Product.sku).where(Product.id.in_(short_ids or list(need)))))


def release_reservations(session: Session, order: Order) -> set[str]:
    """Give back every reservation of the order; returns the SKUs whose availability changed."""
    line_ids = [ln.id for ln in order.lines]
    reservations = list(session.scalars(select(Reservation).where(Reservation.order_line_id.in_(line_ids))))
    skus = {ln.sku for ln in order.lines if any(r.order_line_id == ln.id for r in reservations)}
    totals: dict[tuple[int, int], int] = defaultdict(int)
    for r in reservations:
        totals[(r.product_id, r.warehouse_id)] += r.qty
        session.delete(r)
    for (pid, wid), qty in sorted(totals.items()):
        unreserve(session, pid, wid, qty)
    return skus


def cancel_order(db: Database, reference: str, *, actor: Actor, reason: str = "") -> OrderState:
    """Cancel an order that has not shipped; its reservations go back to stock."""
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("cancel", order.status, order.reference)
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
