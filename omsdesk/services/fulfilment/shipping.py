"""Shipping: reserved goods leave as parcels, one per warehouse; the ledger and reservations follow."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    MoveKind,
    Order,
    OrderLine,
    OrderStatus,
    ParcelStatus,
    Shipment,
    ShipmentLine,
    StockMove,
    ValidationError,
    Warehouse,
    check_transition,
)
from omsdesk.models.base import utcnow
from omsdesk.queries.lookups import warehouse_code, warehouse_codes
from omsdesk.services import buyer_mail, outbox
from omsdesk.services.channels.kinds import takes_updates_back
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.claims import leave_claims_in
from omsdesk.services.fulfilment.parcels import check_packed, choose_parcels, sync_parcels
from omsdesk.services.fulfilment.status import OrderState, load_order, set_status
from omsdesk.services.ledger.stock import consume_reserved, warehouse_by_code
from omsdesk.services.validation import positive_int


def ship_order(db: Database, reference: str, *, actor: Actor, carrier: str = "", tracking: str = "",
               quantities: dict[str, int] | None = None, warehouse: str | None = None,
               shipment: int | None = None, packages: int = 1, weight_g: int | None = None) -> OrderState:
    """Ship packed parcels, whole or in part (SKU -> qty): all of them, one warehouse's, or parcel N."""
    if isinstance(packages, bool) or not isinstance(packages, int) or not 1 <= packages <= 99:
        raise ValidationError(f"a parcel is 1 to 99 packages, not {packages!r}")
    if weight_g is not None and (isinstance(weight_g, bool) or not isinstance(weight_g, int)
                                 or not 1 <= weight_g <= 1_000_000):
        raise ValidationError(f"the weight is whole grams from 1 to 1,000,000, not {weight_g!r}")
    with db.write() as s:
        wid = warehouse_by_code(s, warehouse).id if warehouse else None
        return ship_in(s, load_order(s, reference), actor=actor, carrier=carrier, tracking=tracking,
                       quantities=quantities, warehouse_id=wid, shipment_id=shipment, packages=packages,
                       weight_g=weight_g)


def ship_in(session: Session, order: Order, *, actor: Actor, carrier: str = "", tracking: str = "",
            quantities: dict[str, int] | None = None, warehouse_id: int | None = None,
            shipment_id: int | None = None, packages: int = 1, weight_g: int | None = None) -> OrderState:
    """Send packed parcels: their reserved units leave, every other reservation stays.

    `shipment_id` or `warehouse_id` ships one parcel of a split order. A tracking number
    belongs to one parcel, so it is refused when the units would leave from more than one
    warehouse. Service lines (shipping, gift wrap) go with the first parcel.
    """
    check_transition("ship", order.status, order.reference)
    if shipment_id is not None:
        chosen = choose_parcels(session, order, shipment_id=shipment_id)
        if warehouse_id is not None and chosen[0].warehouse_id != warehouse_id:
            raise ValidationError(f"parcel {shipment_id} of {order.reference} is not in that warehouse")
        warehouse_id = chosen[0].warehouse_id
    else:
        choose_parcels(session, order)  # the open parcels exist before they are read below
    to_ship = _quantities_to_ship(order, quantities, warehouse_id)
    if shipment_id is None and warehouse_id is None and quantities is None:
        # "Ship" on the order: the parcels that are packed go; one still being picked stays.
        packed = {p.warehouse_id for p in order.open_parcels if p.status == ParcelStatus.PACKED.value}
        if packed:
            to_ship = {lid: {w: q for w, q in by_wh.items() if w is None or w in packed}
                       for lid, by_wh in to_ship.items()}
    if not any(q for by_wh in to_ship.values() for q in by_wh.values()):
        if warehouse_id is not None:
            code = warehouse_code(session, warehouse_id)
            raise ValidationError(f"order {order.reference} has nothing reserved in {code}")
        raise ValidationError(f"nothing to ship on {order.reference}")
    stock_wids = sorted({w for by_wh in to_ship.values() for w in by_wh if w is not None})
    if len(stock_wids) > 1 and (packages != 1 or weight_g is not None):
        raise ValidationError(f"order {order.reference} leaves from several warehouses: give packages and "
                              "weight per parcel (--warehouse or --shipment)")
    if len(stock_wids) > 1 and tracking.strip():
        codes = ", ".join(warehouse_codes(session, stock_wids).values())
        raise ValidationError(f"order {order.reference} leaves from {codes}: ship each parcel "
                              "with its own warehouse and tracking number")
    open_by_wh = {p.warehouse_id: p for p in order.open_parcels}
    leaving = [open_by_wh[w] for w in stock_wids]
    check_packed(session, order, leaving)
    if not leaving:
        # Services only (nothing reserved anywhere): a parcel made on the spot records them.
        home = warehouse_id or order.warehouse_id or _first_warehouse(session)
        leaving = [Shipment(warehouse_id=home, status=ParcelStatus.PACKED.value, carrier="", tracking="")]
        order.parcels.append(leaving[0])
    was = {p.warehouse_id: p.status for p in leaving}
    now = utcnow()
    leave_claims_in(session, leaving)  # a parcel that leaves is no bench's work any more
    for parcel in leaving:
        parcel.status = ParcelStatus.SHIPPED.value
        parcel.shipped_at = now
        # A parcel booked at pack already has the carrier's number: shipping keeps it unless retyped.
        parcel.carrier = carrier.strip() or parcel.carrier
        parcel.tracking = tracking.strip() or parcel.tracking
        if parcel.label is None and tracking.strip():
            # Shipped with a typed number after a failed booking: nothing is left to book.
            parcel.booking_error = ""
        if parcel.label is None:
            parcel.packages = packages
            parcel.weight_g = weight_g if weight_g is not None else parcel.weight_g
    parcels = {p.warehouse_id: p for p in leaving}
    parcel_wids = [p.warehouse_id for p in leaving]
    consumed: dict[tuple[int, int], int] = defaultdict(int)
    for line in order.lines:
        for wid, qty in sorted(to_ship.get(line.id, {}).items(), key=lambda kv: kv[0] or 0):
            if qty <= 0:
                continue
            parcel = parcels[wid if wid is not None else parcel_wids[0]]
            parcel.lines.append(ShipmentLine(order_line_id=line.id, qty=qty))
            line.qty_shipped += qty
            if wid is None:
                continue
            left = qty
            for r in [r for r in line.reservations if r.warehouse_id == wid]:
                take = min(left, r.qty)
                r.qty -= take
                left -= take
                if r.qty == 0:
                    line.reservations.remove(r)
                if left == 0:
                    break
            consumed[(line.product_id, wid)] += qty
            session.add(StockMove(product_id=line.product_id, warehouse_id=wid, qty=-qty,
                                  kind=MoveKind.SALE.value, reason=f"order {order.reference}",
                                  order_id=order.id, user=actor.user))
    sync_parcels(order)
    for parcel in order.open_parcels:
        if parcel.id is None and parcel.warehouse_id in was:
            # Part of a packed parcel stayed behind: it is still at the bench, packed as it was.
            parcel.status = was[parcel.warehouse_id]
    session.flush()
    for (pid, wid), qty in sorted(consumed.items()):
        consume_reserved(session, pid, wid, qty)
    done = all(ln.qty_shipped == ln.qty for ln in order.lines)
    skus = {ln.sku for ln in order.lines if to_ship.get(ln.id)}
    names = warehouse_codes(session, parcel_wids)
    note = " ".join(f"{p.carrier} {p.tracking}".strip() for p in leaving).strip() or "no tracking"
    where = " + ".join(f"{names[w]} (parcel {parcels[w].id})" for w in parcel_wids)
    if done:
        set_status(session, order, OrderStatus.SHIPPED, "ship", actor, f"from {where}: {note}")
    else:
        reserved = sum(ln.qty_reserved for ln in order.lines)
        waiting = sum(ln.qty_open for ln in order.lines) - reserved
        set_status(session, order, OrderStatus.PARTIAL, "ship", actor,
                   f"from {where}: {note}; {reserved} unit(s) still reserved, {waiting} on backorder")
    outbox.stock_changed(session, skus)
    buyer_mail.parcels_left(session, order, leaving)
    channel = session.get(Channel, order.channel_id)
    if channel is not None and takes_updates_back(channel.kind) and order.external_id:
        for shipment in parcels.values():
            outbox.enqueue(
                session, "fulfillment.push",
                {"order": order.reference, "external_id": order.external_id, "shipment_id": shipment.id,
                 "carrier": shipment.carrier, "tracking": shipment.tracking,
                 "lines": _parcel_lines(order, shipment)},
                key=f"order:{order.id}", channel_id=channel.id,
                idempotency_key=f"fulfillment:{order.reference}:{shipment.id}",
            )
    return OrderState(order.reference, order.status)


def _parcel_lines(order: Order, shipment: Shipment) -> list[dict[str, object]]:
    by_id = {ln.id: ln for ln in order.lines}
    qty: dict[str, int] = defaultdict(int)
    for sl in shipment.lines:
        qty[by_id[sl.order_line_id].sku] += sl.qty
    return [{"sku": sku, "qty": q} for sku, q in qty.items()]



def _first_warehouse(session: Session) -> int:
    """Where a shipment of services only (no stock reserved anywhere) is recorded as sent from."""
    wid = session.scalar(select(Warehouse.id).where(Warehouse.active.is_(True))
                         .order_by(Warehouse.priority, Warehouse.code).limit(1))
    if wid is None:
        raise ValidationError("no active warehouse to ship from")
    return int(wid)


def _shippable(line: OrderLine, warehouse_id: int | None) -> dict[int | None, int]:
    """What this line can ship now, per warehouse (None: a service line, no stock needed)."""
    if not line.product.stock_tracked:
        return {None: line.qty_open} if line.qty_open > 0 else {}
    out: dict[int | None, int] = defaultdict(int)
    for r in line.reservations:
        if warehouse_id is None or r.warehouse_id == warehouse_id:
            out[r.warehouse_id] += r.qty
    return dict(out)


def _quantities_to_ship(order: Order, quantities: dict[str, int] | None,
                        warehouse_id: int | None) -> dict[int, dict[int | None, int]]:
    """Order line id -> warehouse id -> units to ship: all that is reserved, or SKU -> qty of it."""
    shippable = {ln.id: _shippable(ln, warehouse_id) for ln in order.lines}
    if quantities is None:
        return shippable
    unknown = sorted(set(quantities) - {ln.sku for ln in order.lines})
    if unknown:
        raise ValidationError(f"SKU {', '.join(unknown)} is not on order {order.reference}")
    result: dict[int, dict[int | None, int]] = {}
    for sku, qty in quantities.items():
        left = positive_int(qty, f"quantity of {sku} to ship")
        for ln in order.lines:
            if ln.sku != sku:
                continue
            for wid, have in sorted(shippable[ln.id].items(), key=lambda kv: kv[0] or 0):
                take = min(left, have)
                if take:
                    result.setdefault(ln.id, {})[wid] = take
                    left -= take
        if left:
            have = sum(sum(shippable[ln.id].values()) for ln in order.lines if ln.sku == sku)
            raise ValidationError(f"cannot ship {qty} x {sku} on {order.reference}: only {have} reserved"
                                  + (" in that warehouse" if warehouse_id is not None else ""))
    return result
