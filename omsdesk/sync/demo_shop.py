"""The demo shop: a Shopify-style simulator on loopback where orders keep arriving, and its channel.

`omsdesk demo` calls `register_demo_channel(session)`; from then on the sync pulls the
demo shop's orders and pushes tracking and stock back like with a real shop, no account
needed. Orders arrive on a fixed timetable from the channel's `demo_epoch`, so a restarted
process serves the same orders again (and the import recognises them).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from omsdesk.models import Channel
from omsdesk.models.base import utcnow
from omsdesk.services.channels.channels import register_demo_channel_in
from omsdesk.services.context import SYSTEM, Actor
from omsdesk.sync.connector import ChannelConfig, OrderPage, parse_utc
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.http import HttpClient
from omsdesk.sync.shopify import ShopifyConnector
from omsdesk.sync.shopify_simulator import ShopifySimulator

# Not a credential: the simulator only listens on 127.0.0.1 inside this process.
DEMO_TOKEN = "demo-token-loopback"
ARRIVAL = timedelta(seconds=90)
BACKLOG = 24  # orders already waiting when the channel is registered
MAX_ORDERS = 2000

_lock = threading.Lock()
_shop: ShopifySimulator | None = None


def demo_shop() -> ShopifySimulator:
    """The process's demo shop, started on first use."""
    global _shop
    with _lock:
        if _shop is None:
            shop = ShopifySimulator(DEMO_TOKEN, throttle=False)
            shop.start()
            _shop = shop
        return _shop


def stop_demo_shop() -> None:
    global _shop
    with _lock:
        if _shop is not None:
            _shop.stop()
            _shop = None


def arrive(shop: ShopifySimulator, epoch: datetime, now: datetime | None = None) -> int:
    """Put on the shop every order due by `now`; returns how many it holds."""
    now = now or utcnow()
    due = BACKLOG + max(0, int((now - epoch) / ARRIVAL))
    count = min(MAX_ORDERS, due)
    if count > shop.order_count:
        start = epoch - ARRIVAL * BACKLOG
        orders = generate_orders(count, seed=2026, start=start, step=ARRIVAL)
        shop.add_orders(orders[shop.order_count:])
    return shop.order_count


class DemoConnector(ShopifyConnector):
    """The Shopify connector, pointed at the in-process demo shop."""

    type_name = "demo"

    def __init__(self, config: ChannelConfig, http: HttpClient, shop: ShopifySimulator) -> None:
        super().__init__(config, http)
        self.shop = shop
        epoch = config.options.get("demo_epoch")
        self.epoch = parse_utc(epoch) if epoch else datetime.now(UTC)

    @classmethod
    def from_config(cls, config: ChannelConfig, **http_options: Any) -> DemoConnector:
        shop = demo_shop()
        real = ChannelConfig(config.name, "shopify", shop.url, DEMO_TOKEN, config.options)
        base = ShopifyConnector.from_config(real, **http_options)
        return cls(real, base.http, shop)

    def pull_orders(self, since_cursor: str | None) -> Iterator[OrderPage]:
        """Let the orders due by now arrive, then pull like from any Shopify store."""
        arrive(self.shop, self.epoch)
        yield from super().pull_orders(since_cursor)


def register_demo_channel(session: Session, *, actor: Actor = SYSTEM) -> Channel:
    """Register the demo shop channel in the caller's transaction (used by `omsdesk demo`)."""
    return register_demo_channel_in(session, [p.sku for p in CATALOGUE], actor=actor)
