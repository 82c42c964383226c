"""PrestaShop connector against the local Webservice simulator."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from omsdesk.sync.connector import (
    STATUS_CANCELLED,
    ChannelConfig,
    FulfillmentPush,
    StockPush,
)
from omsdesk.sync.demo_data import generate_orders
from omsdesk.sync.errors import AuthError
from omsdesk.sync.prestashop import PrestaShopConnector
from omsdesk.sync.registry import create_connector
from tests.fixtures.marketplaces import PRESTA_KEY, PrestaSimulator, SleepRecorder, later


def connect(shop: PrestaSimulator, sleeps: SleepRecorder, key: str = PRESTA_KEY,
            ) -> PrestaShopConnector:
    config = ChannelConfig("Tienda Presta", "prestashop", shop.url, key,
                           {"timezone": "Europe/Madrid"})
    connector = create_connector(config, sleep=sleeps, clock=sleeps.clock)
    assert isinstance(connector, PrestaShopConnector)
    return connector


def test_orders_page_by_offset_with_an_open_ended_date_window(presta_shop: PrestaSimulator,
                                                               sleeps: SleepRecorder) -> None:
    orders = generate_orders(230)
    presta_shop.add_orders(orders)
    pages = list(connect(presta_shop, sleeps).pull_orders("2026-03-02T08:00:00Z"))
    ids = [o.external_id for p in pages for o in p.orders]
    assert len(ids) == len(set(ids)) == 230
    first = next(r for r in presta_shop.requests if r.path == "/api/orders")
    assert first.param("output_format") == "JSON"
    assert first.param("display") == "full"
    assert first.param("date") == "1"
    assert first.param("sort") == "[date_upd_ASC,id_ASC]"
    assert first.param("limit") == "0,100"
    # 08:00 UTC is 09:00 in Madrid in March (CET), less the five-minute look-back.
    assert first.param("filter[date_upd]") == "[2026-03-02 08:55:00,2999-12-31 23:59:59]"
    assert pages[-1].next_cursor == max(o.updated for o in orders).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_shop_local_times_become_utc(presta_shop: PrestaSimulator, sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    presta_shop.add_orders([demo])
    order = next(iter(connect(presta_shop, sleeps).pull_orders(None))).orders[0]
    assert order.created_at == demo.created
    assert order.updated_at == demo.updated


def test_customers_and_addresses_are_fetched_per_page_not_per_order(
        presta_shop: PrestaSimulator, sleeps: SleepRecorder) -> None:
    presta_shop.add_orders(generate_orders(40))
    pages = list(connect(presta_shop, sleeps).pull_orders(None))
    assert sum(len(p.orders) for p in pages) == 40
    paths = [r.path for r in presta_shop.requests]
    assert paths.count("/api/customers") == 1
    assert paths.count("/api/addresses") == 1
    assert paths.count("/api/countries/6") == 1  # cached after the first
    order = pages[0].orders[0]
    assert order.shipping_address.country == "ES"
    assert order.customer.email.endswith("@correo.example")


def test_amounts_from_six_decimal_prices_add_up(presta_shop: PrestaSimulator,
                                                sleeps: SleepRecorder) -> None:
    demo = generate_orders(2)[1]
    presta_shop.add_orders([demo])
    order = next(iter(connect(presta_shop, sleeps).pull_orders(None))).orders[0]
    gross = sum(line.unit_price * line.quantity for line in order.lines)
    gross += sum(s.price for s in order.shipping_lines)
    assert gross == order.total == int(demo.total * 100)
    assert [line.tax_rate_bp for line in order.lines] == [int(x.rate * 10000) for x in demo.lines]
    assert order.customer.tax_id == demo.tax_id


def test_an_empty_result_is_an_empty_list(presta_shop: PrestaSimulator,
                                          sleeps: SleepRecorder) -> None:
    assert list(connect(presta_shop, sleeps).pull_orders("2030-01-01T00:00:00Z")) == []


def test_a_cancelled_order_maps_its_state(presta_shop: PrestaSimulator,
                                          sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    presta_shop.add_orders([later(demo, cancelled=True)])
    order = next(iter(connect(presta_shop, sleeps).pull_orders(None))).orders[0]
    assert order.status == STATUS_CANCELLED
    assert order.raw_status == "6"


def test_wrong_key_is_an_auth_error_after_one_request(presta_shop: PrestaSimulator,
                                                      sleeps: SleepRecorder) -> None:
    with pytest.raises(AuthError):
        list(connect(presta_shop, sleeps, key="WRONGKEYWRONGKEY").pull_orders(None))
    assert len(presta_shop.requests) == 1


def test_the_key_travels_as_basic_auth_user_with_no_password(presta_shop: PrestaSimulator,
                                                             sleeps: SleepRecorder) -> None:
    list(connect(presta_shop, sleeps).pull_orders(None))
    import base64
    header = presta_shop.requests[0].header("Authorization")
    assert base64.b64decode(header.removeprefix("Basic ")).decode() == f"{PRESTA_KEY}:"


def test_fulfilment_writes_tracking_and_one_shipped_history(presta_shop: PrestaSimulator,
                                                            sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    presta_shop.add_orders([demo])
    connector = connect(presta_shop, sleeps)
    push = FulfillmentPush(str(demo.order_id), "ship-1", carrier="Correos", tracking_number="PK1")
    connector.push_fulfillment(push)
    connector.push_fulfillment(push)
    assert presta_shop.order_carriers[demo.order_id]["tracking_number"] == "PK1"
    assert presta_shop.histories == [{"id_order": str(demo.order_id), "id_order_state": "4"}]
    put = next(r for r in presta_shop.requests if r.method == "PUT")
    assert put.header("Content-Type").startswith("application/xml")
    assert ET.fromstring(put.body).find("order_carrier/tracking_number").text == "PK1"


def test_stock_is_set_on_stock_availables_for_products_and_combinations(
        presta_shop: PrestaSimulator, sleeps: SleepRecorder) -> None:
    results = connect(presta_shop, sleeps).push_stock([
        StockPush("CAM-ALG-L", 6, "a"), StockPush("VIN-RIO-75", 0, "b"),
        StockPush("DESCONOCIDO", 3, "c")])
    assert [(r.sku, r.ok) for r in results] == [("CAM-ALG-L", True), ("VIN-RIO-75", True),
                                                ("DESCONOCIDO", False)]
    combination = next(c for c in presta_shop.combinations.values()
                       if c["reference"] == "CAM-ALG-L")
    stock = next(s for s in presta_shop.stock.values()
                 if s["id_product_attribute"] == str(combination["id"]))
    assert stock["quantity"] == "6"
    product = next(p for p in presta_shop.products.values() if p["reference"] == "VIN-RIO-75")
    simple = next(s for s in presta_shop.stock.values() if s["id_product"] == str(product["id"]))
    assert simple["quantity"] == "0"


def test_more_orders_in_one_second_than_a_page_are_read_by_id_while_they_change(
        presta_shop: PrestaSimulator, sleeps: SleepRecorder) -> None:
    from datetime import timedelta

    from omsdesk.sync.simulator import RecordedRequest

    orders = generate_orders(260)
    moment = orders[0].updated
    presta_shop.add_orders([o.touched(moment) for o in orders])
    ids = sorted(presta_shop.orders)
    moved: list[int] = []

    def bulk_edit(request: RecordedRequest) -> None:
        # Before each block page after the first, the shop edits 30 orders already read
        # (a back-office bulk action): they move to a later second.
        if request.path == "/api/orders" and request.param("sort") == "[id_ASC]" \
                and request.param("limit") != "0,100" and not moved:
            for oid in ids[:30]:
                presta_shop.orders[oid]["date_upd"] = presta_shop.local(
                    moment + timedelta(minutes=10))
                moved.append(oid)

    presta_shop.hooks.append(bulk_edit)
    pages = list(connect(presta_shop, sleeps).pull_orders(
        (moment - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")))
    got = [o.external_id for p in pages for o in p.orders]
    assert moved
    assert set(got) == {str(i) for i in ids}  # nothing lost
    assert len(got) == len(ids) + len(moved)  # the edited ones once more, at their new time
    block = [r for r in presta_shop.requests if r.param("sort") == "[id_ASC]"]
    assert block and all(r.param("filter[date_upd]").startswith(f"[{presta_shop.local(moment)},")
                         for r in block)
