"""Issue 14.2-14.3: WooCommerce variations and trash, shipping as a line, like-with-like re-import.

Against the local shop servers (tests/fixtures/marketplaces.py, which quote the APIs they follow)
and SQLite and PostgreSQL through the `db` fixture.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Order, OrderStatus, Product
from omsdesk.models.sync_state import ChannelOrderLink, QuarantinedOrder
from omsdesk.services.catalog import ProductInput, add_product
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.channels.shop_mapping import set_cancelled_on_arrival
from omsdesk.sync.connector import (
    STATUS_CANCELLED,
    ChannelConfig,
    ChannelOrder,
    Connector,
    StockPush,
)
from omsdesk.sync.demo_data import CATALOGUE, DemoOrder, generate_orders
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.importer import import_orders
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify import parse_order as parse_shopify
from omsdesk.sync.shopify_simulator import ShopifySimulator
from omsdesk.sync.woocommerce import WooCommerceConnector
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import (
    PRESTA_KEY,
    WOO_KEY,
    WOO_SECRET,
    PrestaSimulator,
    SleepRecorder,
    WooSimulator,
    later,
)


def woo(shop: WooSimulator, sleeps: SleepRecorder) -> WooCommerceConnector:
    config = ChannelConfig("Tienda Woo", "woocommerce", shop.url, f"{WOO_KEY}:{WOO_SECRET}", {})
    connector = create_connector(config, sleep=sleeps, clock=sleeps.clock)
    assert isinstance(connector, WooCommerceConnector)
    return connector


def woo_orders(shop: WooSimulator, sleeps: SleepRecorder) -> list[ChannelOrder]:
    return [o for page in woo(shop, sleeps).pull_orders(None) for o in page.orders]


@pytest.fixture
def store(db: Database) -> Shop:
    shop = Shop(db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.product(product.sku, price=int(product.price * 100),
                     tax_rate_bp=int(product.rate * 10000))
        shop.stock(product.sku, 500)
    return shop


def channel(db: Database, code: str, kind: str = "woocommerce", **settings: str) -> str:
    return add_channel(db, kind=kind, name=code.title(), code=code, url="https://shop.example",
                       actor=ACTOR, settings=settings)


def orders_of(db: Database) -> dict[str, Order]:
    with db.read() as s:
        found = {o.external_id: o for o in s.scalars(select(Order))}
        for order in found.values():
            _ = [(ln.sku, ln.qty, ln.unit_price) for ln in order.lines]  # loaded in the session
        return found


def conflicts(db: Database) -> list[str]:
    with db.read() as s:
        return [q.reason for q in s.scalars(select(QuarantinedOrder).where(
            QuarantinedOrder.kind == "conflict", QuarantinedOrder.status == "open"))]


# -- WooCommerce: variations and simple products ---------------------------------------------


def test_a_variation_sku_goes_to_its_parents_variations_batch(
        woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    connector = woo(woo_shop, sleeps)
    results = connector.push_stock([StockPush("CAM-ALG-M", 6, "k1"),
                                    StockPush("ACE-OLV-500", 4, "k2")])
    assert [(r.sku, r.ok, r.reason) for r in results] == [("CAM-ALG-M", True, ""),
                                                         ("ACE-OLV-500", True, "")]
    variation = next(v for v in woo_shop.variations[100].values() if v["sku"] == "CAM-ALG-M")
    simple = next(p for p in woo_shop.products.values() if p["sku"] == "ACE-OLV-500")
    assert variation["stock_quantity"] == 6 and variation["manage_stock"] is True
    assert simple["stock_quantity"] == 4
    posts = [(r.path, [u["id"] for u in r.json()["update"]]) for r in woo_shop.requests
             if r.method == "POST"]
    assert sorted(posts) == [("/wp-json/wc/v3/products/100/variations/batch", [variation["id"]]),
                             ("/wp-json/wc/v3/products/batch", [simple["id"]])]
    # Found by the SKU search alone (no catalogue scan), then cached as (id, parent).
    gets = [r for r in woo_shop.requests if r.method == "GET"]
    assert [r.path for r in gets] == ["/wp-json/wc/v3/products"]
    assert connector._ids["CAM-ALG-M"] == (variation["id"], 100)
    connector.push_stock([StockPush("CAM-ALG-M", 5, "k3")])
    assert [r.method for r in woo_shop.requests[len(posts) + len(gets):]] == ["POST"]
    assert variation["stock_quantity"] == 5


def test_the_local_shop_refuses_a_variation_on_products_batch(
        woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    # What a real WooCommerce answers (the review's F1); the old connector sent this.
    connector = woo(woo_shop, sleeps)
    vid = next(iter(woo_shop.variations[100]))
    answer = connector.http.send_json("POST", f"{connector.base}/products/batch",
                                      {"update": [{"id": vid, "stock_quantity": 1}]})
    error = answer["update"][0]["error"]
    assert error["code"] == "woocommerce_rest_invalid_product_id"
    assert "/products/<product_id>/variations/<id>" in error["message"]
    assert woo_shop.variations[100][vid]["stock_quantity"] != 1


# -- WooCommerce: trash ----------------------------------------------------------------------


def test_a_trashed_order_is_listed_and_read_as_cancelled(
        woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    demos = generate_orders(3)
    woo_shop.add_orders(demos)
    woo_shop.trash(demos[1].order_id)
    orders = {o.external_id: o for o in woo_orders(woo_shop, sleeps)}
    assert set(orders) == {str(d.order_id) for d in demos}
    assert orders[str(demos[1].order_id)].status == STATUS_CANCELLED
    listed = next(r for r in woo_shop.requests if r.path.endswith("/orders"))
    assert "trash" in listed.param("status").split(",")


def test_an_order_trashed_after_import_is_cancelled_here(
        store: Shop, woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    code = channel(store.db, "woo")
    demo = generate_orders(1)[0]
    woo_shop.add_orders([demo])

    def factory(_channel: object) -> Connector:
        return woo(woo_shop, sleeps)

    assert pull_orders(store.db, code, factory=factory).counts["created"] == 1
    woo_shop.trash(demo.order_id)
    report = pull_orders(store.db, code, factory=factory)
    assert report.counts["updated"] == 1, report
    assert orders_of(store.db)[str(demo.order_id)].status == OrderStatus.CANCELLED


def test_an_order_deleted_on_the_shop_is_cancelled_here_unless_include_is_ignored(
        store: Shop, woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    code = channel(store.db, "woo")
    demos = generate_orders(4)
    # The last one is cancelled on arrival: not open here, so never asked about.
    woo_shop.add_orders([*demos[:3], later(demos[3], cancelled=True)])

    def factory(_channel: object) -> Connector:
        return woo(woo_shop, sleeps)

    assert pull_orders(store.db, code, factory=factory).counts["created"] == 4
    connector = woo(woo_shop, sleeps)
    connector.http.send_json("DELETE", f"{connector.base}/orders/{demos[0].order_id}", None,
                             params={"force": "true"})
    woo_shop.ignore_include = True  # an answer that is not for the ids asked: nothing is gone
    pull_orders(store.db, code, factory=factory)
    assert orders_of(store.db)[str(demos[0].order_id)].status != OrderStatus.CANCELLED
    woo_shop.ignore_include = False
    report = pull_orders(store.db, code, factory=factory)
    assert report.counts["updated"] == 1, report
    stored = orders_of(store.db)
    assert stored[str(demos[0].order_id)].status == OrderStatus.CANCELLED
    assert {stored[str(d.order_id)].status for d in demos[1:3]} & {OrderStatus.CANCELLED} == set()
    asked = [r for r in woo_shop.requests if r.param("include")][-1]
    assert set(asked.param("include").split(",")) == {str(d.order_id) for d in demos[:3]}


# -- every shop: shipping is a line, totals to the cent --------------------------------------


def _assert_exact(db: Database, shop_orders: list[ChannelOrder], shipping_sku: str) -> None:
    stored = orders_of(db)
    assert len(stored) == len(shop_orders)
    for order in shop_orders:
        mine = stored[order.external_id]
        assert mine.total == order.total, (order.number, mine.total, order.total)
        ship = [ln for ln in mine.lines if ln.sku == shipping_sku]
        assert sum(ln.unit_price for ln in ship) == sum(s.price for s in order.shipping_lines) > 0


def test_woo_shipping_is_a_line_of_the_channels_service_product(
        store: Shop, woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    code = channel(store.db, "woo")
    with store.db.read() as s:
        product = s.scalar(select(Product).where(Product.sku == "SHIP-WOO"))
        assert product is not None and product.stock_tracked is False
    woo_shop.add_orders(generate_orders(6))
    orders = woo_orders(woo_shop, sleeps)
    assert import_orders(store.db, code, orders, actor=ACTOR).created == 6
    _assert_exact(store.db, orders, "SHIP-WOO")
    # The review's case: 4.95 of shipping is no longer missing from the total.
    assert all(sum(s.price for s in o.shipping_lines) == 495 for o in orders)


def test_shopify_and_prestashop_totals_include_shipping_to_the_cent(
        store: Shop, shopify_shop: ShopifySimulator, presta_shop: PrestaSimulator,
        sleeps: SleepRecorder) -> None:
    demos = generate_orders(5)
    shopify_shop.add_orders(demos)
    shopify = [parse_shopify(shopify_shop._rendered[d.order_id]) for d in demos]
    code = channel(store.db, "shopi", kind="shopify")
    import_orders(store.db, code, shopify, actor=ACTOR)
    _assert_exact(store.db, shopify, "SHIP-SHOPI")

    presta_shop.add_orders(generate_orders(5, seed=11, first_id=8001))
    config = ChannelConfig("Presta", "prestashop", presta_shop.url, PRESTA_KEY,
                           {"timezone": "Europe/Madrid"})
    connector = create_connector(config, sleep=sleeps, clock=sleeps.clock)
    presta = [o for page in connector.pull_orders(None) for o in page.orders]
    code = channel(store.db, "presta", kind="prestashop")
    import_orders(store.db, code, presta, actor=ACTOR)
    assert len(presta) == 5
    stored = orders_of(store.db)
    for order in presta:
        mine = stored[order.external_id]
        assert mine.total == order.total, (order.number, mine.total, order.total)
        ship = [ln for ln in mine.lines if ln.sku == "SHIP-PRESTA"]
        assert sum(ln.unit_price for ln in ship) == sum(s.price for s in order.shipping_lines) > 0


# -- like with like on re-import -------------------------------------------------------------


@pytest.mark.parametrize("option", [{}, {"shipping_sku": "ENVIO"}], ids=["own", "shipping_sku"])
def test_a_later_payment_is_no_lines_conflict(
        store: Shop, woo_shop: WooSimulator, sleeps: SleepRecorder, option: dict[str, str]) -> None:
    if option:
        add_product(store.db, ProductInput(sku="ENVIO", name="Envío", price=0,
                                           stock_tracked=False), actor=ACTOR)
    code = channel(store.db, "woo", **option)
    sku = option.get("shipping_sku", "SHIP-WOO")
    demo = generate_orders(1)[0]
    unpaid = later(demo, paid=False)
    woo_shop.add_orders([unpaid])
    import_orders(store.db, code, woo_orders(woo_shop, sleeps), actor=ACTOR)
    assert any(ln.sku == sku for ln in orders_of(store.db)[str(demo.order_id)].lines)
    woo_shop.add_orders([later(unpaid, paid=True)])
    counts = import_orders(store.db, code, woo_orders(woo_shop, sleeps), actor=ACTOR)
    assert (counts.updated, counts.quarantined) == (1, 0)
    assert conflicts(store.db) == []
    mine = orders_of(store.db)[str(demo.order_id)]
    assert mine.paid_amount == mine.total == int(demo.total * 100)
    # A real change of the shipping is still a conflict for a person.
    woo_shop.add_orders([later(unpaid, seconds=7200, paid=True, shipping=Decimal("6.95"))])
    import_orders(store.db, code, woo_orders(woo_shop, sleeps), actor=ACTOR)
    assert [r for r in conflicts(store.db) if "shipping changed" in r and "495 -> 695" in r]


# -- cancelled on arrival --------------------------------------------------------------------


def test_cancelled_on_arrival_is_imported_cancelled_or_skipped_by_choice(
        store: Shop, woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    demos = generate_orders(4)
    cancelled: Callable[[DemoOrder], DemoOrder] = lambda d: later(d, cancelled=True)  # noqa: E731
    woo_shop.add_orders([cancelled(demos[0]), demos[1]])
    code = channel(store.db, "woo")
    import_orders(store.db, code, woo_orders(woo_shop, sleeps), actor=ACTOR)
    stored = orders_of(store.db)
    assert stored[str(demos[0].order_id)].status == OrderStatus.CANCELLED
    assert stored[str(demos[1].order_id)].status != OrderStatus.CANCELLED

    assert set_cancelled_on_arrival(store.db, code, "skip", actor=ACTOR) == "skip"
    woo_shop.add_orders([cancelled(demos[2]), demos[3]])
    counts = import_orders(store.db, code, woo_orders(woo_shop, sleeps), actor=ACTOR)
    stored = orders_of(store.db)
    assert str(demos[2].order_id) not in stored  # never reached omsdesk
    assert str(demos[3].order_id) in stored
    assert (counts.created, counts.quarantined) == (1, 0)
    # An order imported before stays as it is; the choice is only about first sight.
    assert stored[str(demos[0].order_id)].status == OrderStatus.CANCELLED


def test_an_order_imported_before_shipping_was_a_line_is_no_conflict(
        store: Shop, woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    code = channel(store.db, "woo")
    demo = generate_orders(1)[0]
    unpaid = later(demo, paid=False)
    woo_shop.add_orders([unpaid])
    (order,) = woo_orders(woo_shop, sleeps)
    # As an older omsdesk stored it: goods lines only, the shipping amount on the link.
    import_orders(store.db, code, [dataclasses.replace(order, shipping_lines=())], actor=ACTOR)
    with store.db.write() as s:
        link = s.scalars(select(ChannelOrderLink)).one()
        link.shipping_total = 495
    woo_shop.add_orders([later(unpaid, paid=True)])
    counts = import_orders(store.db, code, woo_orders(woo_shop, sleeps), actor=ACTOR)
    assert (counts.updated, counts.quarantined) == (1, 0)
    assert conflicts(store.db) == []
