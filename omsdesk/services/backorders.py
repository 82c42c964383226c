"""Backorders: orders waiting for stock are allocated when it arrives, oldest first."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import Order, OrderLine, OrderStatus
from omsdesk.services.allocation_split import available_for
from omsdesk.services.context import Actor
from omsdesk.services.orders import OrderState, allocate_in
from omsdesk.services.routing import plan_allocation

WAITING = (OrderStatus.BACKORDER.value, OrderStatus.PARTIAL.value)


def waiting_orders(session: Session, product_ids: set[int]) -> list[Order]:
    """Backordered or partly shipped orders with open lines of these products, oldest first."""
    open_lines = select(OrderLine.order_id).where(
        OrderLine.product_id.in_(sorted(product_ids)), OrderLine.qty_shipped < OrderLine.qty)
    return list(session.scalars(
        select(Order).where(Order.status.in_(WAITING), Order.id.in_(open_lines))
        .order_by(Order.placed_at, Order.id)))


def allocate_waiting(session: Session, actor: Actor, product_ids: set[int]) -> list[OrderState]:
    """Allocate every waiting order that the stock now covers, oldest first, in this transaction.

    An order that still cannot be served is left exactly as it was (a partly shipped order
    stays partial), so an early order that is short never blocks a later one that fits.
    """
    served = []
    for order in waiting_orders(session, product_ids):
        need: dict[int, int] = defaultdict(int)
        for line in order.lines:
            if line.qty_open > 0:
                need[line.product_id] += line.qty_open
        if not need or plan_allocation(session, order, need, available_for(session, need.keys())) is None:
            continue
        state = allocate_in(session, order, actor=actor)
        if state.status == OrderStatus.ALLOCATED.value:
            served.append(state)
    return served
