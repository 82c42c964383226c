"""Importing shop orders into the database: mapping, idempotency, later changes, quarantine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import AuditEntry, Customer, Order, OrderStatus, Payment
from omsdesk.models.sync_state import ChannelOrderLink, ChannelSyncState, QuarantinedOrder, SyncRun
from omsdesk.services.channels.channels import add_channel, map_channel_sku
from omsdesk.services.fulfilment.shipping import ship_order
from omsdesk.sync.connector import ChannelConfig, ChannelOrder, Connector
from omsdesk.sync.demo_data import CATALOGUE, DemoOrder, generate_orders
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.importer import import_orders, reimport_quarantined
from omsdesk.sync.registry import create_connector
from omsdesk.sync.shopify import parse_order
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import SHOPIFY_TOKEN, SleepRecorder, later

CHANNEL = "tienda"


@pytest.fixture
def store(db: Database) -> Shop:
    """Warehouses, the demo catalogue with stock, and a Shopify channel (SQLite and PostgreSQL)."""
    shop = Shop(db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.product(product.sku, price=int(product.price * 100),
                     tax_rate_bp=int(product.rate * 10000))
        shop.stock(product.sku, 500)
    add_channel(db, kind="shopify", name="Tienda", code=CHANNEL,
                url="https://tienda.myshopify.com", actor=ACTOR)
    return shop


@pytest.fixture
def factory(shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> Iterator[object]:
    def build(_channel: object) -> Connector:
        return create_connector(ChannelConfig("Tienda", "shopify", shopify_shop.url,
                                              SHOPIFY_TOKEN), sleep=sleeps, clock=sleeps.clock)
    yield build


def node(shop: ShopifySimulator, demo: DemoOrder) -> ChannelOrder:
    shop.add_orders([demo])
    return parse_order(shop._rendered[demo.order_id])


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_full_pull_creates_paid_allocated_orders_with_customers(
        store: Shop, shopify_shop: ShopifySimulator, factory: object) -> None:
    demos = generate_orders(30)
    shopify_shop.add_orders(demos)
    report = pull_orders(store.db, CHANNEL, factory=factory)  # type: ignore[arg-type]
    assert report.status == "ok", report.error
    assert report.counts["created"] == 30
    with store.db.read() as s:
        orders = {o.external_id: o for o in s.scalars(select(Order))}
        first = orders[f"gid://shopify/Order/{demos[0].order_id}"]
        assert first.customer_name == demos[0].name
        assert first.ship_city == demos[0].city
        # Shipping is a line of the channel's shipping service product: the total is the shop's.
        assert [ln.sku for ln in first.lines] == [ln.sku for ln in demos[0].lines] + ["SHIP-TIENDA"]
        assert first.total == int(demos[0].total * 100)
        expected = OrderStatus.ALLOCATED if demos[0].paid else OrderStatus.NEW
        assert first.status == expected
        assert "shipping 495 EUR" in first.notes
        link = s.get(ChannelOrderLink, first.id)
        assert link is not None and link.external_updated_at == demos[0].updated
        assert link.line_ids[0] == f"gid://shopify/LineItem/{demos[0].lines[0].line_id}"
        state = s.get(ChannelSyncState, link.channel_id)
        assert state is not None and state.cursor == report.cursor
        assert state.last_success_at is not None
        run = s.scalars(select(SyncRun)).one()
        assert (run.status, run.fetched, run.created) == ("ok", 30, 30)


def test_the_same_page_twice_changes_nothing(store: Shop, shopify_shop: ShopifySimulator) -> None:
    demos = generate_orders(8)
    shopify_shop.add_orders(demos)
    page = [parse_order(shopify_shop._rendered[d.order_id]) for d in demos]
    first = import_orders(store.db, CHANNEL, page, actor=ACTOR)
    before = store.snapshot()
    audits = count(store.db, AuditEntry)
    second = import_orders(store.db, CHANNEL, page, actor=ACTOR)
    assert first.created == 8
    assert (second.created, second.unchanged, second.updated) == (0, 8, 0)
    assert store.snapshot() == before
    assert count(store.db, AuditEntry) == audits


def test_customers_are_matched_by_email_phone_or_tax_id(store: Shop,
                                                         shopify_shop: ShopifySimulator) -> None:
    base = generate_orders(1)[0]
    twin = DemoOrder(**{**base.__dict__, "order_id": base.order_id + 1, "number": base.number + 1,
                        "email": "otra@correo.example"})
    import_orders(store.db, CHANNEL, [node(shopify_shop, base), node(shopify_shop, twin)],
                  actor=ACTOR)
    with store.db.read() as s:
        customers = list(s.scalars(select(Customer)))
    # Same tax id and phone, another e-mail: one customer.
    assert len(customers) == 1
    assert customers[0].tax_id == base.tax_id
    assert customers[0].phone == base.phone.replace(" ", "")


def test_an_older_version_never_overwrites_a_newer_one(store: Shop,
                                                      shopify_shop: ShopifySimulator) -> None:
    demo = generate_orders(1)[0]
    newer = later(demo, seconds=600, street="Calle Nueva, 1")
    import_orders(store.db, CHANNEL, [node(shopify_shop, newer)], actor=ACTOR)
    result = import_orders(store.db, CHANNEL, [node(shopify_shop, demo)], actor=ACTOR)
    assert result.unchanged == 1
    with store.db.read() as s:
        order = s.scalars(select(Order)).one()
        assert order.ship_line1 == "Calle Nueva, 1"
        assert order.external_updated_at == newer.updated


def test_an_address_change_is_applied_while_not_shipped(store: Shop,
                                                        shopify_shop: ShopifySimulator) -> None:
    demo = generate_orders(1)[0]
    import_orders(store.db, CHANNEL, [node(shopify_shop, demo)], actor=ACTOR)
    moved = later(demo, street="Calle de Alcalá, 7", postcode="28014", city="Madrid")
    result = import_orders(store.db, CHANNEL, [node(shopify_shop, moved)], actor=ACTOR)
    assert result.updated == 1
    with store.db.read() as s:
        order = s.scalars(select(Order)).one()
        assert (order.ship_line1, order.ship_postcode) == ("Calle de Alcalá, 7", "28014")
    assert any(a.action == "address" and "Alcalá" in a.reason for a in store.audit(order.reference))


def test_a_cancellation_is_applied_while_not_shipped(store: Shop,
                                                     shopify_shop: ShopifySimulator) -> None:
    demo = generate_orders(1)[0]
    import_orders(store.db, CHANNEL, [node(shopify_shop, demo)], actor=ACTOR)
    with store.db.read() as s:
        ref = s.scalars(select(Order.reference)).one()
    result = import_orders(store.db, CHANNEL, [node(shopify_shop, later(demo, cancelled=True))],
                           actor=ACTOR)
    assert result.updated == 1
    assert store.status(ref) == OrderStatus.CANCELLED
    assert store.level(demo.lines[0].sku) == (500, 0)  # the reservation went back


def test_a_cancellation_after_shipping_is_flagged_for_a_person(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    demo = generate_orders(1)[0]
    import_orders(store.db, CHANNEL, [node(shopify_shop, demo)], actor=ACTOR)
    with store.db.read() as s:
        ref = s.scalars(select(Order.reference)).one()
    from omsdesk.services.fulfilment.allocation import allocate_order
    from omsdesk.services.fulfilment.orders import pack_order, pay_order, pick_order
    if store.status(ref) == "new":
        pay_order(store.db, ref, actor=ACTOR)
        allocate_order(store.db, ref, actor=ACTOR)
    pick_order(store.db, ref, actor=ACTOR)
    pack_order(store.db, ref, actor=ACTOR)
    ship_order(store.db, ref, actor=ACTOR, carrier="SEUR", tracking="SE1")
    result = import_orders(store.db, CHANNEL, [node(shopify_shop, later(demo, cancelled=True))],
                           actor=ACTOR)
    assert result.quarantined == 1
    assert store.status(ref) == OrderStatus.SHIPPED
    with store.db.read() as s:
        flag = s.scalars(select(QuarantinedOrder)).one()
    assert flag.kind == "conflict" and ref in flag.reason and "after it shipped" in flag.reason


def test_unknown_sku_is_quarantined_and_the_rest_imported_then_reimported(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    demos = generate_orders(5)
    shopify_shop.add_orders(demos)
    shopify_shop._rendered[demos[2].order_id]["lineItems"]["nodes"][0]["sku"] = "SHOP-ONLY-9"
    page = [parse_order(shopify_shop._rendered[d.order_id]) for d in demos]
    result = import_orders(store.db, CHANNEL, page, actor=ACTOR)
    assert (result.created, result.quarantined) == (4, 1)
    with store.db.read() as s:
        entry = s.scalars(select(QuarantinedOrder)).one()
    assert entry.kind == "unmapped" and "SHOP-ONLY-9" in entry.reason
    assert entry.raw["id"] == f"gid://shopify/Order/{demos[2].order_id}"
    map_channel_sku(store.db, CHANNEL, "SHOP-ONLY-9", demos[2].lines[0].sku, actor=ACTOR)
    again = reimport_quarantined(store.db, CHANNEL, actor=ACTOR)
    assert again.created == 1
    with store.db.read() as s:
        entry = s.scalars(select(QuarantinedOrder)).one()
        assert entry.status == "resolved" and entry.order_id is not None
        assert s.scalar(select(func.count()).select_from(Order)) == 5


def test_an_invalid_tax_id_does_not_hold_the_order_back(store: Shop,
                                                        shopify_shop: ShopifySimulator) -> None:
    demo = DemoOrder(**{**generate_orders(1)[0].__dict__, "tax_id": "12345678A"})
    result = import_orders(store.db, CHANNEL, [node(shopify_shop, demo)], actor=ACTOR)
    assert result.created == 1
    with store.db.read() as s:
        order = s.scalars(select(Order)).one()
        assert "not valid" in order.notes
        assert s.scalars(select(Customer.tax_id)).one() is None


def test_a_partly_paid_order_records_the_part(store: Shop, shopify_shop: ShopifySimulator) -> None:
    demo = generate_orders(1)[0]
    shopify_shop.add_orders([demo])
    raw = shopify_shop._rendered[demo.order_id]
    raw["displayFinancialStatus"] = "PARTIALLY_PAID"
    raw["totalOutstandingSet"]["shopMoney"]["amount"] = f"{demo.total - 10:.2f}"
    import_orders(store.db, CHANNEL, [parse_order(raw)], actor=ACTOR)
    with store.db.read() as s:
        order = s.scalars(select(Order)).one()
        assert order.status == OrderStatus.NEW
        assert s.scalars(select(Payment.amount)).one() == 1000


def test_an_order_cancelled_on_shopify_before_the_first_sync_comes_in_cancelled(
        store: Shop, shopify_shop: ShopifySimulator, factory: object) -> None:
    # The review's F2: it came in as a live `new` order (allocated once paid).
    demos = generate_orders(3)
    gone = demos[1].touched(demos[1].updated, cancelled=True, paid=True)
    shopify_shop.add_orders([demos[0], gone, demos[2]])
    report = pull_orders(store.db, CHANNEL, factory=factory)  # type: ignore[arg-type]
    assert report.status == "ok", report.error
    assert report.counts["created"] == 3
    with store.db.read() as s:
        orders = {o.external_id: o for o in s.scalars(select(Order))}
        cancelled = orders[f"gid://shopify/Order/{gone.order_id}"]
        assert cancelled.status == OrderStatus.CANCELLED
        assert cancelled.paid_amount == 0  # settled on the shop: nothing owed back here
        assert all(ln.qty_reserved == 0 for ln in cancelled.lines)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == cancelled.id,
                                                   AuditEntry.to_status == "cancelled")).one()
        assert audit.reason == f"cancelled on {CHANNEL} before it was imported"
        assert s.get(ChannelOrderLink, cancelled.id) is not None
        others = [orders[f"gid://shopify/Order/{d.order_id}"] for d in (demos[0], demos[2])]
        assert all(o.status != OrderStatus.CANCELLED for o in others)
    again = pull_orders(store.db, CHANNEL, factory=factory)  # type: ignore[arg-type]
    assert again.counts.get("created", 0) == 0 and again.counts.get("updated", 0) == 0


def test_a_run_that_died_before_cancelling_a_new_import_cancels_it_next_time(
        store: Shop, shopify_shop: ShopifySimulator, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = generate_orders(1)[0]
    gone = node(shopify_shop, demo.touched(demo.updated, cancelled=True))

    def die(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # the process stops between creating and cancelling

    monkeypatch.setattr("omsdesk.sync.importer._cancel_as_on_shop", die)
    with pytest.raises(KeyboardInterrupt):
        import_orders(store.db, CHANNEL, [gone], actor=ACTOR)
    with store.db.read() as s:
        ref, status = s.execute(select(Order.reference, Order.status)).one()
    assert status == OrderStatus.NEW
    monkeypatch.undo()
    result = import_orders(store.db, CHANNEL, [gone], actor=ACTOR)
    assert result.updated == 1
    assert store.status(ref) == OrderStatus.CANCELLED
    with store.db.read() as s:
        assert s.get(ChannelOrderLink, s.scalars(select(Order.id)).one()) is not None
