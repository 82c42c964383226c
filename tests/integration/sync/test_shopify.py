"""Shopify connector against the local GraphQL Admin API simulator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from omsdesk.sync.connector import (
    STATUS_CANCELLED,
    ChannelConfig,
    FulfillmentLine,
    FulfillmentPush,
    StockPush,
)
from omsdesk.sync.demo_data import generate_orders
from omsdesk.sync.errors import AuthError, BadResponse, ChannelUnavailable
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify import ShopifyConnector
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.marketplaces import SHOPIFY_TOKEN, SleepRecorder, later


def connect(shop: ShopifySimulator, sleeps: SleepRecorder, token: str = SHOPIFY_TOKEN,
            **options: str) -> ShopifyConnector:
    config = ChannelConfig("Tienda Shopify", "shopify", shop.url, token, options)
    connector = create_connector(config, sleep=sleeps, clock=sleeps.clock)
    assert isinstance(connector, ShopifyConnector)
    return connector


def orders_requests(shop: ShopifySimulator) -> list[dict[str, object]]:
    return [r.json()["variables"] for r in shop.requests if "OrdersPage" in r.json()["query"]]


def test_pages_follow_end_cursors_until_has_next_page_is_false(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.add_orders(generate_orders(620))
    pages = list(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z"))
    # 13 orders with 5 lines each is what fits Shopify's 1,000-point single-query maximum
    # (tests/unit/sync/test_shopify_cost.py): 47 full pages and 9 orders.
    assert [len(p.orders) for p in pages] == [13] * 47 + [9]
    sent = orders_requests(shopify_shop)
    assert {v["first"] for v in sent} == {13}
    assert {v["lineCount"] for v in sent} == {5}
    assert sent[0]["after"] is None
    # Five minutes of look-back before the cursor: late-indexed orders are not missed.
    assert sent[0]["query"] == "updated_at:>='2025-12-31T23:55:00Z'"
    ids = [o.external_id for p in pages for o in p.orders]
    assert len(set(ids)) == 620
    # The cursor only moves forward and ends at the newest update seen.
    marks = [p.next_cursor for p in pages]
    assert marks == sorted(marks)
    newest = max(o.updated_at for p in pages for o in p.orders)
    assert marks[-1] == newest.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_second_pull_from_the_cursor_reads_only_later_changes(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    orders = generate_orders(30)
    shopify_shop.add_orders(orders)
    connector = connect(shopify_shop, sleeps, lookback_seconds="0")
    cursor = list(connector.pull_orders(None))[-1].next_cursor
    shopify_shop.add_orders([later(orders[3], cancelled=True)])
    again = [o for p in connector.pull_orders(cursor) for o in p.orders]
    # The boundary order is read again (inclusive window), plus the changed one.
    assert {o.external_id for o in again} == {f"gid://shopify/Order/{orders[3].order_id}",
                                              f"gid://shopify/Order/{orders[-1].order_id}"}
    changed = next(o for o in again if o.external_id.endswith(str(orders[3].order_id)))
    assert changed.status == STATUS_CANCELLED


def test_money_taxes_and_unicode_are_normalised_exactly(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    shopify_shop.add_orders([demo])
    order = next(iter(connect(shopify_shop, sleeps).pull_orders(None))).orders[0]
    assert order.customer.name == demo.name
    assert order.shipping_address.city == demo.city
    assert order.customer.tax_id == demo.tax_id
    assert order.taxes_included is True
    assert order.currency == "EUR"
    assert [line.sku for line in order.lines] == [line.sku for line in demo.lines]
    first = order.lines[0]
    assert first.unit_price == int(demo.lines[0].unit_price * 100)
    assert first.tax == int(demo.lines[0].tax * 100)
    assert first.tax_rate_bp == int(demo.lines[0].rate * 10000)
    total = sum(line.unit_price * line.quantity for line in order.lines)
    total += sum(s.price for s in order.shipping_lines)
    assert total == order.total == int(demo.total * 100)


def test_throttled_queries_wait_for_the_restore_rate_then_succeed(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.add_orders(generate_orders(5))
    shopify_shop.throttle(times=2)
    pages = list(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z"))
    assert len(pages[0].orders) == 5
    # Requested 100 points with none available at 100 points/s: one second each time.
    assert sleeps.delays[:2] == [1.0, 1.0]


def test_the_bucket_reported_by_the_server_paces_the_next_query(sleeps: SleepRecorder) -> None:
    # The server's bucket refills on the same fake clock the client sleeps on.
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=True, maximum_available=1000,
                          restore_rate=50, clock=sleeps.clock) as shop:
        assert isinstance(shop, ShopifySimulator)
        shop.add_orders(generate_orders(600))
        list(connect(shop, sleeps, line_items_per_order="10").pull_orders("2026-01-01T00:00:00Z"))
        # Each page asks 990 points of a 1000 bucket: the client waits before the second.
        assert sleeps.delays and sleeps.delays[0] > 5.0
        throttled = [r for r in shop.requests if b"THROTTLED" in r.body]
        assert throttled == []


def test_a_query_above_the_maximum_cost_retries_with_smaller_pages(sleeps: SleepRecorder) -> None:
    # A shop stricter than the documented maximum (say Shopify lowers it): the page halves.
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False, max_query_cost=500) as shop:
        assert isinstance(shop, ShopifySimulator)
        shop.add_orders(generate_orders(30))
        connector = connect(shop, sleeps)
        pages = list(connector.pull_orders(None))
        assert sum(len(p.orders) for p in pages) == 30
        firsts = [v["first"] for v in orders_requests(shop)]
        # 13 orders cost 990 points and are refused; 6 cost 458 and fit under 500.
        assert firsts[0] == 13
        assert set(firsts[1:]) == {6}
        # The next pull starts below the refused size: no second refusal.
        shop.clear_requests()
        list(connector.pull_orders(None))
        assert {v["first"] for v in orders_requests(shop)} == {6}


def test_wrong_token_is_an_auth_error_after_one_request(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    with pytest.raises(AuthError):
        list(connect(shopify_shop, sleeps, token="shpat_wrong_wrong_wrong").pull_orders(
            "2026-01-01T00:00:00Z"))
    assert len(shopify_shop.requests) == 1


def test_missing_read_all_orders_scope_warns_on_first_sync(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.scopes.remove("read_all_orders")
    connector = connect(shopify_shop, sleeps)
    list(connector.pull_orders(None))
    assert any("60 days" in w for w in connector.warnings)
    recent = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    list(connector.pull_orders(recent))
    assert connector.warnings == []


def test_malformed_page_raises_bad_response(shopify_shop: ShopifySimulator,
                                            sleeps: SleepRecorder) -> None:
    shopify_shop.add_orders(generate_orders(3))
    shopify_shop.malformed(body=b'{"data": {"orders": {"nodes": [')
    with pytest.raises(BadResponse):
        list(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z"))


def test_an_unreadable_order_is_rejected_and_the_page_goes_on(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    orders = generate_orders(4)
    shopify_shop.add_orders(orders)
    broken = f"gid://shopify/Order/{orders[1].order_id}"
    shopify_shop._rendered[orders[1].order_id]["lineItems"]["nodes"][0][
        "originalUnitPriceSet"]["shopMoney"]["amount"] = "12,50"
    page = next(iter(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z")))
    assert len(page.orders) == 3
    assert [r.external_id for r in page.rejected] == [broken]
    assert "12,50" in page.rejected[0].reason
    assert page.rejected[0].raw["id"] == broken


def test_server_errors_then_success_complete_the_pull(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.add_orders(generate_orders(3))
    shopify_shop.fail(500, times=2)
    pages = list(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z"))
    assert len(pages[0].orders) == 3
    # Two 500s, then the first-sync scope check, the order count (a bulk export or pages?)
    # and the orders page.
    assert len(shopify_shop.requests) == 5


def test_shop_down_is_channel_unavailable(shopify_shop: ShopifySimulator,
                                          sleeps: SleepRecorder) -> None:
    shopify_shop.fail(503, times=20)
    with pytest.raises(ChannelUnavailable):
        list(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z"))
    assert len(shopify_shop.requests) == 4


def test_fulfilment_sends_tracking_and_a_repeat_changes_nothing(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    demo = generate_orders(2)[1]
    shopify_shop.add_orders([demo])
    connector = connect(shopify_shop, sleeps)
    push = FulfillmentPush(f"gid://shopify/Order/{demo.order_id}", "ship-1", carrier="Correos",
                           tracking_number="PQ4B6C0123456780", tracking_url="https://correos.es/t")
    connector.push_fulfillment(push)
    connector.push_fulfillment(push)
    fulfilments = shopify_shop.fulfillments[demo.order_id]
    assert len(fulfilments) == 1
    assert fulfilments[0]["trackingInfo"] == [{"company": "Correos", "number": "PQ4B6C0123456780",
                                               "url": "https://correos.es/t"}]
    creates = [r for r in shopify_shop.requests if "FulfillmentCreate" in r.json()["query"]]
    assert len(creates) == 1


def test_partial_fulfilment_ships_only_the_given_lines(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    shopify_shop.add_orders([demo])
    line = demo.lines[0]
    push = FulfillmentPush(f"gid://shopify/Order/{demo.order_id}", "ship-a", carrier="SEUR",
                           tracking_number="SEUR1",
                           lines=(FulfillmentLine(f"gid://shopify/LineItem/{line.line_id}",
                                                  line.sku, line.quantity),), final=False)
    connect(shopify_shop, sleeps).push_fulfillment(push)
    create = next(r for r in shopify_shop.requests if "FulfillmentCreate" in r.json()["query"])
    groups = create.json()["variables"]["fulfillment"]["lineItemsByFulfillmentOrder"]
    assert groups[0]["fulfillmentOrderLineItems"] == [
        {"id": f"gid://shopify/FulfillmentOrderLineItem/{line.line_id}",
         "quantity": line.quantity}]


def test_stock_push_sets_available_with_an_idempotency_key(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    connector = connect(shopify_shop, sleeps)
    results = connector.push_stock([StockPush("CAM-ALG-M", 7, "stock-1"),
                                    StockPush("NO-EXISTE", 3, "stock-2"),
                                    StockPush("JAR-TAL-01", 0, "stock-3")])
    assert [(r.sku, r.ok) for r in results] == [("CAM-ALG-M", True), ("NO-EXISTE", False),
                                                ("JAR-TAL-01", True)]
    assert shopify_shop.inventory["CAM-ALG-M"] == 7
    assert shopify_shop.inventory["JAR-TAL-01"] == 0
    mutation = next(r for r in shopify_shop.requests if "InventorySet" in r.json()["query"])
    assert "@idempotent(key: $key)" in mutation.json()["query"]
    variables = mutation.json()["variables"]
    assert variables["input"]["name"] == "available"
    assert len(variables["key"]) == 40


def test_a_retried_stock_push_is_applied_once(shopify_shop: ShopifySimulator,
                                              sleeps: SleepRecorder) -> None:
    connector = connect(shopify_shop, sleeps)
    connector.push_stock([StockPush("CAM-ALG-M", 7, "stock-9")])
    shopify_shop.inventory["CAM-ALG-M"] = 2  # sold on the shop meanwhile
    connector.push_stock([StockPush("CAM-ALG-M", 7, "stock-9")])
    # Same key: Shopify answers the first result again without re-applying it.
    assert shopify_shop.inventory["CAM-ALG-M"] == 2


def test_products_list_every_variant_with_its_sku(shopify_shop: ShopifySimulator,
                                                  sleeps: SleepRecorder) -> None:
    products = list(connect(shopify_shop, sleeps).pull_products())
    assert {p.sku for p in products} == set(shopify_shop.products)
    assert any("Talavera" in p.title for p in products)
