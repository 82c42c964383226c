"""Shipping and returns: goods leave or come back, the ledger and reservations follow."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.models import (
    Channel,
    MoveKind,
    Order,
    OrderStatus,
    Product,
    Reservation,
    Shipment,
    ShipmentLine,
    StockMove,
    ValidationError,
    Warehouse,
    check_transition,
)
from omsdesk.services import audit, outbox
from omsdesk.services.context import Actor
from omsdesk.services.orders import (
    MARKETPLACE_KINDS,
    OrderState,
    load_order,
    release_reservations,
    set_status,
)
from omsdesk.services.stock import consume_reserved, move, untracked_products
from omsdesk.services.validation import positive_int


def ship_order(db: Database, reference: str, *, actor: Actor, carrier: str = "", tracking: str = "",
               quantities: dict[str, int] | None = None) -> OrderState:
    """Ship a packed order, whole or in part (SKU -> qty); the unshipped rest becomes a backorder."""
    with db.write() as s:
        return ship_in(s, load_order(s, reference), actor=actor, carrier=carrier,
                       tracking=tracking, quantities=quantities)


def ship_in(session: Session, order: Order, *, actor: Actor, carrier: str = "", tracking: str = "",
            quantities: dict[str, int] | None = None) -> OrderState:
    check_transition("ship", order.status, order.reference)
    reservations = list(session.scalars(
        select(Reservation).where(Reservation.order_line_id.in_([ln.id for ln in order.lines]))
        .order_by(Reservation.id)))
    by_line: dict[int, list[Reservation]] = defaultdict(list)
    for r in reservations:
        by_line[r.order_line_id].append(r)
    services = untracked_products(session, (ln.product_id for ln in order.lines))
    to_ship = _quantities_to_ship(order, by_line, quantities,
                                  {ln.id for ln in order.lines if ln.product_id in services})
    if not any(to_ship.values()):
        raise ValidationError(f"nothing to ship on {order.reference}")
    warehouse_id = order.warehouse_id or (reservations[0].warehouse_id if reservations else
                                          _first_warehouse(session))
    shipment = Shipment(order_id=order.id, warehouse_id=warehouse_id, carrier=carrier.strip(),
                        tracking=tracking.strip())
    session.add(shipment)
    consumed: dict[tuple[int, int], int] = defaultdict(int)
    for line in order.lines:
        qty = to_ship.get(line.id, 0)
        if qty <= 0:
            continue
        shipment.lines.append(ShipmentLine(order_line_id=line.id, qty=qty))
        line.qty_shipped += qty
        left = qty
        for r in by_line[line.id]:
            take = min(left, r.qty)
            r.qty -= take
            left -= take
            consumed[(r.product_id, r.warehouse_id)] += take
            session.add(StockMove(product_id=r.product_id, warehouse_id=r.warehouse_id, qty=-take,
                                  kind=MoveKind.SALE.value, reason=f"order {order.reference}",
                                  order_id=order.id, user=actor.user))
            if r.qty == 0:
                session.delete(r)
            if left == 0:
                break
    session.flush()
    for (pid, wid), qty in sorted(consumed.items()):
        consume_reserved(session, pid, wid, qty)
    done = all(ln.qty_shipped == ln.qty for ln in order.lines)
    skus = {ln.sku for ln in order.lines if to_ship.get(ln.id)}
    if not done:
        skus |= release_reservations(session, order)
    wh_code = session.scalar(select(Warehouse.code).where(Warehouse.id == warehouse_id)) or ""
    note = f"{carrier} {tracking}".strip() or "no tracking"
    if done:
        set_status(session, order, OrderStatus.SHIPPED, "ship", actor, f"from {wh_code}: {note}")
    else:
        open_qty = sum(ln.qty_open for ln in order.lines)
        set_status(session, order, OrderStatus.PARTIAL, "ship", actor,
                   f"from {wh_code}: {note}; {open_qty} unit(s) left on backorder")
    outbox.stock_changed(session, skus)
    channel = session.get(Channel, order.channel_id)
    if channel is not None and channel.kind in MARKETPLACE_KINDS and order.external_id:
        session.flush()
        outbox.enqueue(
            session, "fulfillment.push",
            {"order": order.reference, "external_id": order.external_id, "shipment_id": shipment.id,
             "carrier": shipment.carrier, "tracking": shipment.tracking,
             "lines": [{"sku": ln.sku, "qty": to_ship[ln.id]} for ln in order.lines if to_ship.get(ln.id)]},
            key=f"order:{order.id}", channel_id=channel.id,
            idempotency_key=f"fulfillment:{order.reference}:{shipment.id}",
        )
    return OrderState(order.reference, order.status)


def _first_warehouse(session: Session) -> int:
    """Where a shipment of services only (no stock reserved anywhere) is recorded as sent from."""
    wid = session.scalar(select(Warehouse.id).where(Warehouse.active.is_(True))
                         .order_by(Warehouse.priority, Warehouse.code).limit(1))
    if wid is None:
        raise ValidationError("no active warehouse to ship from")
    return int(wid)


def _quantities_to_ship(order: Order, by_line: dict[int, list[Reservation]],
                        quantities: dict[str, int] | None, service_lines: set[int]) -> dict[int, int]:
    # A service line (shipping) needs no stock: all of what is open goes with the shipment.
    reserved = {ln.id: ln.qty_open if ln.id in service_lines else sum(r.qty for r in by_line[ln.id])
                for ln in order.lines}
    if quantities is None:
        return reserved
    skus = {ln.sku for ln in order.lines}
    unknown = sorted(set(quantities) - skus)
    if unknown:
        raise ValidationError(f"SKU {', '.join(unknown)} is not on order {order.reference}")
    result: dict[int, int] = {}
    for sku, qty in quantities.items():
        left = positive_int(qty, f"quantity of {sku} to ship")
        for ln in order.lines:
            if ln.sku == sku and left:
                take = min(left, reserved[ln.id])
                result[ln.id] = result.get(ln.id, 0) + take
                left -= take
        if left:
            raise ValidationError(f"cannot ship {qty} x {sku} on {order.reference}: only "
                                  f"{sum(reserved[ln.id] for ln in order.lines if ln.sku == sku)} reserved")
    return result


def return_order(db: Database, reference: str, *, actor: Actor, reason: str = "",
                 quantities: dict[str, int] | None = None, restock: bool = True) -> OrderState:
    """Take shipped goods back (all by default) into the warehouse they left from."""
    with db.write() as s:
        order = load_order(s, reference)
        check_transition("return", order.status, order.reference)
        returnable = {ln.id: ln.qty_shipped - ln.qty_returned for ln in order.lines}
        wanted: dict[int, int] = {}
        if quantities is None:
            wanted = {k: v for k, v in returnable.items() if v > 0}
        else:
            for sku, qty in quantities.items():
                left = positive_int(qty, f"quantity of {sku} to return")
                for ln in order.lines:
                    if ln.sku == sku and left:
                        take = min(left, returnable[ln.id] - wanted.get(ln.id, 0))
                        if take > 0:
                            wanted[ln.id] = wanted.get(ln.id, 0) + take
                            left -= take
                if left:
                    raise ValidationError(f"cannot return {qty} x {sku} on {order.reference}: "
                                          "more than was shipped and not yet returned")
        if not wanted:
            raise ValidationError(f"nothing to return on {order.reference}")
        wh = s.get(Warehouse, order.warehouse_id or order.shipments[-1].warehouse_id)
        assert wh is not None
        for ln in order.lines:
            qty = wanted.get(ln.id, 0)
            if qty:
                ln.qty_returned += qty
                product = s.get(Product, ln.product_id)
                assert product is not None
                if restock and product.stock_tracked:
                    move(s, actor, product, wh, qty, MoveKind.RETURN,
                         f"return {order.reference}: {reason}".strip(": "), order.id)
        note = reason or f"{sum(wanted.values())} unit(s) returned to {wh.code}"
        everything_back = all(ln.qty_returned == ln.qty for ln in order.lines)
        if everything_back:
            set_status(s, order, OrderStatus.RETURNED, "return", actor, note)
        else:
            # Part of the goods came back: the order keeps its status, so what is still out can
            # be returned later and a back-ordered rest can still ship.
            audit.record(s, actor, entity="order", entity_id=order.id, reference=order.reference,
                         action="return", from_status=order.status, to_status=order.status, reason=note)
        return OrderState(order.reference, order.status)
