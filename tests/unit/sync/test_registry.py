"""Connectors are found by type name, including third-party ones from the entry-point group."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib.metadata import EntryPoint
from typing import Any

import pytest

from omsdesk.sync import registry
from omsdesk.sync.connector import (
    ChannelConfig,
    Connector,
    FulfillmentPush,
    OrderPage,
    StockPush,
    StockPushResult,
)
from omsdesk.sync.errors import UnsupportedOperation
from omsdesk.sync.http import HttpClient
from omsdesk.sync.prestashop import PrestaShopConnector
from omsdesk.sync.shopify import ShopifyConnector
from omsdesk.sync.woocommerce import WooCommerceConnector


class MarketplaceX(Connector):
    """A third party's connector: registered only through its entry point."""

    type_name = "marketplace-x"

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> MarketplaceX:
        return cls(config, HttpClient(config.name, secrets=[config.secret]))

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        yield OrderPage((), since_cursor)

    def push_fulfillment(self, push: FulfillmentPush) -> None:
        raise UnsupportedOperation("read-only marketplace")

    def push_stock(self, pushes: Sequence[StockPush]) -> list[StockPushResult]:
        return [StockPushResult(p.sku, False, "read-only") for p in pushes]


def test_builtin_connectors_load_by_type_name() -> None:
    assert registry.connector_class("shopify") is ShopifyConnector
    assert registry.connector_class("woocommerce") is WooCommerceConnector
    assert registry.connector_class("prestashop") is PrestaShopConnector
    assert registry.connector_class("demo").type_name == "demo"


def test_an_entry_point_adds_a_connector_without_touching_omsdesk(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ep = EntryPoint(name="marketplace-x", value=f"{__name__}:MarketplaceX",
                    group=registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [ep] if group == ep.group else [])
    connector = registry.create_connector(ChannelConfig("X", "marketplace-x",
                                                        "https://x.example", "secret-x-123"))
    assert isinstance(connector, MarketplaceX)
    assert list(connector.pull_orders("c1")) == [OrderPage((), "c1")]


def test_an_unknown_type_names_the_known_ones() -> None:
    with pytest.raises(registry.UnknownConnector, match="shopify"):
        registry.connector_class("ebay")


def test_an_entry_point_that_is_not_a_connector_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = EntryPoint(name="bogus", value="omsdesk.sync.money:to_minor",
                    group=registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [ep])
    with pytest.raises(TypeError):
        registry.connector_class("bogus")


def test_the_config_never_shows_its_secret() -> None:
    config = ChannelConfig("Tienda", "shopify", "https://t.myshopify.com", "shpat_visible_no")
    assert "shpat_visible_no" not in repr(config)
