"""Service products (shipping, gift wrap) travel on orders without stock, reservations or moves."""

from __future__ import annotations

from sqlalchemy import func, select

from omsdesk.models import StockLevel, StockMove
from omsdesk.services.catalog import ProductInput, add_product
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import returns, shipping
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.intake.batch import place_orders
from omsdesk.services.intake.order_entry import LineInput, OrderInput
from tests.fixtures.database import ACTOR, Shop, ledger_problems


def _service(shop: Shop, sku: str = "ENVIO") -> str:
    add_product(shop.db, ProductInput(sku, "Gastos de envío", 495, stock_tracked=False), actor=ACTOR)
    return sku


def test_order_with_shipping_allocates_ships_and_closes_without_stock_for_the_service(shop: Shop) -> None:
    sku, envio = shop.product(), _service(shop)
    shop.stock(sku, 2)
    ref = shop.order_at("packed", {sku: 2, envio: 1})
    assert shop.level(sku) == (2, 2)
    shipping.ship_order(shop.db, ref, actor=ACTOR, carrier="SEUR", tracking="S1")
    assert shop.status(ref) == "shipped"
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockMove).where(StockMove.kind == "sale")) == 1
        assert s.scalar(select(func.count()).select_from(StockLevel)
                        .where(StockLevel.product_id == select(StockMove.product_id).limit(1)
                               .scalar_subquery())) == 1
    assert shop.moves(envio) == []
    returns.return_order(shop.db, ref, actor=ACTOR)
    assert shop.status(ref) == "returned"
    assert shop.level(sku) == (2, 0)
    assert ledger_problems(shop.db) == []


def test_an_order_of_services_only_is_ready_without_any_stock(shop: Shop) -> None:
    envio = _service(shop)
    ref = shop.order_at("paid", {envio: 1})
    state = allocate_order(shop.db, ref, actor=ACTOR)
    assert (state.status, state.message) == ("allocated", "no stock needed")
    svc.pick_order(shop.db, ref, actor=ACTOR)
    svc.pack_order(shop.db, ref, actor=ACTOR)
    shipping.ship_order(shop.db, ref, actor=ACTOR)
    assert shop.status(ref) == "shipped"


def test_batch_intake_reserves_only_the_stock_lines(shop: Shop) -> None:
    sku, envio = shop.product(), _service(shop)
    shop.stock(sku, 1)
    batch = [OrderInput(lines=(LineInput(sku=sku, qty=1), LineInput(sku=envio, qty=1)), channel="manual"),
             OrderInput(lines=(LineInput(sku=envio, qty=1),), channel="manual")]
    created = place_orders(shop.db, batch, actor=ACTOR, pay_method="card", allocate=True)
    assert [c.status for c in created] == ["allocated", "allocated"]
    assert shop.level(sku) == (1, 1)
    assert ledger_problems(shop.db) == []
