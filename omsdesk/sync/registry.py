"""Find connector classes by type name through the `omsdesk.connectors` entry-point group."""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import entry_points
from typing import Any

from omsdesk.services.channels.kinds import ENTRY_POINT_GROUP
from omsdesk.sync.connector import ChannelConfig, Connector

log = logging.getLogger(__name__)


# The connectors shipped with omsdesk, so a source checkout that was never pip-installed
# (no entry-point metadata) still finds them. Installed entry points take precedence.
BUILTIN_CONNECTORS: dict[str, str] = {
    "shopify": "omsdesk.sync.shopify:ShopifyConnector",
    "woocommerce": "omsdesk.sync.woocommerce:WooCommerceConnector",
    "prestashop": "omsdesk.sync.prestashop:PrestaShopConnector",
    "amazon": "omsdesk.sync.amazon:AmazonConnector",
    "demo": "omsdesk.sync.demo_shop:DemoConnector",
}


class UnknownConnector(LookupError):
    """No connector is registered under the requested type name."""


def _load(target: str) -> type[Connector]:
    module_name, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    if not (isinstance(cls, type) and issubclass(cls, Connector)):
        raise TypeError(f"{target} is not a Connector subclass")
    return cls


def available_connectors() -> dict[str, str]:
    """Type name -> `module:Class` for every connector known to this installation."""
    found = dict(BUILTIN_CONNECTORS)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found[ep.name] = ep.value
    return found


def connector_class(type_name: str) -> type[Connector]:
    """The connector class registered under `type_name`."""
    targets = available_connectors()
    try:
        target = targets[type_name]
    except KeyError:
        known = ", ".join(sorted(targets))
        raise UnknownConnector(f"no connector of type {type_name!r} (known: {known})") from None
    return _load(target)


def create_connector(config: ChannelConfig, **http_options: Any) -> Connector:
    """Instantiate the connector for a channel; `http_options` reach its HttpClient."""
    return connector_class(config.type).from_config(config, **http_options)
