"""Parcels: one per warehouse an order has units reserved in, each picked, packed and shipped on its own.

An open parcel's contents are the order's reservations in its warehouse, so there is one
truth for what waits to be picked; the parcel row carries what the reservation cannot: its
own status, and later its carrier, tracking number and label. The order's status follows
its parcels: picking once any is being picked, packed when every open one is packed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy.orm import Session, object_session

from omsdesk.models import (
    Order,
    OrderStatus,
    ParcelStatus,
    Shipment,
    ValidationError,
    check_transition,
)
from omsdesk.queries.lookups import warehouse_code, warehouse_codes
from omsdesk.services import audit, buyer_mail
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.status import OrderState, set_status

P = ParcelStatus


def sync_parcels(order: Order) -> None:
    """One open parcel per warehouse the order has units reserved in, none where nothing is left.

    Called wherever reservations change (allocation, release, shipping); a new parcel starts
    open. A parcel that loses all its units before it ships is removed: it never existed outside.
    """
    reserved = {r.warehouse_id for ln in order.lines for r in ln.reservations if r.qty > 0}
    kept: set[int] = set()
    for parcel in list(order.open_parcels):
        if parcel.warehouse_id in reserved and parcel.warehouse_id not in kept:
            kept.add(parcel.warehouse_id)
        else:
            order.parcels.remove(parcel)
    for wid in sorted(reserved - kept):
        order.parcels.append(Shipment(warehouse_id=wid, status=P.OPEN.value, carrier="", tracking=""))


def parcel_units(order: Order, parcel: Shipment) -> dict[str, int]:
    """SKU -> units of a parcel: what it shipped with, or what is reserved for it."""
    out: dict[str, int] = defaultdict(int)
    if parcel.status in (P.SHIPPED.value, P.DELIVERED.value):
        by_id = {ln.id: ln for ln in order.lines}
        for sl in parcel.lines:
            out[by_id[sl.order_line_id].sku] += sl.qty
    else:
        for ln in order.lines:
            for r in ln.reservations:
                if r.warehouse_id == parcel.warehouse_id:
                    out[ln.sku] += r.qty
    return dict(out)


def choose_parcels(session: Session, order: Order, *, warehouse_id: int | None = None,
                   shipment_id: int | None = None) -> list[Shipment]:
    """The open parcels an action is about: one by id, one warehouse's, or all of them."""
    sync_parcels(order)
    session.flush()
    if shipment_id is not None:
        parcel = next((p for p in order.parcels if p.id == shipment_id), None)
        if parcel is None:
            raise ValidationError(f"parcel {shipment_id} is not a parcel of order {order.reference}")
        if parcel not in order.open_parcels:
            raise ValidationError(f"parcel {shipment_id} of {order.reference} has already shipped")
        return [parcel]
    if warehouse_id is not None:
        found = [p for p in order.open_parcels if p.warehouse_id == warehouse_id]
        if not found:
            raise ValidationError(f"order {order.reference} has nothing reserved in {warehouse_code(session, warehouse_id)}")
        return found
    return list(order.open_parcels)


def pick_in(session: Session, order: Order, *, actor: Actor, parcels: list[Shipment] | None = None,
            reason: str = "") -> OrderState:
    """Start picking parcels (all open ones by default); an allocated order becomes picking."""
    check_transition("pick", order.status, order.reference)
    chosen = choose_parcels(session, order) if parcels is None else parcels
    todo = [p for p in chosen if p.status == P.OPEN.value]
    services_only = not order.open_parcels and order.has_open_lines
    if not todo and not any(p.status == P.PICKING.value for p in chosen) and not services_only:
        raise ValidationError(f"order {order.reference} has no parcel waiting to be picked")
    for parcel in todo:
        parcel.status = P.PICKING.value
    where = _where(session, chosen)
    note = f"{reason} ({where})".strip() if where else reason
    if order.status == OrderStatus.ALLOCATED.value:
        set_status(session, order, OrderStatus.PICKING, "pick", actor, note)
    else:
        _note(session, order, "pick", actor, note)
    return OrderState(order.reference, order.status, where)


def pack_in(session: Session, order: Order, *, actor: Actor, parcels: list[Shipment] | None = None,
            reason: str = "") -> OrderState:
    """Mark picked parcels packed; the order is packed when every open parcel is."""
    check_transition("pack", order.status, order.reference)
    chosen = choose_parcels(session, order) if parcels is None else parcels
    unpicked = [p for p in chosen if p.status == P.OPEN.value]
    if unpicked:
        raise ValidationError(f"parcel {unpicked[0].id} of {order.reference} "
                              f"({warehouse_code(session, unpicked[0].warehouse_id)}) must be picked first")
    if not chosen and (order.open_parcels or not order.has_open_lines):
        raise ValidationError(f"order {order.reference} has no parcel to pack")
    for parcel in chosen:
        parcel.status = P.PACKED.value
    where = _where(session, chosen)
    note = f"{reason} ({where})".strip()
    if order.status == OrderStatus.PICKING.value and all(p.status == P.PACKED.value for p in order.open_parcels):
        set_status(session, order, OrderStatus.PACKED, "pack", actor, note)
    else:
        _note(session, order, "pack", actor, note)
    return OrderState(order.reference, order.status, where)


def mark_delivered(order: Order, when: datetime) -> None:
    """Every parcel that left is at the door (the whole order was delivered); the buyer is told per parcel."""
    arrived = [p for p in order.shipments if p.status != P.DELIVERED.value]
    for parcel in order.shipments:
        if parcel.delivered_at is None:
            parcel.delivered_at = when
        parcel.status = P.DELIVERED.value
    session = object_session(order)
    if session is not None and arrived:
        buyer_mail.parcels_delivered(session, order, arrived)


def check_packed(session: Session, order: Order, parcels: list[Shipment]) -> None:
    """Only packed parcels leave: a parcel still open or being picked is refused with its name."""
    for parcel in parcels:
        if parcel.status != P.PACKED.value:
            raise ValidationError(f"parcel {parcel.id} of {order.reference} ({warehouse_code(session, parcel.warehouse_id)}) "
                                  f"is not packed yet: it is {parcel.status}")


def _note(session: Session, order: Order, action: str, actor: Actor, reason: str) -> None:
    """An audit row for a parcel step that leaves the order's own status where it is."""
    audit.record(session, actor, entity="order", entity_id=order.id, reference=order.reference,
                 action=action, from_status=order.status, to_status=order.status, reason=reason)


def _where(session: Session, parcels: list[Shipment]) -> str:
    codes = warehouse_codes(session, [p.warehouse_id for p in parcels])
    return ", ".join(f"parcel {p.id} {codes.get(p.warehouse_id, '')}".strip() for p in parcels if p.id)
