"""Loading an order under its row lock and changing its status with an audit row."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omsdesk.models import NotFound, Order, OrderLine, OrderStatus
from omsdesk.models.base import utcnow
from omsdesk.services import audit, buyer_mail, webhooks
from omsdesk.services.channels.erp import queue_for_erps
from omsdesk.services.context import Actor


@dataclass(frozen=True)
class OrderState:
    reference: str
    status: str
    message: str = ""


def load_order(session: Session, reference: str, *, lock: bool = True) -> Order:
    """The order by reference; on PostgreSQL under its row lock, so actions on one order serialise.

    Every change of an order (pay, allocate, cancel, hold, ship, serving a backorder) takes
    this same lock before it reads the status, so a status read here is the truth for the
    rest of the transaction.
    """
    # Lines with their reservations in one more query: allocation, shipping and cancelling all
    # read them (Order.stock_needed), and one lazy load per line adds up on a busy counter.
    stmt = (select(Order).where(Order.reference == reference)
            .options(selectinload(Order.lines).selectinload(OrderLine.reservations))
            .execution_options(populate_existing=True))
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=Order)
    order = session.scalar(stmt)
    if order is None:
        raise NotFound(f"unknown order '{reference}'")
    return order


def set_status(session: Session, order: Order, to: OrderStatus, action: str, actor: Actor,
               reason: str = "") -> None:
    """Move the order to `to` and write the audit row (who, where, from, to, why)."""
    before = order.status
    order.status = to.value
    order.updated_at = utcnow()
    audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                 action=action, from_status=before, to_status=to.value, reason=reason)
    if to is OrderStatus.PAID:
        # A paid order is a sale for the ERP: queued in this transaction, if an ERP is set up.
        queue_for_erps(session, order)
    # The buyer hears of it where that is nobody else's job (services/buyer_mail.py).
    buyer_mail.order_status_changed(session, order, before, to.value)
    # and so do the CRM's webhooks (services/webhooks.py): paid, shipped, delivered, returned.
    webhooks.order_status_changed(session, order, before, to.value)
