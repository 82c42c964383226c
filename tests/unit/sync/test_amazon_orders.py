"""Orders API 2026-01-01 `Order` objects (shapes from the model's own examples) as ChannelOrders."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from omsdesk.services.channels.kinds import is_shop, shop_kinds, takes_updates_back
from omsdesk.sync import registry
from omsdesk.sync.amazon import AmazonConnector, package_reference
from omsdesk.sync.amazon_orders import parse_order, snap_rate
from omsdesk.sync.connector import STATUS_FULFILLED, STATUS_PENDING
from omsdesk.sync.money import AmountError


def money(amount: str, currency: str = "USD") -> dict[str, str]:
    return {"amount": amount, "currencyCode": currency}


def us_order(**changes: Any) -> dict[str, Any]:
    """The searchOrders 200 example of orders_2026-01-01.json, trimmed to what is mapped."""
    order: dict[str, Any] = {
        "orderId": "123-4567890-1234567",
        "createdTime": "2024-12-25T10:30:00Z", "lastUpdatedTime": "2024-12-25T14:45:00Z",
        "salesChannel": {"channelName": "AMAZON", "marketplaceId": "ATVPDKIKX0DER"},
        "buyer": {"buyerName": "John Smith", "buyerEmail": "buyer-email@marketplace.amazon.com",
                  "buyerCompanyName": "Smith Industries LLC",
                  "buyerPurchaseOrderNumber": "PO-2024-12345"},
        "recipient": {"deliveryAddress": {
            "name": "John Smith", "companyName": "Smith Industries LLC",
            "addressLine1": "123 Main Street", "addressLine2": "Suite 456", "addressLine3": "",
            "city": "Seattle", "stateOrRegion": "WA", "postalCode": "98101",
            "countryCode": "US", "phone": "555-123-4567"}},
        "proceeds": {"grandTotal": money("149.99")},
        "fulfillment": {"fulfillmentStatus": "SHIPPED", "fulfilledBy": "MERCHANT",
                        "fulfillmentServiceLevel": "STANDARD"},
        "orderItems": [
            {"orderItemId": "12345678901234", "quantityOrdered": 2,
             "product": {"sellerSku": "ECHO-DOT-4-CHARCOAL", "title": "Echo Dot",
                         "price": {"unitPrice": money("49.99")}},
             "proceeds": {"proceedsTotal": money("100.00"), "breakdowns": [
                 {"type": "ITEM", "subtotal": money("99.98")},
                 {"type": "TAX", "subtotal": money("0.02"), "detailedBreakdowns": [
                     {"subtype": "ITEM", "value": money("0.02")}]}]}},
            {"orderItemId": "12345678901235", "quantityOrdered": 1,
             "product": {"sellerSku": "FIRE-TV-4K-2021", "title": "Fire TV Stick",
                         "price": {"unitPrice": money("49.99")}},
             "proceeds": {"proceedsTotal": money("49.99"), "breakdowns": [
                 {"type": "ITEM", "subtotal": money("49.99")}]}}],
    }
    order.update(changes)
    return order


def test_the_model_example_maps_to_net_lines_in_minor_units() -> None:
    order = parse_order(us_order())
    assert not order.taxes_included  # a US marketplace: tax on top
    assert [(li.sku, li.quantity, li.unit_price, li.tax) for li in order.lines] == [
        ("ECHO-DOT-4-CHARCOAL", 2, 4999, 2), ("FIRE-TV-4K-2021", 1, 4999, 0)]
    assert order.total == 14999 and order.currency == "USD"
    assert order.status == STATUS_FULFILLED and order.payment is not None
    assert order.payment.amount == 14999
    assert (order.shipping_address.line1, order.shipping_address.line2) == (
        "123 Main Street", "Suite 456")
    assert order.customer.email == "buyer-email@marketplace.amazon.com"
    assert order.billing_address.company == "Smith Industries LLC"
    assert order.note == "PO PO-2024-12345"


def test_a_discount_and_shipping_discount_are_taken_as_positive_amounts() -> None:
    item = {"orderItemId": "1", "quantityOrdered": 3,
            "product": {"sellerSku": "TUR-JIJ-300", "price": {"unitPrice": money("6.75", "EUR")}},
            "proceeds": {"breakdowns": [
                {"type": "ITEM", "subtotal": money("20.25", "EUR")},
                {"type": "SHIPPING", "subtotal": money("3.99", "EUR")},
                {"type": "DISCOUNT", "subtotal": money("-3.00", "EUR"), "detailedBreakdowns": [
                    {"subtype": "ITEM", "value": money("-2.00", "EUR")},
                    {"subtype": "SHIPPING", "value": money("-1.00", "EUR")}]},
                {"type": "TAX", "subtotal": money("2.11", "EUR"), "detailedBreakdowns": [
                    {"subtype": "ITEM", "value": money("1.66", "EUR")},
                    {"subtype": "SHIPPING", "value": money("0.45", "EUR")}]}]}}
    order = parse_order(us_order(
        salesChannel={"marketplaceId": "A1RKKUPIHCS9HS"}, orderItems=[item],
        proceeds={"grandTotal": money("21.24", "EUR")},
        fulfillment={"fulfillmentStatus": "PENDING"}))
    assert order.taxes_included  # Amazon.es
    [line] = order.lines
    assert (line.unit_price, line.discount) == (675, 200)
    assert line.tax_rate_bp == 1000  # 1.66 of 18.25 gross is 10 % IVA
    assert [s.price for s in order.shipping_lines] == [299]
    assert line.unit_price * 3 - line.discount + 299 == order.total
    assert order.status == STATUS_PENDING and order.payment is not None
    assert order.payment.amount == 0


def test_a_price_in_another_currency_is_refused() -> None:
    order = us_order()
    order["orderItems"][1]["proceeds"]["breakdowns"][0]["subtotal"] = money("49.99", "EUR")
    with pytest.raises(AmountError):
        parse_order(order)


@pytest.mark.parametrize(("tax", "base", "inclusive", "rate"), [
    ("3.46", "19.95", True, 2100), ("0.29", "3.20", True, 1000), ("0.02", "0.50", True, 400),
    ("0", "5.00", True, 0), ("1.70", "10.00", False, 1700)])
def test_the_tax_rate_is_snapped_to_a_known_one(tax: str, base: str, inclusive: bool,
                                               rate: int) -> None:
    assert snap_rate(Decimal(tax), Decimal(base), inclusive=inclusive) == rate


def test_amazon_is_a_builtin_shop_kind_with_its_connector() -> None:
    assert registry.connector_class("amazon") is AmazonConnector
    assert "amazon" in shop_kinds() and is_shop("amazon") and takes_updates_back("amazon")


def test_a_package_reference_is_a_stable_positive_number() -> None:
    first = package_reference("ship:SO-1:1")
    assert first == package_reference("ship:SO-1:1") and first.isdigit() and int(first) > 0
    assert first != package_reference("ship:SO-1:2")
