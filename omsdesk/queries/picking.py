"""Read side of picking: what to pick for given orders (with bins) and which orders make a wave."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from omsdesk.documents.data import PickItem
from omsdesk.models import (
    Order,
    OrderLine,
    OrderStatus,
    Product,
    Reservation,
    StockLevel,
    Warehouse,
)

# Orders whose goods are reserved and not yet packed: the ones a picker can walk for.
PICKABLE = (OrderStatus.ALLOCATED.value, OrderStatus.PICKING.value)


@dataclass(frozen=True)
class WaveOrder:
    reference: str
    status: str
    customer_name: str
    units: int


def pick_items(session: Session, references: Sequence[str], warehouse: str | None = None) -> list[PickItem]:
    """Every reserved unit of the given pickable orders, with the bin it sits in.

    `warehouse` (a code) keeps only what is reserved there: a split order's other parcel is
    picked in its own warehouse, from its own list.
    """
    if not references:
        return []
    stmt = (
        select(Order.reference, OrderLine.sku, OrderLine.name, StockLevel.bin, Reservation.qty,
               Product.ean, Warehouse.code)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Reservation, Reservation.order_line_id == OrderLine.id)
        .join(Warehouse, Warehouse.id == Reservation.warehouse_id)
        .join(Product, Product.id == OrderLine.product_id)
        .outerjoin(StockLevel, and_(StockLevel.product_id == Reservation.product_id,
                                    StockLevel.warehouse_id == Reservation.warehouse_id))
        .where(Order.reference.in_(list(references)), Order.status.in_(PICKABLE))
        .order_by(Order.reference, OrderLine.line_no)
    )
    if warehouse:
        stmt = stmt.where(Warehouse.code == warehouse)
    return [PickItem(order_ref=ref, sku=sku, name=name, bin=bin_code or "", qty=qty, ean=ean or "",
                     warehouse=code)
            for ref, sku, name, bin_code, qty, ean, code in session.execute(stmt)]


def wave(session: Session, warehouse: str, *, limit: int = 30) -> list[WaveOrder]:
    """The oldest allocated orders with goods reserved in one warehouse (ship-by first), up to `limit`.

    A split order is in the wave of every warehouse that holds part of it. Orders already in
    picking belong to a picker's list and stay out of new waves.
    """
    reserved_here = (select(OrderLine.order_id)
                     .join(Reservation, Reservation.order_line_id == OrderLine.id)
                     .join(Warehouse, Warehouse.id == Reservation.warehouse_id)
                     .where(Warehouse.code == warehouse))
    stmt = (
        select(Order.id, Order.reference, Order.status, Order.customer_name)
        .where(Order.id.in_(reserved_here), Order.status == OrderStatus.ALLOCATED.value)
        .order_by(Order.ship_by.is_(None), Order.ship_by, Order.placed_at, Order.id)
        .limit(limit)
    )
    return _with_units(session, session.execute(stmt).all())


def pickable_orders(session: Session, references: Sequence[str]) -> list[WaveOrder]:
    """The given orders that can be picked now, in the given order, with their unit counts."""
    rows = session.execute(
        select(Order.id, Order.reference, Order.status, Order.customer_name)
        .where(Order.reference.in_(list(references)), Order.status.in_(PICKABLE))).all()
    position = {ref: i for i, ref in enumerate(references)}
    return sorted(_with_units(session, rows), key=lambda w: position[w.reference])


def _with_units(session: Session, rows: Sequence[Any]) -> list[WaveOrder]:
    """Rows of (id, reference, status, customer name) with the units ordered on each."""
    ids = [r[0] for r in rows]
    totals: dict[int, int] = {}
    if ids:
        totals = {oid: int(units) for oid, units in session.execute(
            select(OrderLine.order_id, func.sum(OrderLine.qty))
            .where(OrderLine.order_id.in_(ids)).group_by(OrderLine.order_id))}
    return [WaveOrder(ref, status, name, totals.get(oid, 0)) for oid, ref, status, name in rows]


def warehouse_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Warehouse.code).where(Warehouse.active.is_(True))
                                .order_by(Warehouse.priority, Warehouse.code)))
