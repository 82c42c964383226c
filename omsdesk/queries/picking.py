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
    ParcelStatus,
    Product,
    Reservation,
    Shipment,
    StockLevel,
    Warehouse,
)

# Orders that may have a parcel on the shelf: allocated, being picked, or part-shipped with
# another parcel still to go. Which parcels are walked for is the parcel's own status.
PICKABLE = (OrderStatus.ALLOCATED.value, OrderStatus.PICKING.value, OrderStatus.PARTIAL.value)
# Parcels a picker walks for: not yet picked, or a list being picked (a restart).
TO_PICK = (ParcelStatus.OPEN.value, ParcelStatus.PICKING.value)


@dataclass(frozen=True)
class WaveOrder:
    reference: str
    status: str
    customer_name: str
    units: int


def pick_items(session: Session, references: Sequence[str], warehouse: str | None = None,
               parcel_statuses: Sequence[str] = TO_PICK) -> list[PickItem]:
    """Every reserved unit of the given orders' parcels still to pick, with the bin it sits in.

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
        .join(Shipment, and_(Shipment.order_id == Order.id, Shipment.warehouse_id == Reservation.warehouse_id,
                             Shipment.status.in_(list(parcel_statuses))))
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
    """The oldest orders with a parcel waiting in one warehouse (ship-by first), up to `limit`.

    A split order is in the wave of every warehouse that holds part of it, and a part-shipped
    order's next parcel joins a wave like any other. A parcel already in picking, or claimed
    by a bench (services/fulfilment/claims.py), belongs to a picker and stays out of new waves.
    """
    waiting_here = (select(Shipment.order_id)
                    .join(Warehouse, Warehouse.id == Shipment.warehouse_id)
                    .where(Warehouse.code == warehouse, Shipment.status == ParcelStatus.OPEN.value,
                           Shipment.claim_id.is_(None)))
    stmt = (
        select(Order.id, Order.reference, Order.status, Order.customer_name)
        .where(Order.id.in_(waiting_here), Order.status.in_(PICKABLE))
        .order_by(Order.ship_by.is_(None), Order.ship_by, Order.placed_at, Order.id)
        .limit(limit)
    )
    return _with_units(session, session.execute(stmt).all())


def pickable_orders(session: Session, references: Sequence[str]) -> list[WaveOrder]:
    """The given orders that can be picked now, in the given order, with their unit counts."""
    to_pick = select(Shipment.order_id).where(Shipment.status.in_(list(TO_PICK)))
    rows = session.execute(
        select(Order.id, Order.reference, Order.status, Order.customer_name)
        .where(Order.reference.in_(list(references)), Order.status.in_(PICKABLE),
               Order.id.in_(to_pick))).all()
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
