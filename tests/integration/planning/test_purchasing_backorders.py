"""Purchasing sees backorders: what waiting orders still need is bought on top of the rule."""

from __future__ import annotations

from sqlalchemy import select, update

from omsdesk.models import Order, Warehouse
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.goods_in.purchasing import (
    add_supplier,
    create_from_suggestions,
    set_reorder_rule,
    suggest_purchases,
)
from tests.fixtures.database import ACTOR, Shop


def _suggested(shop: Shop, sku: str) -> list[tuple[str, int, int]]:
    with shop.db.read() as s:
        return [(x.warehouse, x.qty, x.backordered) for x in suggest_purchases(s) if x.sku == sku]


def _backorder(shop: Shop, sku: str, qty: int) -> str:
    ref = shop.order_at("paid", {sku: qty})
    assert allocate_order(shop.db, ref, actor=ACTOR).status == "backorder"
    return ref


def test_ten_backordered_units_are_suggested_on_top_of_the_rule(shop: Shop) -> None:
    sku = shop.product()  # never stocked, as SIL-001 in the review (F10)
    _backorder(shop, sku, 10)
    add_supplier(shop.db, "ACME", "Acme", actor=ACTOR)
    set_reorder_rule(shop.db, sku, "MAD", actor=ACTOR, min_qty=2, supplier="ACME", unit_cost=80)
    assert _suggested(shop, sku) == [("MAD", 12, 10)]
    [po] = create_from_suggestions(shop.db, actor=ACTOR)
    assert [(ln.sku, ln.qty) for ln in po.lines] == [(sku, 12)]
    # The draft is on order now: nothing more to buy.
    assert _suggested(shop, sku) == []


def test_a_backorder_without_rule_or_stock_is_still_suggested(shop: Shop) -> None:
    sku = shop.product()
    _backorder(shop, sku, 4)
    assert _suggested(shop, sku) == [("MAD", 4, 4)]  # the first warehouse


def test_backorders_count_in_the_warehouse_of_the_rule_and_the_maximum_leaves_room_for_them(
        shop: Shop) -> None:
    sku = shop.product()
    _backorder(shop, sku, 6)
    set_reorder_rule(shop.db, sku, "BCN", actor=ACTOR, min_qty=5, max_qty=8)
    # 5 safety + 6 waiting = 11. A cap of 8 alone would cut it to 8, but the 6 waiting leave on
    # arrival, so the cap is 8 + 6 = 14 and all 11 are bought.
    assert _suggested(shop, sku) == [("BCN", 11, 6)]


def test_an_order_with_a_warehouse_counts_there(shop: Shop) -> None:
    sku = shop.product()
    ref = _backorder(shop, sku, 3)
    with shop.db.write() as s:
        sev = s.scalar(select(Warehouse.id).where(Warehouse.code == "SEV"))
        s.execute(update(Order).where(Order.reference == ref).values(warehouse_id=sev))
    set_reorder_rule(shop.db, sku, "MAD", actor=ACTOR, min_qty=1)
    assert sorted(_suggested(shop, sku)) == [("MAD", 1, 0), ("SEV", 3, 3)]


def test_reserved_and_served_orders_add_nothing(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5, "MAD")
    shop.order_at("allocated", {sku: 5})   # reserved: no longer a need
    set_reorder_rule(shop.db, sku, "MAD", actor=ACTOR, min_qty=2)
    # 2 safety - (5 on hand - 5 reserved): nothing waiting to add.
    assert _suggested(shop, sku) == [("MAD", 2, 0)]
