"""Which warehouses an order should be served from, best first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import Order, Warehouse


def rank_warehouses(session: Session, order: Order) -> list[Warehouse]:
    """Active warehouses in the order to try them: configured priority, then code.

    Distance-aware routing replaces this ranking; callers only rely on 'best first'.
    """
    return list(session.scalars(
        select(Warehouse).where(Warehouse.active.is_(True)).order_by(Warehouse.priority, Warehouse.code)
    ))
