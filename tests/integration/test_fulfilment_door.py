"""One allocation door: every caller reserves by the same need and the same routing, parcels per warehouse."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from omsdesk.models import (
    IllegalTransition,
    OrderLine,
    Reservation,
    Shipment,
    ValidationError,
    Warehouse,
)
from omsdesk.services.catalog import ProductInput, add_product
from omsdesk.services.counter import CounterSale, SaleLine, sell
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import AddressInput, LineInput, OrderInput
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def _service(shop: Shop, sku: str = "ENVIO") -> str:
    add_product(shop.db, ProductInput(sku, "Gastos de envío", 495, stock_tracked=False), actor=ACTOR)
    return sku


def _reserved(shop: Shop, ref: str) -> dict[tuple[str, str], int]:
    """(SKU, warehouse) -> units reserved for the order."""
    from omsdesk.models import Order

    out: dict[tuple[str, str], int] = {}
    with shop.db.read() as s:
        for sku, code, qty in s.execute(
                select(OrderLine.sku, Warehouse.code, Reservation.qty)
                .join(Reservation, Reservation.order_line_id == OrderLine.id)
                .join(Warehouse, Warehouse.id == Reservation.warehouse_id)
                .join(Order, Order.id == OrderLine.order_id).where(Order.reference == ref)):
            out[(sku, code)] = out.get((sku, code), 0) + qty
    return out


def _parcels(shop: Shop, ref: str) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(warehouse, tracking, [(SKU, qty)]) of each shipment of the order, oldest first."""
    from omsdesk.models import Order

    with shop.db.read() as s:
        order = s.scalar(select(Order).where(Order.reference == ref))
        assert order is not None
        skus = {ln.id: ln.sku for ln in order.lines}
        codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
        return [(codes[sh.warehouse_id], sh.tracking, sorted((skus[sl.order_line_id], sl.qty) for sl in sh.lines))
                for sh in s.scalars(select(Shipment).where(Shipment.order_id == order.id).order_by(Shipment.id))]


def test_a_backorder_with_a_shipping_line_is_served_first_when_stock_arrives(shop: Shop) -> None:
    lamp, envio = shop.product(), _service(shop)
    older = shop.order_at("paid", {lamp: 1, envio: 1})
    younger = shop.order_at("paid", {lamp: 1})
    assert allocate_order(shop.db, older, actor=ACTOR).status == "backorder"
    assert allocate_order(shop.db, younger, actor=ACTOR).status == "backorder"

    shop.stock(lamp, 1, "MAD")

    # Oldest first, and the shipping line asks nothing of the stock.
    assert (shop.status(older), shop.status(younger)) == ("allocated", "backorder")
    assert _reserved(shop, older) == {(lamp, "MAD"): 1}
    assert ledger_problems(shop.db) == []


def test_a_counter_sale_with_a_service_line_goes_through(shop: Shop) -> None:
    mug, wrap = shop.product("MUG-01"), _service(shop, "WRAP")
    shop.stock(mug, 3, "BCN")
    result = sell(shop.db, CounterSale((SaleLine(mug, 1), SaleLine(wrap, 1)), "card", "BCN"), actor=ACTOR)
    assert shop.status(result.reference) == "delivered"
    assert shop.level(mug, "BCN") == (2, 0)
    assert shop.moves(wrap) == []


def test_a_counter_sale_never_takes_stock_from_another_warehouse(shop: Shop) -> None:
    mug = shop.product("MUG-01")
    shop.stock(mug, 5, "MAD")
    from omsdesk.models import InsufficientStock

    with pytest.raises(InsufficientStock, match=f"not enough {mug} in BCN"):
        sell(shop.db, CounterSale((SaleLine(mug, 1),), "card", "BCN"), actor=ACTOR)
    assert shop.level(mug, "MAD") == (5, 0)


def test_batch_intake_routes_an_order_exactly_as_the_order_screen_does(shop: Shop) -> None:
    a, b = shop.product(), shop.product()
    # a only in MAD, b only in BCN: the order can only be served by a split.
    shop.stock(a, 4, "MAD")
    shop.stock(b, 4, "BCN")
    to_sevilla = AddressInput(name="Ana", line1="Calle Feria 1", city="Sevilla", postcode="41003")
    data = OrderInput(lines=(LineInput(sku=a, qty=1), LineInput(sku=b, qty=1)), channel="manual",
                      ship_to=to_sevilla)
    [batched] = place_orders(shop.db, [data], actor=ACTOR, pay_method="card", allocate=True)
    single = shop.order_at("paid", {a: 1, b: 1})
    state = allocate_order(shop.db, single, actor=ACTOR)

    assert (batched.status, state.status) == ("allocated", "allocated")
    assert _reserved(shop, batched.reference) == _reserved(shop, single) == {(a, "MAD"): 1, (b, "BCN"): 1}
    # The same explanation in the audit trail, whoever allocated.
    assert shop.audit(batched.reference)[-1].reason.startswith("split into 2 shipments")
    assert ledger_problems(shop.db) == []


def test_a_split_order_ships_one_parcel_per_warehouse_and_keeps_the_other_reserved(shop: Shop) -> None:
    taz = shop.product()
    shop.stock(taz, 3, "MAD")
    shop.stock(taz, 2, "BCN")
    ref = shop.order_at("packed", {taz: 4})
    # MAD is tried first (warehouse priority) and gives all it has; BCN the rest.
    assert _reserved(shop, ref) == {(taz, "MAD"): 3, (taz, "BCN"): 1}

    with pytest.raises(ValidationError, match="ship each parcel with its own warehouse and tracking"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="SEUR", tracking="ONE-FOR-BOTH")

    from_mad = 3
    state = shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="SEUR", tracking="S-MAD", warehouse="MAD")
    assert state.status == "partial"
    # The Barcelona half is still reserved for this order, nothing was given away.
    assert _reserved(shop, ref) == {(taz, "BCN"): 4 - from_mad}
    assert shop.level(taz, "MAD") == (3 - from_mad, 0)

    state = shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="MRW", tracking="M-BCN", warehouse="BCN")
    assert state.status == "shipped"
    assert _parcels(shop, ref) == [("MAD", "S-MAD", [(taz, from_mad)]), ("BCN", "M-BCN", [(taz, 4 - from_mad)])]

    # Returned goods go back to the warehouse they left from.
    returns.return_order(shop.db, ref, actor=ACTOR, reason="rota", quantities={taz: 4})
    assert shop.level(taz, "MAD") == (3, 0)
    assert shop.level(taz, "BCN") == (2, 0)
    assert ledger_problems(shop.db) == []


def test_shipping_more_than_a_warehouse_holds_is_refused_and_changes_nothing(shop: Shop) -> None:
    taz = shop.product()
    shop.stock(taz, 1, "MAD")
    shop.stock(taz, 1, "BCN")
    ref = shop.order_at("packed", {taz: 2})
    before = shop.snapshot()
    with pytest.raises(ValidationError, match=f"cannot ship 2 x {taz} on {ref}: only 1 reserved in that warehouse"):
        shipping.ship_order(shop.db, ref, actor=ACTOR, warehouse="MAD", quantities={taz: 2})
    assert shop.snapshot() == before


def test_a_part_shipped_order_cannot_be_cancelled_even_on_hold(shop: Shop) -> None:
    taz = shop.product()
    shop.stock(taz, 2, "MAD")
    ref = shop.order_at("packed", {taz: 2})
    shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={taz: 1})
    svc.hold_order(shop.db, ref, actor=ACTOR, reason="customer call")
    before = shop.snapshot()
    with pytest.raises(IllegalTransition, match="1 unit\\(s\\) have already shipped"):
        svc.cancel_order(shop.db, ref, actor=ACTOR, reason="changed mind")
    assert shop.snapshot() == before


def test_the_database_refuses_a_reservation_beyond_the_open_quantity(shop: Shop) -> None:
    taz = shop.product()
    shop.stock(taz, 5, "MAD")
    ref = shop.order_at("allocated", {taz: 2})
    with shop.db.read() as s:
        line_id, pid = s.execute(select(OrderLine.id, OrderLine.product_id).where(OrderLine.sku == taz)).one()
        wid = s.scalar(select(Warehouse.id).where(Warehouse.code == "MAD"))
    for statement in (
        f"INSERT INTO reservations (order_line_id, product_id, warehouse_id, qty, created_at) "
        f"VALUES ({line_id}, {pid}, {wid}, 1, CURRENT_TIMESTAMP)",
        f"UPDATE reservations SET qty = 3 WHERE order_line_id = {line_id}",
    ):
        with pytest.raises(DBAPIError, match="reservation exceeds the open quantity"), shop.db.write() as s:
            s.execute(text(statement))
    assert _reserved(shop, ref) == {(taz, "MAD"): 2}
