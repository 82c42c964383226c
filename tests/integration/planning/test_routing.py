"""Routing: nearest warehouse with every line, fewest-shipment splits, channel rules, backorders."""

from __future__ import annotations

from sqlalchemy import select

from omsdesk.models import Order, OrderLine, Reservation, Warehouse
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.fulfilment.routing import rank_warehouses, set_channel_rule
from omsdesk.services.goods_in.receiving import receive_stock
from tests.fixtures.database import ACTOR, ledger_problems
from tests.integration.planning.conftest import GeoShop


def _reserved_in(geo: GeoShop, ref: str) -> dict[str, int]:
    out: dict[str, int] = {}
    with geo.db.read() as s:
        for code, qty in s.execute(
            select(Warehouse.code, Reservation.qty)
            .join(Warehouse, Warehouse.id == Reservation.warehouse_id)
            .join(OrderLine, OrderLine.id == Reservation.order_line_id)
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.reference == ref)
        ):
            out[code] = out.get(code, 0) + qty
    return out


def _allocate_reason(geo: GeoShop, ref: str) -> str:
    return [a.reason for a in geo.audit(ref) if a.action == "allocate"][-1]


def test_whole_order_goes_to_the_nearest_warehouse_that_has_every_line(geo: GeoShop) -> None:
    a, b = geo.product(), geo.product()
    for wh in ("MAD", "BCN", "SVQ"):
        geo.stock(a, 5, wh)
        geo.stock(b, 5, wh)
    barcelona = geo.order_to("08001", {a: 1, b: 2})
    sevilla = geo.order_to("41001", {a: 1})
    assert allocate_order(geo.db, barcelona, actor=ACTOR).message == "reserved in BCN"
    assert allocate_order(geo.db, sevilla, actor=ACTOR).message == "reserved in SVQ"
    reason = _allocate_reason(geo, barcelona)
    assert reason.startswith("BCN: nearest (")
    assert reason.endswith("km) that has all lines")
    assert _reserved_in(geo, barcelona) == {"BCN": 3}


def test_nearest_warehouse_missing_a_line_is_skipped_with_the_reason(geo: GeoShop) -> None:
    a, b = geo.product(), geo.product()
    geo.stock(a, 5, "BCN")                 # Barcelona lacks b
    geo.stock(a, 5, "MAD")
    geo.stock(b, 5, "MAD")
    ref = geo.order_to("08001", {a: 1, b: 1})
    assert allocate_order(geo.db, ref, actor=ACTOR).message == "reserved in MAD"
    reason = _allocate_reason(geo, ref)
    assert reason.startswith("MAD: nearest (")
    assert "BCN cannot ship all lines" in reason


def test_split_uses_the_fewest_warehouses_then_the_nearest(geo: GeoShop) -> None:
    a, b, c = geo.product(), geo.product(), geo.product()
    geo.stock(a, 1, "MAD")
    geo.stock(b, 1, "MAD")
    geo.stock(c, 1, "MAD")
    geo.stock(a, 1, "BCN")
    geo.stock(b, 1, "BCN")
    geo.stock(a, 2, "SVQ")
    geo.stock(b, 2, "SVQ")
    ref = geo.order_to("28001", {a: 2, b: 2, c: 1})
    state = allocate_order(geo.db, ref, actor=ACTOR)
    assert state.status == "allocated"
    # MAD+BCN and MAD+SVQ both need two shipments; SVQ is nearer to Madrid than BCN.
    assert state.message == "reserved in MAD + SVQ"
    assert _reserved_in(geo, ref) == {"MAD": 3, "SVQ": 2}
    assert _allocate_reason(geo, ref).startswith("split into 2 shipments")
    assert geo.level(a, "BCN") == (1, 0)
    assert ledger_problems(geo.db) == []


def test_split_beats_backorder_when_no_warehouse_has_everything(geo: GeoShop) -> None:
    a, b = geo.product(), geo.product()
    geo.stock(a, 2, "SVQ")
    geo.stock(b, 2, "BCN")
    ref = geo.order_to("08001", {a: 2, b: 2})
    assert allocate_order(geo.db, ref, actor=ACTOR).message == "reserved in BCN + SVQ"
    assert (geo.level(a, "SVQ"), geo.level(b, "BCN")) == ((2, 2), (2, 2))


def test_channel_rules_exclude_and_prefer_warehouses(geo: GeoShop) -> None:
    sku = geo.product()
    for wh in ("MAD", "BCN", "SVQ"):
        geo.stock(sku, 5, wh)
    first = geo.order_to("08001", {sku: 1})       # also creates the manual channel
    set_channel_rule(geo.db, "manual", "BCN", "exclude", actor=ACTOR)
    assert allocate_order(geo.db, first, actor=ACTOR).message == "reserved in MAD"
    set_channel_rule(geo.db, "manual", "SVQ", "prefer", actor=ACTOR)
    second = geo.order_to("08001", {sku: 1})
    assert allocate_order(geo.db, second, actor=ACTOR).message == "reserved in SVQ"
    assert _allocate_reason(geo, second).startswith("SVQ: preferred for channel manual")
    with geo.db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == second))
        assert order is not None
        assert [w.code for w in rank_warehouses(s, order)] == ["SVQ", "MAD"]


def test_excluded_warehouse_stock_is_never_reserved(geo: GeoShop) -> None:
    sku = geo.product()
    geo.stock(sku, 5, "BCN")
    ref = geo.order_to("08001", {sku: 1})
    set_channel_rule(geo.db, "manual", "BCN", "exclude", actor=ACTOR)
    assert allocate_order(geo.db, ref, actor=ACTOR).status == "backorder"
    assert geo.level(sku, "BCN") == (5, 0)


def test_backorders_are_allocated_oldest_first_when_stock_arrives(geo: GeoShop) -> None:
    sku = geo.product()
    older = geo.order_to("28001", {sku: 3})
    newer = geo.order_to("28001", {sku: 2})
    small = geo.order_to("28001", {sku: 1})
    for ref in (older, newer, small):
        assert allocate_order(geo.db, ref, actor=ACTOR).status == "backorder"

    receive_stock(geo.db, sku, 4, "MAD", actor=ACTOR, serve_backorders=True)
    # The oldest takes 3; the next (2) does not fit in what is left, the small one (1) does.
    assert [geo.status(r) for r in (older, newer, small)] == ["allocated", "backorder", "allocated"]
    assert geo.level(sku, "MAD") == (4, 4)
    auto = [a for a in geo.audit(older) if a.action == "allocate"][-1]
    assert (auto.from_status, auto.to_status) == ("backorder", "allocated")

    receive_stock(geo.db, sku, 2, "SVQ", actor=ACTOR, serve_backorders=True)
    assert geo.status(newer) == "allocated"
    assert ledger_problems(geo.db) == []


def test_receipt_without_serving_backorders_leaves_them_waiting(geo: GeoShop) -> None:
    sku = geo.product()
    ref = geo.order_to("28001", {sku: 1})
    allocate_order(geo.db, ref, actor=ACTOR)
    receive_stock(geo.db, sku, 1, "MAD", actor=ACTOR, serve_backorders=False)
    assert geo.status(ref) == "backorder"
