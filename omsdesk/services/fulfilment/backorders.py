"""Backorders: orders waiting for stock are allocated when it arrives, oldest first.

Goods arriving (a receipt, a purchase-order or transfer receipt) first lock the orders waiting
for those products with `lock_waiting`, then book the goods, then `serve` them. Locking before
any stock row is touched keeps one lock order everywhere (order rows, then stock rows, as
every order action does), so two receipts at once queue behind each other instead of
deadlocking, and a cancel or hold racing a receipt is seen under the lock.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omsdesk.models import Order, OrderLine, OrderStatus
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.allocation import allocate_in
from omsdesk.services.fulfilment.status import OrderState

WAITING = (OrderStatus.BACKORDER.value, OrderStatus.PARTIAL.value)


def lock_waiting(session: Session, product_ids: set[int]) -> list[Order]:
    """Backordered or partly shipped orders with open lines of these products, oldest first.

    On PostgreSQL the rows are locked (FOR UPDATE, in the same oldest-first order for every
    caller) and re-read, so a concurrent receipt waits here and then sees what the first one
    did, and a concurrent cancel or hold is either finished (and seen) or waits for us.
    """
    if not product_ids:
        return []
    open_lines = select(OrderLine.order_id).where(
        OrderLine.product_id.in_(sorted(product_ids)), OrderLine.qty_shipped < OrderLine.qty)
    stmt = (select(Order).where(Order.status.in_(WAITING), Order.id.in_(open_lines))
            .order_by(Order.placed_at, Order.id)
            .options(selectinload(Order.lines).selectinload(OrderLine.reservations))
            .execution_options(populate_existing=True))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=Order)
    return list(session.scalars(stmt))


def serve(session: Session, actor: Actor, waiting: list[Order]) -> list[OrderState]:
    """Allocate every locked waiting order that the stock now covers, oldest first.

    The status is checked again here, under the lock: an order cancelled, held or allocated
    by someone else before we got the lock is left alone. An order that still cannot be
    served is left exactly as it was (a partly shipped order stays partial), so an early
    order that is short never blocks a later one that fits.
    """
    served = []
    for order in waiting:
        if order.status not in WAITING or not order.stock_needed():
            continue
        state = allocate_in(session, order, actor=actor)
        if state.status == OrderStatus.ALLOCATED.value:
            served.append(state)
    return served
