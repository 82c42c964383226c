"""Stock per product and warehouse: on hand, reserved, available, low flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.models import NotFound, Product, StockLevel, Warehouse


@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    warehouse: str
    on_hand: int
    reserved: int
    safety_buffer: int
    available: int
    reorder_point: int
    bin: str
    # Returned damaged units kept apart: stock of the warehouse, never for sale.
    damaged: int = 0

    @property
    def low(self) -> bool:
        return self.available <= self.reorder_point


_AVAILABLE = StockLevel.on_hand - StockLevel.reserved - StockLevel.safety_buffer


def _base() -> Any:
    return (
        select(Product.sku, Product.name, Warehouse.code, StockLevel.on_hand, StockLevel.reserved,
               StockLevel.safety_buffer, _AVAILABLE, StockLevel.reorder_point, StockLevel.bin,
               StockLevel.damaged)
        .join(Product, Product.id == StockLevel.product_id)
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
    )


def stock_rows(session: Session, *, low_only: bool = False, sku_prefix: str | None = None,
               limit: int | None = None, after: tuple[str, str] | None = None) -> list[StockRow]:
    """Levels ordered by SKU then warehouse; `after` continues from the last (sku, warehouse)."""
    stmt = _base()
    if low_only:
        stmt = stmt.where(StockLevel.reorder_point >= _AVAILABLE)
    if sku_prefix:
        stmt = stmt.where(Product.sku.startswith(sku_prefix, autoescape=True))
    if after is not None:
        stmt = stmt.where((Product.sku > after[0]) | ((Product.sku == after[0]) & (Warehouse.code > after[1])))
    stmt = stmt.order_by(Product.sku, Warehouse.code)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [StockRow(*r) for r in session.execute(stmt).all()]


def stock_for_sku(session: Session, sku: str) -> list[StockRow]:
    if session.scalar(select(Product.id).where(Product.sku == sku)) is None:
        raise NotFound(f"unknown SKU '{sku}'")
    return [StockRow(*r) for r in session.execute(
        _base().where(Product.sku == sku).order_by(Warehouse.code)).all()]
