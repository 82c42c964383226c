"""The demo shop: registered by `omsdesk demo`, orders arrive, stock and tracking go back."""

from __future__ import annotations

from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import Order, Product
from omsdesk.models.base import utcnow
from omsdesk.models.channel_sku import ChannelSku
from omsdesk.services.channels.channels import DEMO_CODE
from omsdesk.sync.demo_data import CATALOGUE
from omsdesk.sync.demo_shop import (
    ARRIVAL,
    BACKLOG,
    arrive,
    demo_shop,
    register_demo_channel,
    stop_demo_shop,
)
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.outbox import OutboxDispatcher, available_to_sell
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import Shop
from tests.fixtures.marketplaces import SHOPIFY_TOKEN


def test_orders_arrive_on_a_fixed_timetable() -> None:
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False) as shop:
        assert isinstance(shop, ShopifySimulator)
        epoch = utcnow() - ARRIVAL * 3
        assert arrive(shop, epoch) == BACKLOG + 3
        assert arrive(shop, epoch, epoch + ARRIVAL * 10) == BACKLOG + 10
        first = shop.order(5001)
    with ShopifySimulator(SHOPIFY_TOKEN, throttle=False) as again:
        assert isinstance(again, ShopifySimulator)
        arrive(again, epoch)
        assert again.order(5001) == first  # a restarted process serves the same orders


def test_the_demo_channel_imports_orders_and_pushes_stock(sqlite_db: Database) -> None:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for i in range(len(CATALOGUE)):
        sku = shop.product(f"LOCAL-{i:02d}")
        shop.stock(sku, 1000)
    with sqlite_db.write() as s:
        register_demo_channel(s)
        register_demo_channel(s)  # idempotent
    try:
        report = pull_orders(sqlite_db, DEMO_CODE)
        assert report.status == "ok", report.error
        assert report.counts["created"] >= BACKLOG
        with sqlite_db.read() as s:
            assert s.scalar(select(func.count()).select_from(ChannelSku)) == len(CATALOGUE)
            assert (s.scalar(select(func.count()).select_from(Order)) or 0) >= BACKLOG
        OutboxDispatcher(sqlite_db).push_stock(DEMO_CODE)
        # Each demo SKU now shows the available stock of the local product it is mapped to.
        with sqlite_db.read() as s:
            mapped = dict(s.execute(select(ChannelSku.external_sku, Product.sku).join(
                Product, Product.id == ChannelSku.product_id)).all())
            levels = available_to_sell(s, list(mapped.values()))
        assert {sku: demo_shop().inventory[sku] for sku in mapped} == {
            shop_sku: levels[local] for shop_sku, local in mapped.items()}
        assert min(levels.values()) < 1000  # imported orders reserved some
        assert pull_orders(sqlite_db, DEMO_CODE).counts["created"] == 0
    finally:
        stop_demo_shop()
