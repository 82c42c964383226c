"""One bad order in a page is quarantined with its reason and the rest go in, the same on
SQLite and PostgreSQL (issue 12.2), against the fault-injection WooCommerce shop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.models.sync_state import QuarantinedOrder
from omsdesk.services.channels.channels import add_channel
from omsdesk.sync import mapping
from omsdesk.sync.connector import ChannelConfig, Connector
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.http import RetryPolicy
from omsdesk.sync.registry import create_connector
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import SleepRecorder
from tests.fixtures.woo_fault_shop import EPOCH, KEY, SECRET, FaultyWooShop, woo_order

CHANNEL = "woo"
SKU = "CAFE-250"


@pytest.fixture
def faulty_shop() -> Iterator[FaultyWooShop]:
    with FaultyWooShop() as shop:
        assert isinstance(shop, FaultyWooShop)
        yield shop


@pytest.fixture
def store(db: Database) -> Shop:
    shop = Shop(db)
    shop.warehouses(("MAD",))
    shop.product(SKU, price=1210)
    shop.stock(SKU, 500)
    add_channel(db, kind="woocommerce", name="Tienda Woo", code=CHANNEL,
                url="https://tienda.example.es", actor=ACTOR)
    return shop


def factory(shop: FaultyWooShop, **options: str) -> Any:
    sleeps = SleepRecorder()

    def build(_channel: object) -> Connector:
        config = ChannelConfig("Tienda Woo", "woocommerce", shop.url, f"{KEY}:{SECRET}",
                               {"per_page": "10", **options})
        return create_connector(config, sleep=sleeps, clock=sleeps.clock,
                                retry=RetryPolicy(attempts=2, connect_attempts=1))
    return build


def at(second: int) -> Any:
    from datetime import timedelta
    return EPOCH + timedelta(seconds=second)


# id -> (order, words its quarantine reason must contain; None: it goes in)
BAD_PAGE: dict[int, tuple[dict[str, Any], str | None]] = {
    1: (woo_order(1, at(1), SKU), None),
    2: (woo_order(2, at(1), SKU, quantity=10**30), "qty"),
    3: (woo_order(3, at(1), SKU, country="ESP"), None),
    4: (woo_order(4, at(1), SKU, country="Narnia"), "unknown country"),
    5: (woo_order(5, at(1), SKU, email="a" * 290 + "@example.es"), "customer email"),
    6: (woo_order(6, at(1), SKU, postcode="28013 Madrid (Spain)"), "postcode"),
    7: (woo_order(7, at(1), SKU, street="Calle " + "Mayor " * 59), "line1"),
    8: (woo_order(8, at(1), SKU, price="99999999.99"), "unit_price"),
    9: (woo_order(9, at(1), SKU, country="España"), None),
    10**70: (woo_order(10**70, at(1), SKU), "shop id"),
    11: ({**woo_order(11, at(1), SKU), "shipping_lines": [
        {"id": 1, "method_title": "Palé", "method_id": "flat_rate", "total": "30000000.00",
         "total_tax": "0.00", "taxes": []}]}, "shipping total"),
}


def held_as(order_id: int) -> str:
    return str(order_id)[:64]  # the quarantine keeps an over-long shop id shortened


def imported(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {str(e): c for e, c in s.execute(select(Order.external_id, Order.ship_country))}


def quarantined(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {str(q.external_id): q.reason for q in s.scalars(select(QuarantinedOrder).where(
            QuarantinedOrder.status == "open"))}


def test_each_bad_order_is_quarantined_with_its_reason_and_the_rest_go_in(
        store: Shop, faulty_shop: FaultyWooShop) -> None:
    faulty_shop.add(*(order for order, _ in BAD_PAGE.values()))
    report = pull_orders(store.db, CHANNEL, factory=factory(faulty_shop), actor=ACTOR)
    assert report.status == "ok", report.error
    good = {str(i) for i, (_, why) in BAD_PAGE.items() if why is None}
    assert imported(store.db) == {i: "ES" for i in good}  # ESP and España became ES
    held = quarantined(store.db)
    assert set(held) == {held_as(i) for i, (_, why) in BAD_PAGE.items() if why is not None}
    for order_id, (_, why) in BAD_PAGE.items():
        if why is not None:
            assert why in held[held_as(order_id)], held[held_as(order_id)]
    assert report.counts["created"] == len(good)
    assert report.counts["quarantined"] == len(BAD_PAGE) - len(good)
    with store.db.read() as s:
        raw = s.scalar(select(QuarantinedOrder.raw).where(QuarantinedOrder.external_id == "2"))
    assert raw is not None and raw["line_items"][0]["quantity"] == 10**30  # the payload, kept
    assert report.cursor  # the run went past the bad orders


def test_a_database_refusal_while_storing_rolls_back_that_order_only(
        store: Shop, faulty_shop: FaultyWooShop, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the checks, the database itself refuses a quantity of 10**30 (SQLite:
    # OverflowError, PostgreSQL: integer out of range): the safety net must still hold.
    monkeypatch.setattr(mapping, "order_problems", lambda order, **_: [])
    faulty_shop.add(woo_order(1, at(1), SKU), woo_order(2, at(1), SKU, quantity=10**30),
                    woo_order(3, at(2), SKU))
    report = pull_orders(store.db, CHANNEL, factory=factory(faulty_shop), actor=ACTOR)
    assert report.status in ("ok", "partial"), report.error
    assert set(imported(store.db)) == {"1", "3"}
    assert "could not be stored" in quarantined(store.db)["2"]
    assert report.counts["quarantined"] == 1


def test_a_later_change_to_an_address_that_does_not_fit_is_flagged_not_crashed(
        store: Shop, faulty_shop: FaultyWooShop) -> None:
    faulty_shop.add(woo_order(1, at(1), SKU), woo_order(2, at(1), SKU))
    pull_orders(store.db, CHANNEL, factory=factory(faulty_shop), actor=ACTOR)
    changed = woo_order(1, at(50), SKU, postcode="9" * 40)
    faulty_shop.add(changed, woo_order(2, at(50), SKU, country="PRT"))
    report = pull_orders(store.db, CHANNEL, factory=factory(faulty_shop), actor=ACTOR)
    assert report.status == "ok", report.error
    assert "cannot be stored" in quarantined(store.db)["1"]
    assert imported(store.db)["2"] == "PT"  # an alpha-3 country change is applied as alpha-2
