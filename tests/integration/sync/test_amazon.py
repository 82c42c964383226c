"""Amazon connector against the local SP-API server (omsdesk/sync/amazon_simulator.py).

The server follows the official models and guides it quotes in its docstring: Orders API
2026-01-01 searchOrders ("pass the `nextToken` value as the `paginationToken` query parameter";
"maxResultsPerPage ... between 1 and 100"), Login with Amazon ("An LWA access token expires one
hour after it is issued"), Access Orders PII ("Accessing PII with the Orders API v2026-01-01 does
not require a Restricted Data Token"), Orders v0 confirmShipment, Listings Items 2021-08-01
patchListingsItem, and the usage plans (token bucket, 429, `x-amzn-RateLimit-Limit`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from omsdesk.sync.amazon import AmazonConnector
from omsdesk.sync.amazon_simulator import AmazonSimulator, amazon_order_id
from omsdesk.sync.connector import (
    STATUS_CANCELLED,
    STATUS_OPEN,
    STATUS_PENDING,
    FulfillmentLine,
    FulfillmentPush,
    StockPush,
)
from omsdesk.sync.demo_data import generate_orders
from omsdesk.sync.errors import AuthError, BadResponse, RequestRejected
from omsdesk.sync.redaction import install_log_redaction
from omsdesk.sync.simulator import RecordedRequest
from tests.fixtures.amazon import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SELLER_ID,
    amazon_server,
    connect,
)
from tests.fixtures.marketplaces import SleepRecorder

CURSOR = "2026-03-01T00:00:00Z"


def searches(shop: AmazonSimulator) -> list[RecordedRequest]:
    return [r for r in shop.requests if r.path == "/orders/2026-01-01/orders"]


def token_requests(shop: AmazonSimulator) -> list[RecordedRequest]:
    return [r for r in shop.requests if r.path == "/auth/o2/token"]


def fake_time(sleeps: SleepRecorder) -> dict[str, Any]:
    return {"sleep": sleeps, "clock": sleeps.clock}


@pytest.fixture
def shop() -> Any:
    with amazon_server() as server:
        yield server


def test_orders_come_page_by_page_with_the_pagination_token(shop: AmazonSimulator) -> None:
    orders = generate_orders(250)
    shop.add_orders(orders)
    pages = list(connect(shop).pull_orders(CURSOR))
    ids = [o.external_id for p in pages for o in p.orders]
    assert len(ids) == len(set(ids)) == 250
    first, *rest = searches(shop)
    assert len(rest) == 2
    assert first.param("maxResultsPerPage") == "100"
    assert first.param("marketplaceIds") == "A1RKKUPIHCS9HS"
    assert first.param("fulfilledBy") == "MERCHANT"
    assert set(first.param("includedData").split(",")) >= {"BUYER", "RECIPIENT", "PROCEEDS"}
    # 5 minutes of look-back before the cursor; the end at least two minutes before now.
    assert first.param("lastUpdatedAfter") == "2026-02-28T23:55:00Z"
    end = datetime.fromisoformat(first.param("lastUpdatedBefore").replace("Z", "+00:00"))
    assert end <= datetime.now(UTC) - timedelta(minutes=2)
    assert first.param("paginationToken") == ""
    for request in rest:
        assert request.param("paginationToken")
        # "All other parameters must be provided with the same values"
        assert request.param("lastUpdatedBefore") == first.param("lastUpdatedBefore")
        assert request.param("lastUpdatedAfter") == first.param("lastUpdatedAfter")
    # The order of results is not documented: the cursor moves only after the last page.
    assert [p.next_cursor for p in pages[:-1]] == [None, None]
    assert pages[-1].next_cursor == first.param("lastUpdatedBefore")


def test_the_first_pull_asks_for_orders_created_in_the_last_days(shop: AmazonSimulator) -> None:
    now = datetime.now(UTC)
    recent = generate_orders(3, start=now - timedelta(days=2))
    old = generate_orders(2, start=now - timedelta(days=40), first_id=9001)
    shop.add_orders(recent + old)
    pages = list(connect(shop).pull_orders(None))
    request = searches(shop)[0]
    assert request.param("createdAfter") and request.param("createdBefore")
    assert request.param("lastUpdatedAfter") == ""
    assert {o.external_id for p in pages for o in p.orders} == {
        amazon_order_id(o.order_id) for o in recent}


def test_a_page_size_above_the_maximum_is_sent_as_100(shop: AmazonSimulator) -> None:
    shop.add_orders(generate_orders(3))
    list(connect(shop, page_size="500").pull_orders(CURSOR))
    assert searches(shop)[0].param("maxResultsPerPage") == "100"


def _get(shop: AmazonSimulator, token: str, **params: Any) -> requests.Response:
    return requests.get(f"{shop.url}/orders/2026-01-01/orders", params=params,
                        headers={"x-amz-access-token": token}, timeout=5)


def test_the_server_refuses_an_unknown_token_and_changed_parameters(shop: AmazonSimulator) -> None:
    shop.add_orders(generate_orders(5))
    token = connect(shop).tokens.token()
    window = {"lastUpdatedAfter": CURSOR, "lastUpdatedBefore": "2026-04-01T00:00:00Z"}
    assert _get(shop, token, maxResultsPerPage=101, **window).status_code == 400
    first = _get(shop, token, maxResultsPerPage=2, **window).json()
    nxt = first["pagination"]["nextToken"]
    bogus = _get(shop, token, paginationToken="not-a-token", **window)
    assert bogus.status_code == 400 and bogus.json()["errors"][0]["code"] == "InvalidInput"
    moved = _get(shop, token, paginationToken=nxt, lastUpdatedAfter="2026-03-02T00:00:00Z",
                 lastUpdatedBefore="2026-04-01T00:00:00Z")
    assert moved.status_code == 400
    # maxResultsPerPage and includedData may change between pages.
    ok = _get(shop, token, paginationToken=nxt, maxResultsPerPage=3, includedData="BUYER", **window)
    assert ok.status_code == 200 and len(ok.json()["orders"]) == 3
    both = _get(shop, token, createdAfter=CURSOR, **window)
    assert both.status_code == 400


def test_the_access_token_is_exchanged_once_and_reused(shop: AmazonSimulator,
                                                       sleeps: SleepRecorder) -> None:
    shop.add_orders(generate_orders(3))
    connector = connect(shop, http=fake_time(sleeps))
    list(connector.pull_orders(CURSOR))
    list(connector.pull_orders(CURSOR))
    assert len(token_requests(shop)) == 1
    form = token_requests(shop)[0].body.decode()
    assert "grant_type=refresh_token" in form and "client_id=" in form
    # The hour is up: a new token before the next call, not after a refusal.
    sleeps.now += 3600
    list(connector.pull_orders(CURSOR))
    assert len(token_requests(shop)) == 2
    assert all(r.header("x-amz-access-token").startswith("Atza|") for r in searches(shop))


def test_a_token_that_expires_mid_sync_is_refreshed_and_nothing_is_lost(
        shop: AmazonSimulator) -> None:
    shop.add_orders(generate_orders(250))
    done = {"expired": False}

    def expire_after_first_page(request: RecordedRequest) -> None:
        if request.path.endswith("/orders") and request.param("paginationToken") \
                and not done["expired"]:
            done["expired"] = True
            shop.expire_tokens()

    shop.hooks.append(expire_after_first_page)
    # The hook runs after the token check: the expiry bites on the request after it.
    pages = list(connect(shop).pull_orders(CURSOR))
    ids = [o.external_id for p in pages for o in p.orders]
    assert len(ids) == len(set(ids)) == 250
    # Three pages, the third refused once with the expired token and sent again with a new one.
    assert len(token_requests(shop)) == 2
    third, again = searches(shop)[2:]
    assert third.param("paginationToken") == again.param("paginationToken")
    assert third.header("x-amz-access-token") != again.header("x-amz-access-token")


def test_buyer_and_address_come_with_included_data_and_no_restricted_data_token(
        shop: AmazonSimulator) -> None:
    demo = generate_orders(1)[0]
    shop.add_orders([demo])
    [order] = next(iter(connect(shop).pull_orders(CURSOR))).orders
    assert order.shipping_address.line1 == demo.street
    assert order.shipping_address.postcode == demo.postcode
    assert order.shipping_address.country == "ES"
    assert order.customer.name == demo.name
    assert order.customer.tax_id == demo.tax_id
    assert not [r for r in shop.requests if "/tokens/" in r.path]


def test_without_the_delivery_role_the_street_is_missing_and_the_sync_says_so() -> None:
    with amazon_server(roles=()) as shop:
        shop.add_orders([o for o in generate_orders(4) if o.paid][:2])
        connector = connect(shop)
        orders = [o for p in connector.pull_orders(CURSOR) for o in p.orders]
    assert orders and all(not o.shipping_address.line1 and o.shipping_address.city for o in orders)
    assert any("Direct-to-Consumer Delivery" in w for w in connector.warnings)


def test_money_becomes_minor_units_with_shipping_as_a_line() -> None:
    with amazon_server() as shop:
        demo = generate_orders(3)[2]
        shop.add_orders([demo])
        [order] = next(iter(connect(shop).pull_orders(CURSOR))).orders
    assert order.currency == "EUR" and order.taxes_included  # Amazon.es shows VAT-inclusive prices
    assert order.total == int(demo.total * 100)
    goods = sum(li.unit_price * li.quantity - li.discount for li in order.lines)
    assert goods + sum(s.price for s in order.shipping_lines) == order.total
    assert [s.price for s in order.shipping_lines] == [int(demo.shipping * 100)]
    assert order.shipping_lines[0].tax_rate_bp == 2100
    expected = {line.sku: int(line.rate * 10000) for line in demo.lines}
    assert {li.sku: li.tax_rate_bp for li in order.lines} == expected
    assert order.lines[0].tax == int(demo.lines[0].tax * 100)
    assert order.status == (STATUS_OPEN if demo.paid else STATUS_PENDING)


def test_an_order_cancelled_on_amazon_comes_in_cancelled(shop: AmazonSimulator) -> None:
    [order_id] = shop.add_orders(generate_orders(1))
    shop.touch(order_id, datetime(2026, 3, 5, tzinfo=UTC), fulfillmentStatus="CANCELLED")
    [order] = next(iter(connect(shop).pull_orders(CURSOR))).orders
    assert order.status == STATUS_CANCELLED and order.raw_status == "CANCELLED"


def test_a_429_burst_is_waited_out_with_no_lost_or_duplicate_orders(
        sleeps: SleepRecorder) -> None:
    # A usage plan of 0.5 requests/s, burst 2, on the test's clock: the third page is throttled.
    with amazon_server(plans={"searchOrders": (0.5, 2)}, clock=sleeps.clock) as shop:
        shop.add_orders(generate_orders(450))
        pages = list(connect(shop, http=fake_time(sleeps)).pull_orders(CURSOR))
        statuses = len(searches(shop))
        throttled = shop.throttled
    ids = [o.external_id for p in pages for o in p.orders]
    assert len(ids) == len(set(ids)) == 450
    assert throttled == 1 and statuses == 5 + 1  # five pages, one sent twice
    # The rate from `x-amzn-RateLimit-Limit` (0.5/s) sets the wait: 2 s before the throttled
    # page goes again and before each of the two after it, never a tight loop of retries.
    assert sum(sleeps.delays) == pytest.approx(2.0 * 3, abs=0.01)
    assert len(sleeps.delays) <= 4


def test_stock_is_a_listings_patch_of_fulfillment_availability(shop: AmazonSimulator) -> None:
    results = connect(shop).push_stock([StockPush("CAM-ALG-M", 7, "k1")])
    assert results[0].ok
    [patch] = [r for r in shop.requests if r.method == "PATCH"]
    assert patch.path == f"/listings/2021-08-01/items/{SELLER_ID}/CAM-ALG-M"
    assert patch.param("marketplaceIds") == "A1RKKUPIHCS9HS"
    assert patch.json() == {"productType": "PRODUCT", "patches": [{
        "op": "merge", "path": "/attributes/fulfillment_availability",
        "value": [{"fulfillment_channel_code": "DEFAULT", "quantity": 7}]}]}
    assert shop.quantity("CAM-ALG-M") == 7
    # "merge" keeps what was not sent, such as the handling time.
    assert shop.listings["CAM-ALG-M"]["fulfillment_availability"][0][
        "lead_time_to_ship_max_days"] == 2


def test_replace_can_be_chosen_and_an_unknown_sku_fails_alone(shop: AmazonSimulator) -> None:
    results = connect(shop, stock_patch_op="replace").push_stock(
        [StockPush("NO-SUCH-SKU", 3, "k1"), StockPush("JAR-TAL-01", -2, "k2")])
    assert [r.ok for r in results] == [False, True]
    assert "404" in results[0].reason and "not found" in results[0].reason
    assert shop.listings["JAR-TAL-01"]["fulfillment_availability"] == [
        {"fulfillment_channel_code": "DEFAULT", "quantity": 0}]


def test_stock_without_a_seller_id_is_refused_per_sku_with_the_fix(shop: AmazonSimulator) -> None:
    connector = connect(shop, seller_id="")
    results = connector.push_stock([StockPush("CAM-ALG-M", 1, "k")])
    assert not results[0].ok and "seller_id" in results[0].reason
    assert not [r for r in shop.requests if r.method == "PATCH"]


def test_shipment_confirmation_carries_carrier_tracking_and_items(shop: AmazonSimulator) -> None:
    demo = next(o for o in generate_orders(5) if o.paid)
    [order_id] = shop.add_orders([demo])
    connector = connect(shop)
    push = FulfillmentPush(order_id, "ship:SO-1:1", carrier="seur", tracking_number="SEUR42")
    connector.push_fulfillment(push)
    [confirm] = [r for r in shop.requests if r.path.endswith("/shipmentConfirmation")]
    body = confirm.json()
    assert body["marketplaceId"] == "A1RKKUPIHCS9HS"
    detail = body["packageDetail"]
    assert detail["carrierCode"] == "SEUR" and detail["trackingNumber"] == "SEUR42"
    assert detail["packageReferenceId"].isdigit() and int(detail["packageReferenceId"]) > 0
    assert sorted((i["orderItemId"], i["quantity"]) for i in detail["orderItems"]) == sorted(
        (f"{line.line_id:014d}", line.quantity) for line in demo.lines)
    assert shop.orders[order_id]["fulfillment"]["fulfillmentStatus"] == "SHIPPED"
    # The same push again (an outbox retry) finds the tracking on Amazon: no second package.
    connector.push_fulfillment(push)
    assert len([r for r in shop.requests if r.path.endswith("/shipmentConfirmation")]) == 1
    assert len(shop.orders[order_id]["packages"]) == 1


def test_a_partial_shipment_and_an_unknown_carrier(shop: AmazonSimulator) -> None:
    demo = next(o for o in generate_orders(5) if o.paid)
    [order_id] = shop.add_orders([demo])
    line = demo.lines[0]
    connect(shop).push_fulfillment(FulfillmentPush(
        order_id, "ship:SO-2:1", carrier="Transportes Pérez", tracking_number="TP-1",
        lines=(FulfillmentLine(f"{line.line_id:014d}", line.sku, line.quantity),), final=False))
    detail = [r for r in shop.requests if r.path.endswith("/shipmentConfirmation")][0].json()[
        "packageDetail"]
    assert (detail["carrierCode"], detail["carrierName"]) == ("Other", "Transportes Pérez")
    assert len(detail["orderItems"]) == 1
    assert shop.orders[order_id]["fulfillment"]["fulfillmentStatus"] == "PARTIALLY_SHIPPED"


@pytest.mark.parametrize(("secret", "says"), [
    ("only-one-part", "three parts"),
    (f"{CLIENT_ID}:{CLIENT_SECRET}:Atza|IwEBIaccess", "refresh token (Atzr|"),
    ('{"client_id": "x", "client_secret": "y"}', "lacks refresh_token"),
    ("{not json", "not valid JSON"),
])
def test_a_secret_of_the_wrong_shape_is_refused_saying_why(secret: str, says: str) -> None:
    problem = AmazonConnector.secret_problem(secret)
    assert problem is not None and says in problem
    assert AmazonConnector.secret_problem(f"{CLIENT_ID}:{CLIENT_SECRET}:{REFRESH_TOKEN}") is None


def test_a_revoked_refresh_token_is_an_auth_error_naming_invalid_grant(
        shop: AmazonSimulator) -> None:
    secret = f"{CLIENT_ID}:{CLIENT_SECRET}:Atzr|revoked-or-mistyped-token-0000"
    with pytest.raises(AuthError) as caught:
        list(connect(shop, secret).pull_orders(CURSOR))
    assert "invalid_grant" in str(caught.value) and "set-secret" in str(caught.value)
    assert "revoked-or-mistyped" not in str(caught.value)
    assert len(shop.requests) == 1 and not searches(shop)


def test_a_wrong_client_secret_is_an_auth_error(shop: AmazonSimulator) -> None:
    secret = f"{CLIENT_ID}:amzn1.oa2-cs.v1.wrongwrongwrong:{REFRESH_TOKEN}"
    with pytest.raises(AuthError, match="client id or client secret"):
        connect(shop, secret).check_connection()


def test_test_connection_exchanges_the_token_and_asks_for_one_order(shop: AmazonSimulator) -> None:
    check = connect(shop).check_connection()
    assert check.ok and any("token exchange works" in n for n in check.notes)
    assert searches(shop)[0].param("maxResultsPerPage") == "1"
    assert any("usage plan" in n for n in check.notes)
    check = connect(shop, seller_id="").check_connection()
    assert not check.ok and "seller_id" in check.problems[0]


def test_a_503_page_is_sent_again_and_a_malformed_one_is_a_bad_response(
        shop: AmazonSimulator, sleeps: SleepRecorder) -> None:
    shop.add_orders(generate_orders(3))
    shop.fail(503, path="/orders/2026-01-01/orders")
    pages = list(connect(shop, http=fake_time(sleeps)).pull_orders(CURSOR))
    assert sum(len(p.orders) for p in pages) == 3 and len(searches(shop)) == 2
    shop.malformed(path="/orders/2026-01-01/orders", body=b'{"orders": [{"orderId": ')
    with pytest.raises(BadResponse):
        list(connect(shop, http=fake_time(sleeps)).pull_orders(CURSOR))


def test_no_credential_or_access_token_reaches_the_log(
        shop: AmazonSimulator, caplog: pytest.LogCaptureFixture, sleeps: SleepRecorder) -> None:
    install_log_redaction()
    shop.add_orders(generate_orders(2))
    shop.fail(429, path="/orders/2026-01-01/orders", retry_after="0")
    with caplog.at_level(logging.DEBUG):
        connector = connect(shop, http=fake_time(sleeps))
        list(connector.pull_orders(CURSOR))
        connector.push_stock([StockPush("NO-SUCH-SKU", 1, "k")])
    text = caplog.text
    assert "rate limited" in text  # the log did record the run
    for secret in (REFRESH_TOKEN, CLIENT_SECRET, *shop.tokens):
        assert secret not in text


def test_the_rest_of_a_part_shipped_order_is_confirmed_without_the_part_again(
        shop: AmazonSimulator) -> None:
    demo = next(o for o in generate_orders(5) if o.paid)
    [order_id] = shop.add_orders([demo])
    first = demo.lines[0]
    connector = connect(shop)
    connector.push_fulfillment(FulfillmentPush(
        order_id, "ship:SO-3:1", carrier="GLS", tracking_number="GLS-1",
        lines=(FulfillmentLine(f"{first.line_id:014d}", first.sku, first.quantity),), final=False))
    connector.push_fulfillment(FulfillmentPush(order_id, "ship:SO-3:2", carrier="GLS",
                                               tracking_number="GLS-2"))
    second = [r for r in shop.requests if r.path.endswith("/shipmentConfirmation")][1].json()
    assert f"{first.line_id:014d}" not in {i["orderItemId"] for i in
                                           second["packageDetail"]["orderItems"]}
    assert shop.orders[order_id]["fulfillment"]["fulfillmentStatus"] == "SHIPPED"
    with pytest.raises(RequestRejected, match="none of the shipped lines"):
        connector.push_fulfillment(FulfillmentPush(
            order_id, "ship:SO-3:3", tracking_number="GLS-3",
            lines=(FulfillmentLine("99999999999999", "X", 1),)))
