"""Movement history of one product: every signed change of on-hand stock, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import NotFound, Order, Product, StockMove, Warehouse


@dataclass(frozen=True)
class MoveRow:
    at: datetime
    warehouse: str
    qty: int
    kind: str
    reason: str
    order_reference: str | None
    user: str


def stock_moves(session: Session, sku: str, *, warehouse: str | None = None, limit: int = 500) -> list[MoveRow]:
    product_id = session.scalar(select(Product.id).where(Product.sku == sku))
    if product_id is None:
        raise NotFound(f"unknown SKU '{sku}'")
    stmt = (
        select(StockMove.created_at, Warehouse.code, StockMove.qty, StockMove.kind, StockMove.reason,
               Order.reference, StockMove.user)
        .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
        .outerjoin(Order, Order.id == StockMove.order_id)
        .where(StockMove.product_id == product_id)
    )
    if warehouse:
        stmt = stmt.where(Warehouse.code == warehouse)
    rows = session.execute(stmt.order_by(StockMove.id.desc()).limit(limit)).all()
    return [MoveRow(*r) for r in rows]
