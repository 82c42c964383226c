"""The product push's rules without a shop or a database: the values a shop gets, the plan per product."""

from __future__ import annotations

import pytest

from omsdesk.models import Product, ValidationError
from omsdesk.services.channels.product_listing import (
    DesiredListing,
    desired_listings,
    listing_settings,
)
from omsdesk.sync.connector import RemoteListing
from omsdesk.sync.product_out import plan_item


def product(**values: object) -> Product:
    fields: dict[str, object] = {"sku": "ACE-1", "name": "Aceite", "price": 1210,
                                 "currency": "EUR", "tax_rate_bp": 2100, "ean": None,
                                 "description": "", "stock_tracked": True}
    fields.update(values)
    return Product(**fields)


def test_a_shop_without_tax_gets_the_net_of_the_invoice_split() -> None:
    woo = listing_settings("woocommerce", {})
    [listing] = desired_listings([product(price=1995)], woo, {"ACE-1": 7})
    # 19.95 with 21 % IVA: 16.49 net (16.487... rounded half up), as the invoices split it.
    assert listing.values["price"] == "16.49"
    assert listing.values["stock"] == "7"
    shopify = listing_settings("shopify", {})
    assert desired_listings([product(price=1995)], shopify, {})[0].values["price"] == "19.95"


def test_prestashop_prices_are_always_without_tax() -> None:
    assert listing_settings("prestashop", {"prices_include_tax": "true"}).prices_include_tax is False


def test_an_empty_description_or_ean_is_left_out_and_a_price_in_another_currency_refused() -> None:
    settings = listing_settings("shopify", {"currency": "USD"})
    [listing] = desired_listings([product()], settings, {})
    assert "description" not in listing.values and "ean" not in listing.values
    assert listing.refused == "priced in EUR, the shop sells in USD"


def test_an_unknown_field_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown product field"):
        listing_settings("shopify", {"product_fields": "title,colour"})


def remote(**values: str) -> RemoteListing:
    return RemoteListing("ACE-1", "7", values, frozenset({"title", "price", "stock", "ean"}))


def test_prestashops_six_decimals_are_the_price_it_was_given() -> None:
    settings = listing_settings("prestashop", {})
    desired = DesiredListing("ACE-1", {"title": "Aceite", "price": "10.00", "stock": "3"})
    item = plan_item(desired, "ACE-1", remote(title="Aceite", price="9.999999", stock="3"),
                     settings)
    assert item.action == "unchanged"
    item = plan_item(desired, "ACE-1", remote(title="Aceite", price="10.010000", stock="3"),
                     settings)
    assert [(c.field, c.old, c.new) for c in item.changes] == [("price", "10.010000", "10.00")]


def test_a_field_the_listing_cannot_take_is_not_planned() -> None:
    settings = listing_settings("woocommerce", {})
    variation = RemoteListing("ACE-1", "7", {"price": "1.00"}, frozenset({"price"}))
    desired = DesiredListing("ACE-1", {"title": "Otro nombre", "price": "1.00"})
    assert plan_item(desired, "ACE-1", variation, settings).action == "unchanged"
