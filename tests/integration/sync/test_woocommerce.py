"""WooCommerce connector against the local REST API v3 simulator."""

from __future__ import annotations

import pytest

from omsdesk.sync.connector import STATUS_OPEN, ChannelConfig, FulfillmentPush, StockPush
from omsdesk.sync.demo_data import generate_orders
from omsdesk.sync.errors import AuthError, BadResponse
from omsdesk.sync.registry import create_connector
from omsdesk.sync.simulator import RecordedRequest
from omsdesk.sync.woocommerce import WooCommerceConnector
from tests.fixtures.marketplaces import WOO_KEY, WOO_SECRET, SleepRecorder, WooSimulator, later


def connect(shop: WooSimulator, sleeps: SleepRecorder, secret: str = WOO_SECRET,
            **options: str) -> WooCommerceConnector:
    config = ChannelConfig("Tienda Woo", "woocommerce", shop.url, f"{WOO_KEY}:{secret}", options)
    connector = create_connector(config, sleep=sleeps, clock=sleeps.clock)
    assert isinstance(connector, WooCommerceConnector)
    return connector


def order_requests(shop: WooSimulator) -> list[RecordedRequest]:
    return [r for r in shop.requests if r.path.endswith("/orders")]


def test_orders_are_read_oldest_change_first_100_per_page(woo_shop: WooSimulator,
                                                           sleeps: SleepRecorder) -> None:
    woo_shop.add_orders(generate_orders(250))
    pages = list(connect(woo_shop, sleeps).pull_orders("2026-03-01T00:00:00Z"))
    ids = [o.external_id for p in pages for o in p.orders]
    assert len(ids) == len(set(ids)) == 250
    first = order_requests(woo_shop)[0]
    assert first.param("per_page") == "100"
    assert first.param("orderby") == "modified"
    assert first.param("order") == "asc"
    assert first.param("dates_are_gmt") == "true"
    # Exclusive filter, so one second before the cursor, less the 5-minute look-back.
    assert first.param("modified_after") == "2026-02-28T23:54:59"
    assert len(order_requests(woo_shop)) == 3


def test_the_last_page_is_known_from_x_wp_totalpages(woo_shop: WooSimulator,
                                                     sleeps: SleepRecorder) -> None:
    woo_shop.add_orders(generate_orders(100))
    list(connect(woo_shop, sleeps).pull_orders(None))
    # A full page that the shop says is the last: no extra empty request.
    assert len(order_requests(woo_shop)) == 1


def test_an_order_modified_during_the_pull_does_not_hide_another(
        woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    orders = generate_orders(150)
    woo_shop.add_orders(orders)
    state = {"done": False}

    def change_early_order(request: RecordedRequest) -> None:
        if request.path.endswith("/orders") and len(order_requests(woo_shop)) == 2 \
                and not state["done"]:
            woo_shop.add_orders([later(orders[5], seconds=86400)])
            state["done"] = True

    woo_shop.hooks.append(change_early_order)
    seen = [o.external_id for p in connect(woo_shop, sleeps).pull_orders(None) for o in p.orders]
    assert set(seen) == {str(o.order_id) for o in orders}


def test_tax_inclusive_lines_keep_exact_totals_and_spanish_text(woo_shop: WooSimulator,
                                                               sleeps: SleepRecorder) -> None:
    demo = generate_orders(3)[2]
    woo_shop.add_orders([demo])
    order = next(iter(connect(woo_shop, sleeps).pull_orders(None))).orders[0]
    assert order.customer.name == demo.name
    assert order.customer.tax_id == demo.tax_id
    assert order.status == (STATUS_OPEN if demo.paid else "pending")
    gross = sum(line.unit_price * line.quantity - line.discount for line in order.lines)
    gross += sum(s.price for s in order.shipping_lines)
    assert gross == order.total == int(demo.total * 100)
    assert {line.tax_rate_bp for line in order.lines} <= {2100, 1000, 400}
    assert order.lines[0].tax == int(demo.lines[0].tax * 100)


def test_wrong_secret_is_an_auth_error_after_one_request(woo_shop: WooSimulator,
                                                         sleeps: SleepRecorder) -> None:
    with pytest.raises(AuthError):
        list(connect(woo_shop, sleeps, secret="cs_wrong_wrong_wrong").pull_orders(None))
    assert len(woo_shop.requests) == 1


def test_query_string_auth_for_hosts_that_strip_the_header(woo_shop: WooSimulator,
                                                           sleeps: SleepRecorder) -> None:
    woo_shop.add_orders(generate_orders(2))
    pages = list(connect(woo_shop, sleeps, auth="query").pull_orders(None))
    assert len(pages[0].orders) == 2
    assert woo_shop.requests[0].header("Authorization") == ""
    assert woo_shop.requests[0].param("consumer_secret") == WOO_SECRET


def test_429_with_retry_after_is_waited_out(woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    woo_shop.add_orders(generate_orders(2))
    woo_shop.fail(429, retry_after="7")
    pages = list(connect(woo_shop, sleeps).pull_orders(None))
    assert len(pages[0].orders) == 2
    assert 7.0 in sleeps.delays


def test_a_malformed_page_raises_bad_response(woo_shop: WooSimulator,
                                              sleeps: SleepRecorder) -> None:
    woo_shop.add_orders(generate_orders(2))
    woo_shop.malformed(body=b"<html>Fatal error: Allowed memory size exhausted</html>")
    with pytest.raises(BadResponse):
        list(connect(woo_shop, sleeps).pull_orders(None))


def test_negative_quantity_rejects_only_that_order(woo_shop: WooSimulator,
                                                   sleeps: SleepRecorder) -> None:
    orders = generate_orders(3)
    woo_shop.add_orders(orders)
    woo_shop.orders[orders[0].order_id]["line_items"][0]["quantity"] = -2
    page = next(iter(connect(woo_shop, sleeps).pull_orders(None)))
    assert [o.external_id for o in page.orders] == [str(o.order_id) for o in orders[1:]]
    assert page.rejected[0].external_id == str(orders[0].order_id)
    assert "quantity -2" in page.rejected[0].reason


def test_fulfilment_adds_one_tracking_note_and_completes_the_order(
        woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    demo = generate_orders(1)[0]
    woo_shop.add_orders([demo])
    connector = connect(woo_shop, sleeps)
    push = FulfillmentPush(str(demo.order_id), "ship-1", carrier="SEUR", tracking_number="SE99")
    connector.push_fulfillment(push)
    connector.push_fulfillment(push)
    notes = woo_shop.notes[demo.order_id]
    assert len(notes) == 1
    assert "SE99" in notes[0]["note"] and notes[0]["customer_note"] is True
    assert woo_shop.orders[demo.order_id]["status"] == "completed"


def test_stock_goes_out_in_batches_for_products_and_variations(
        woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    results = connect(woo_shop, sleeps).push_stock([
        StockPush("ACE-OLV-500", 11, "k1"), StockPush("CAM-ALG-L", 4, "k2"),
        StockPush("FANTASMA", 1, "k3")])
    assert [(r.sku, r.ok) for r in results] == [("ACE-OLV-500", True), ("CAM-ALG-L", True),
                                                ("FANTASMA", False)]
    simple = next(p for p in woo_shop.products.values() if p["sku"] == "ACE-OLV-500")
    variation = next(v for v in woo_shop.variations[100].values() if v["sku"] == "CAM-ALG-L")
    assert simple["stock_quantity"] == 11 and simple["manage_stock"] is True
    assert variation["stock_quantity"] == 4
    batches = [r.path for r in woo_shop.requests if r.path.endswith("/batch")]
    assert sorted(batches) == ["/wp-json/wc/v3/products/100/variations/batch",
                               "/wp-json/wc/v3/products/batch"]


def test_sku_lookups_are_cached(woo_shop: WooSimulator, sleeps: SleepRecorder) -> None:
    connector = connect(woo_shop, sleeps)
    connector.push_stock([StockPush("ACE-OLV-500", 1, "a")])
    before = len(woo_shop.requests)
    connector.push_stock([StockPush("ACE-OLV-500", 2, "b")])
    assert len(woo_shop.requests) == before + 1  # only the batch, no lookup
