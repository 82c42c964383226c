"""Outbox delivery to a local Shopify: coalesced stock, fulfilments in order, offline, dead letters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from omsdesk.db import Database
from omsdesk.models import Order, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.models.sync_state import ChannelSyncState
from omsdesk.queries.order_detail import order_detail
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.fulfilment.orders import cancel_order, pack_order, pay_order, pick_order
from omsdesk.services.fulfilment.shipping import ship_order
from omsdesk.services.ledger.stock import adjust_stock
from omsdesk.sync.connector import ChannelConfig, Connector
from omsdesk.sync.demo_data import CATALOGUE, DemoLine, generate_orders
from omsdesk.sync.http import RetryPolicy
from omsdesk.sync.importer import import_orders
from omsdesk.sync.outbox import DeliveryPolicy, OutboxDispatcher
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify import parse_order
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import SHOPIFY_TOKEN, SleepRecorder

CHANNEL = "tienda"


@pytest.fixture
def store(sqlite_db: Database) -> Shop:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE[:6]:
        shop.product(product.sku, price=int(product.price * 100),
                     tax_rate_bp=int(product.rate * 10000))
        shop.stock(product.sku, 40)
    add_channel(sqlite_db, kind="shopify", name="Tienda", code=CHANNEL,
                url="https://tienda.myshopify.com", actor=ACTOR)
    return shop


def dispatcher(store: Shop, shop: ShopifySimulator, sleeps: SleepRecorder,
               **policy: object) -> OutboxDispatcher:
    url = shop.url  # taken now: a test may stop the shop before delivering

    def build(_channel: object) -> Connector:
        return create_connector(ChannelConfig("Tienda", "shopify", url, SHOPIFY_TOKEN),
                                sleep=sleeps, clock=sleeps.clock,
                                retry=RetryPolicy(attempts=2, connect_attempts=1))
    return OutboxDispatcher(store.db, build, policy=DeliveryPolicy(**policy),  # type: ignore[arg-type]
                            rng=lambda: 0.5)


def imported_order(store: Shop, shop: ShopifySimulator, index: int = 0) -> tuple[str, int]:
    """Import one demo order using only the stocked products; returns (reference, shop id)."""
    demo = generate_orders(index + 1, lines_per_order=2)[index]
    demo = demo.touched(demo.updated, lines=tuple(
        DemoLine(line.line_id, CATALOGUE[i].sku, CATALOGUE[i].title, 1, line.unit_price,
                 line.rate) for i, line in enumerate(demo.lines)), paid=True)
    shop.add_orders([demo])
    import_orders(store.db, CHANNEL, [parse_order(shop._rendered[demo.order_id])], actor=ACTOR)
    with store.db.read() as s:
        ref = s.scalars(select(Order.reference).where(
            Order.external_id == f"gid://shopify/Order/{demo.order_id}")).one()
    return ref, demo.order_id


def ship(store: Shop, ref: str, tracking: str, quantities: dict[str, int] | None = None) -> None:
    if store.status(ref) == "new":
        pay_order(store.db, ref, actor=ACTOR)
    if store.status(ref) in ("paid", "partial"):
        allocate_order(store.db, ref, actor=ACTOR)
    # Picked and packed per parcel: the rest of a part-shipped packed parcel is still packed.
    with store.db.read() as s:
        steps = set(order_detail(s, ref).allowed_actions)
    if "pick" in steps:
        pick_order(store.db, ref, actor=ACTOR)
    if "pack" in steps or "pick" in steps:
        pack_order(store.db, ref, actor=ACTOR)
    ship_order(store.db, ref, actor=ACTOR, carrier="Correos", tracking=tracking,
               quantities=quantities)


def messages(store: Shop, topic: str) -> list[OutboxMessage]:
    return store.outbox(topic)


def test_a_shipment_reaches_the_shop_once_with_its_tracking(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, shop_id = imported_order(store, shopify_shop)
    ship(store, ref, "PK000111222ES")
    out = dispatcher(store, shopify_shop, sleeps)
    report = out.drain(CHANNEL)
    assert (report.delivered, report.status) == (1, "ok")
    assert out.drain(CHANNEL).delivered == 0
    fulfilments = shopify_shop.fulfillments[shop_id]
    assert len(fulfilments) == 1
    assert fulfilments[0]["trackingInfo"][0]["number"] == "PK000111222ES"
    assert [m.status for m in messages(store, "fulfillment.push")] == ["delivered"]


def test_stock_changes_are_coalesced_to_the_latest_value_per_sku(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    sku = CATALOGUE[0].sku
    for delta in (-3, -2, 5, -10):
        adjust_stock(store.db, sku, delta, "MAD", reason="recuento", actor=ACTOR)
    out = dispatcher(store, shopify_shop, sleeps)
    report = out.push_stock(CHANNEL)
    assert report.status == "ok"
    assert shopify_shop.inventory[sku] == 30  # 40 - 3 - 2 + 5 - 10
    sets = [r for r in shopify_shop.requests if "InventorySet" in r.json()["query"]]
    assert len(sets) == 1
    pushed = [q for q in sets[0].json()["variables"]["input"]["quantities"]]
    assert len(pushed) == len({q["inventoryItemId"] for q in pushed})
    assert all(m.status == "delivered" for m in messages(store, "stock.changed"))


def test_available_to_sell_leaves_out_reserved_stock(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, _ = imported_order(store, shopify_shop)
    assert store.status(ref) == "allocated"
    dispatcher(store, shopify_shop, sleeps).push_stock(CHANNEL)
    assert shopify_shop.inventory[CATALOGUE[0].sku] == 39


def test_offline_fails_fast_and_the_outbox_waits_then_delivers_once_in_order(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, shop_id = imported_order(store, shopify_shop)
    port = shopify_shop.port
    out = dispatcher(store, shopify_shop, sleeps, channel_pause=timedelta(0))
    shopify_shop.stop()  # the network is gone
    sku = CATALOGUE[0].sku
    ship(store, ref, "TRACK-A", {sku: 1})
    ship(store, ref, "TRACK-B")
    report = out.drain(CHANNEL)
    assert (report.health, report.delivered) == ("offline", 0)
    assert [(m.status, m.attempts) for m in messages(store, "fulfillment.push")] == [
        ("pending", 0), ("pending", 0)]
    with store.db.read() as s:
        state = s.scalars(select(ChannelSyncState)).one()
        assert state.offline is True and state.consecutive_failures == 1
    shopify_shop.start(port)  # the network is back
    report = out.drain(CHANNEL)
    assert report.delivered == 2
    numbers = [f["trackingInfo"][0]["number"] for f in shopify_shop.fulfillments[shop_id]]
    assert numbers == ["TRACK-A", "TRACK-B"]
    assert out.drain(CHANNEL).delivered == 0
    with store.db.read() as s:
        assert s.scalars(select(ChannelSyncState)).one().offline is False


def test_a_later_shipment_waits_for_an_earlier_one_that_fails(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, shop_id = imported_order(store, shopify_shop)
    sku = CATALOGUE[0].sku
    ship(store, ref, "FIRST", {sku: 1})
    ship(store, ref, "SECOND")
    out = dispatcher(store, shopify_shop, sleeps, base_delay=timedelta(0))
    shopify_shop._orders.pop(shop_id)  # the shop loses the order for a while: 404-like refusal
    report = out.drain(CHANNEL)
    assert (report.delivered, report.failed, report.waiting) == (0, 1, 1)
    statuses = [(m.status, m.attempts) for m in messages(store, "fulfillment.push")]
    assert statuses == [("pending", 1), ("pending", 0)]


def test_after_max_attempts_a_message_is_parked_and_can_be_retried(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, shop_id = imported_order(store, shopify_shop)
    ship(store, ref, "PARKED-1")
    order = shopify_shop._orders.pop(shop_id)
    out = dispatcher(store, shopify_shop, sleeps, max_attempts=3, base_delay=timedelta(0))
    for _ in range(3):
        out.drain(CHANNEL)
    [msg] = messages(store, "fulfillment.push")
    assert (msg.status, msg.attempts) == ("failed", 3)
    assert "not found" in msg.last_error
    shopify_shop.add_orders([order])
    assert out.retry_parked(channel=CHANNEL) == 1
    assert out.drain(CHANNEL).delivered == 1
    assert shopify_shop.fulfillments[shop_id][0]["trackingInfo"][0]["number"] == "PARKED-1"


def test_a_claim_left_by_a_dead_process_is_recovered(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, shop_id = imported_order(store, shopify_shop)
    ship(store, ref, "AFTER-CRASH")
    with store.db.write() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.topic == "fulfillment.push")
                  .values(status="sending", next_attempt_at=utcnow() - timedelta(seconds=1)))
    report = dispatcher(store, shopify_shop, sleeps).drain(CHANNEL)
    assert report.delivered == 1
    assert len(shopify_shop.fulfillments[shop_id]) == 1


def test_a_cancellation_is_pushed_to_the_shop(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, shop_id = imported_order(store, shopify_shop)
    cancel_order(store.db, ref, actor=ACTOR, reason="sin stock")
    assert dispatcher(store, shopify_shop, sleeps).drain(CHANNEL).delivered == 1
    assert shopify_shop.order(shop_id).cancelled is True


def test_wrong_credentials_mark_the_channel_and_spend_no_attempts(
        store: Shop, shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> None:
    ref, _ = imported_order(store, shopify_shop)
    ship(store, ref, "X1")
    shopify_shop.token = "shpat_rotated_by_the_merchant"
    before = len(shopify_shop.requests)
    report = dispatcher(store, shopify_shop, sleeps).drain(CHANNEL)
    assert report.health == "auth"
    assert len(shopify_shop.requests) == before + 1
    [msg] = messages(store, "fulfillment.push")
    assert (msg.status, msg.attempts) == ("pending", 0)
    with store.db.read() as s:
        assert s.scalars(select(ChannelSyncState)).one().credentials_invalid is True
