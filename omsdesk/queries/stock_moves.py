"""Movement history of one product: every signed change of on-hand stock, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import NotFound, Order, Product, StockMove, Warehouse


@dataclass(frozen=True)
class MoveRow:
    id: int
    at: datetime
    warehouse: str
    qty: int
    kind: str
    reason: str
    order_reference: str | None
    user: str


def stock_moves(session: Session, sku: str, *, warehouse: str | None = None, limit: int = 500) -> list[MoveRow]:
    """The latest `limit` moves of a product, in all warehouses or one."""
    product_id = session.scalar(select(Product.id).where(Product.sku == sku))
    if product_id is None:
        raise NotFound(f"unknown SKU '{sku}'")
    wh_stmt = select(Warehouse.id, Warehouse.code)
    if warehouse:
        wh_stmt = wh_stmt.where(Warehouse.code == warehouse)
    rows: list[MoveRow] = []
    # One query per warehouse walks the (product, warehouse, id) index from its end; a single
    # query ordered by id alone made SQLite scan all moves backwards (seconds on big shops).
    for wh_id, wh_code in session.execute(wh_stmt).all():
        stmt = (
            select(StockMove.id, StockMove.created_at, StockMove.qty, StockMove.kind, StockMove.reason,
                   Order.reference, StockMove.user)
            .outerjoin(Order, Order.id == StockMove.order_id)
            .where(StockMove.product_id == product_id, StockMove.warehouse_id == wh_id)
            .order_by(StockMove.id.desc()).limit(limit)
        )
        rows.extend(MoveRow(r[0], r[1], wh_code, r[2], r[3], r[4], r[5], r[6]) for r in session.execute(stmt).all())
    rows.sort(key=lambda m: m.id, reverse=True)
    return rows[:limit]
