"""Parcel rules without a database: one open parcel per reserved warehouse, actions by parcel step."""

from __future__ import annotations

from omsdesk.models import Order, OrderLine, Product, Reservation, Shipment
from omsdesk.services.fulfilment.parcels import parcel_units, sync_parcels


def _order(status: str, *reserved: tuple[str, int, int], service: bool = False) -> Order:
    """An order in memory: one line per (sku, warehouse id, qty reserved)."""
    order = Order(reference="SO-T", status=status, total=0, paid_amount=0, refunded_amount=0)
    for no, (sku, wid, qty) in enumerate(reserved, start=1):
        line = OrderLine(line_no=no, sku=sku, name=sku, qty=qty, qty_shipped=0, qty_cancelled=0, qty_returned=0, total=0,
                         product=Product(sku=sku, name=sku, stock_tracked=True), product_id=no)
        line.reservations.append(Reservation(product_id=no, warehouse_id=wid, qty=qty))
        order.lines.append(line)
    if service:
        order.lines.append(OrderLine(line_no=99, sku="ENVIO", name="Envío", qty=1, qty_shipped=0, qty_cancelled=0, qty_returned=0, total=0,
                                     product=Product(sku="ENVIO", name="Envío", stock_tracked=False)))
    return order


def test_one_open_parcel_per_warehouse_reserved_in_and_none_twice() -> None:
    order = _order("allocated", ("TAZ", 3, 2), ("CAF", 1, 1), ("CUP", 1, 4))
    sync_parcels(order)
    sync_parcels(order)
    assert sorted((p.warehouse_id, p.status) for p in order.parcels) == [(1, "open"), (3, "open")]
    by_wh = {p.warehouse_id: p for p in order.parcels}
    assert parcel_units(order, by_wh[1]) == {"CAF": 1, "CUP": 4}
    assert parcel_units(order, by_wh[3]) == {"TAZ": 2}


def test_a_parcel_whose_reservations_are_gone_disappears_and_a_shipped_one_stays() -> None:
    order = _order("partial", ("TAZ", 3, 2), ("CAF", 1, 1))
    order.parcels.append(Shipment(warehouse_id=2, status="shipped"))
    sync_parcels(order)
    order.lines[0].reservations.clear()
    sync_parcels(order)
    assert sorted((p.warehouse_id, p.status) for p in order.parcels) == [(1, "open"), (2, "shipped")]
    assert [p.warehouse_id for p in order.shipments] == [2]
    assert [p.warehouse_id for p in order.open_parcels] == [1]


def test_the_buttons_follow_the_parcels_steps() -> None:
    order = _order("picking", ("TAZ", 3, 2), ("CAF", 1, 1))
    sync_parcels(order)
    first, second = order.parcels
    first.status = "picking"
    assert {"pick", "pack"} <= set(order.available_actions()) and "ship" not in order.available_actions()
    first.status, second.status = "packed", "picking"
    actions = order.available_actions()
    assert "pick" not in actions and "pack" in actions and "ship" in actions


def test_an_order_of_services_only_is_led_by_its_own_status() -> None:
    order = _order("allocated", service=True)
    sync_parcels(order)
    assert order.parcels == []
    assert "pick" in order.available_actions()
