"""Shopify connector within Shopify's cost rules: sized pages, every line, totals, bulk exports, checks.

Against the local simulator, which prices documents by the documented rules and refuses any above
1,000 points; every request the connector sends is also validated against Shopify's official
Admin schema (tests/fixtures/shopify_schema.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from omsdesk.sync.connector import (
    ChannelConfig,
    FulfillmentPush,
    StockPush,
)
from omsdesk.sync.demo_data import DemoLine, DemoOrder, generate_orders
from omsdesk.sync.errors import ChannelUnavailable
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify import ShopifyConnector
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.marketplaces import SHOPIFY_TOKEN, SleepRecorder
from tests.fixtures.shopify_schema import admin_schema, document_errors, schema_cost

_OPERATION = re.compile(r"\b(?:query|mutation)\s+(\w+)")


def connect(shop: ShopifySimulator, sleeps: SleepRecorder, **options: str) -> ShopifyConnector:
    config = ChannelConfig("Tienda Shopify", "shopify", shop.url, SHOPIFY_TOKEN, options)
    connector = create_connector(config, sleep=sleeps, clock=sleeps.clock)
    assert isinstance(connector, ShopifyConnector)
    return connector


def operations(shop: ShopifySimulator) -> Counter[str]:
    return Counter(_OPERATION.search(r.json()["query"]).group(1)  # type: ignore[union-attr]
                   if r.method == "POST" else f"{r.method} {r.path.split('/')[1]}"
                   for r in shop.requests)


def wholesale_order(lines: int) -> DemoOrder:
    """One order with `lines` lines (the catalogue's 12 products over and over)."""
    base = generate_orders(1, first_id=90_001, lines_per_order=12)[0]
    items = tuple(dataclasses.replace(base.lines[i % 12], line_id=900_000 + i, quantity=1 + i % 3)
                  for i in range(lines))
    return dataclasses.replace(base, lines=items)


def test_an_order_with_more_lines_than_a_page_holds_is_read_whole(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    big = wholesale_order(60)
    shopify_shop.add_orders([big, *generate_orders(3, first_id=7001)])
    pages = list(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z"))
    orders = {o.external_id: o for p in pages for o in p.orders}
    assert all(not p.rejected for p in pages)
    order = orders[f"gid://shopify/Order/{big.order_id}"]
    # Today's 60 lines, not the 50 (before: silently truncated) nor the 5 of the first read.
    assert [line.external_line_id for line in order.lines] == [
        f"gid://shopify/LineItem/{line.line_id}" for line in big.lines]
    assert order.total == int(big.total * 100)
    # The 55 lines left after the first 5 fit one follow-up request of 110.
    assert operations(shopify_shop)["OrderLines"] == 1
    follow_up = next(r.json()["variables"] for r in shopify_shop.requests
                     if "OrderLines" in r.json()["query"])
    assert follow_up["first"] == 110


def test_an_order_whose_lines_do_not_add_up_to_its_total_is_quarantined_with_the_reason(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    demos = generate_orders(3)
    shopify_shop.add_orders(demos)
    # A charge omsdesk does not read (a tip) makes Shopify's total larger than the lines.
    odd = shopify_shop._rendered[demos[1].order_id]
    odd["totalPriceSet"] = {"shopMoney": {"amount": f"{demos[1].total + 2:.2f}",
                                          "currencyCode": "EUR"}}
    page = next(iter(connect(shopify_shop, sleeps).pull_orders("2026-01-01T00:00:00Z")))
    assert [o.external_id for o in page.orders] == [
        f"gid://shopify/Order/{d.order_id}" for d in (demos[0], demos[2])]
    [rejected] = page.rejected
    assert rejected.external_id == f"gid://shopify/Order/{demos[1].order_id}"
    assert f"add up to {demos[1].total:.2f} EUR" in rejected.reason
    assert f"order total is {demos[1].total + 2:.2f} EUR" in rejected.reason
    assert rejected.raw["totalPriceSet"] == odd["totalPriceSet"]


def test_an_initial_import_above_the_threshold_is_one_bulk_export(sleeps: SleepRecorder) -> None:
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False) as shop:
        assert isinstance(shop, ShopifySimulator)
        demos = generate_orders(1200)
        shop.add_orders([*demos, wholesale_order(60)])
        pages = list(connect(shop, sleeps).pull_orders(None))
        bulk = {o.external_id: o for p in pages for o in p.orders}
        assert len(bulk) == 1201 and not any(p.rejected for p in pages)
        # Scope check, count, start, three status polls (two RUNNING), one download.
        assert operations(shop) == Counter({"AccessScopes": 1, "OrdersCount": 1,
                                            "BulkOrders": 1, "BulkStatus": 3, "GET bulk": 1})
        download = next(r for r in shop.requests if r.method == "GET")
        assert download.header("X-Shopify-Access-Token") == ""
        # The cursor moves only with the last page, to the newest update read.
        assert [p.next_cursor for p in pages[:-1]] == [None] * (len(pages) - 1)
        newest = max(o.updated_at for o in bulk.values())
        assert pages[-1].next_cursor == newest.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert [len(p.orders) for p in pages] == [250] * 4 + [201]

        shop.clear_requests()
        paged = {o.external_id: o for p in connect(shop, sleeps, bulk_threshold="0")
                 .pull_orders(None) for o in p.orders}
        # The same orders, line for line, as the paged reads give.
        assert bulk == paged


def test_a_recent_cursor_reads_pages_without_counting(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    recent = datetime.now(UTC) - timedelta(hours=1)
    shopify_shop.add_orders(generate_orders(20, start=recent))
    cursor = (recent - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    pages = list(connect(shopify_shop, sleeps, bulk_threshold="5").pull_orders(cursor))
    assert sum(len(p.orders) for p in pages) == 20
    assert operations(shopify_shop) == Counter({"OrdersPage": 2})


def test_a_failed_bulk_export_is_an_outage_and_the_cursor_stays(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.add_orders(generate_orders(30))
    shopify_shop.bulk_outcome = ("FAILED", "INTERNAL_SERVER_ERROR")
    with pytest.raises(ChannelUnavailable, match="FAILED.*INTERNAL_SERVER_ERROR"):
        list(connect(shopify_shop, sleeps, bulk_threshold="10").pull_orders(None))


def test_a_bulk_export_that_never_ends_gives_up_after_the_timeout(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.add_orders(generate_orders(30))
    shopify_shop.bulk_polls = 10_000
    with pytest.raises(ChannelUnavailable, match="still runs"):
        list(connect(shopify_shop, sleeps, bulk_threshold="10",
                     bulk_timeout_seconds="60").pull_orders(None))
    # Polls back off (1, 2, 4, ... s, at most 15 s) on the injected clock.
    assert sleeps.delays[:5] == [1.0, 2.0, 4.0, 8.0, 15.0]


def test_test_connection_names_an_old_api_version_and_each_missing_scope(
        sleeps: SleepRecorder) -> None:
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False, api_version="2025-10",
                          scopes=("read_orders", "read_products")) as shop:
        assert isinstance(shop, ShopifySimulator)
        check = connect(shop, sleeps, api_version="2025-10").check_connection()
    problems = check.problems
    assert not check.ok
    assert problems[0].startswith("API version 2025-10 is outside the versions")
    assert "the access token lacks the scope write_inventory" in problems
    assert ("the access token lacks the scope write_merchant_managed_fulfillment_orders or "
            "write_assigned_fulfillment_orders or write_third_party_fulfillment_orders"
            in problems)
    assert not any("read_orders" in p for p in problems)
    assert any("read_all_orders" in n for n in check.notes)


def test_test_connection_names_a_version_shopify_stopped_serving(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    shopify_shop.api_versions["2026-01"] = False
    check = connect(shopify_shop, sleeps).check_connection()
    assert check.problems == ("Shopify no longer supports API version 2026-01: set the "
                              "api_version option to a newer one",)


def test_test_connection_of_a_well_set_up_store_finds_nothing(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    check = connect(shopify_shop, sleeps).check_connection()
    assert check.ok and check.problems == () and check.notes == ()


def test_cancelling_sends_refund_method_not_the_deprecated_refund(
        shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    shopify_shop.add_orders([demo])
    connect(shopify_shop, sleeps).push_cancellation(f"gid://shopify/Order/{demo.order_id}", "k")
    sent = next(r.json()["query"] for r in shopify_shop.requests
                if "OrderCancel" in r.json()["query"])
    assert "refundMethod: { originalPaymentMethodsRefund: false }" in sent
    assert "refund:" not in sent
    assert shopify_shop.order(demo.order_id).cancelled


@pytest.mark.parametrize("version", ["2026-01", "2026-10"])
def test_every_request_sent_is_valid_against_the_official_schema_and_fits_its_cost(
        version: str, sleeps: SleepRecorder) -> None:
    schema = admin_schema(version)
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False, api_version=version) as shop:
        assert isinstance(shop, ShopifySimulator)
        demos = [*generate_orders(40), wholesale_order(60)]
        shop.add_orders(demos)
        connector = connect(shop, sleeps, api_version=version, bulk_threshold="30")
        list(connector.pull_orders(None))  # bulk export
        list(connect(shop, sleeps, api_version=version).pull_orders("2026-01-01T00:00:00Z"))
        connector.push_fulfillment(FulfillmentPush(f"gid://shopify/Order/{demos[0].order_id}",
                                                   "f1", carrier="SEUR", tracking_number="T1"))
        connector.push_stock([StockPush(demos[0].lines[0].sku, 4, "s1"),
                              StockPush("NO-SUCH-SKU", 1, "s2")])
        connector.push_cancellation(f"gid://shopify/Order/{demos[1].order_id}", "c1")
        list(connector.pull_products())
        connector.check_connection()
        posts = [r.json() for r in shop.requests if r.method == "POST"]
    names = {_OPERATION.search(b["query"]).group(1) for b in posts}  # type: ignore[union-attr]
    assert names >= {"AccessScopes", "OrdersCount", "BulkOrders", "BulkStatus", "OrdersPage",
                     "OrderLines", "FulfillmentOrders", "FulfillmentCreate", "VariantsBySku",
                     "FirstLocation", "InventorySet", "OrderState", "OrderCancel",
                     "VariantsPage", "ConnectionCheck"}
    problems = {}
    for body in posts:
        errors = document_errors(schema, body["query"], body["variables"])
        if "BulkOrders" in body["query"]:  # the query the export runs, sent as a string
            errors += document_errors(schema, "query Inner " + body["variables"]["query"])
        cost = schema_cost(schema, body["query"], body["variables"])
        if errors or cost > 1000:
            problems[body["query"][:40]] = (errors, cost)
    assert problems == {}


def test_the_line_items_connection_really_pages_in_the_schema() -> None:
    # What the line follow-up relies on: LineItemConnection has pageInfo and Order.lineItems
    # takes `after` (before the fix the query asked neither).
    order = admin_schema("2026-01").get_type("Order")
    line_items = order.fields["lineItems"]  # type: ignore[union-attr]
    assert "after" in line_items.args
    assert "pageInfo" in line_items.type.of_type.fields  # type: ignore[union-attr]


def test_wholesale_order_helper_builds_what_it_says() -> None:
    order = wholesale_order(60)
    assert len(order.lines) == 60 and len({line.line_id for line in order.lines}) == 60
    assert isinstance(order.lines[0], DemoLine)
