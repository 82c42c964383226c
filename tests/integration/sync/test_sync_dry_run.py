"""`sync --once --dry-run`: per order what the import would do, with nothing kept (SQLite, PostgreSQL).

The decisions are the importer's own (it runs in a rehearsal that is rolled back), so the real
run that follows must make exactly the same ones.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.models import AuditEntry, Customer, Order, OutboxMessage
from omsdesk.models.sync_state import (
    ChannelOrderLink,
    ChannelSyncState,
    QuarantinedOrder,
    SyncRun,
)
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.channels.shop_mapping import set_cancelled_on_arrival
from omsdesk.sync.connector import ChannelConfig, Connector
from omsdesk.sync.demo_data import CATALOGUE, DemoLine, DemoOrder, generate_orders
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.order_preview import preview_orders
from omsdesk.sync.registry import create_connector
from omsdesk.sync.secrets import store_secret
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.conftest import MemoryKeyring
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import SHOPIFY_TOKEN, SleepRecorder, later

CHANNEL = "tienda"
TABLES = (Order, ChannelOrderLink, QuarantinedOrder, SyncRun, OutboxMessage, AuditEntry, Customer)


@pytest.fixture
def store(db: Database) -> Shop:
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
def factory(shopify_shop: ShopifySimulator, sleeps: SleepRecorder) -> Callable[[object], Connector]:
    def build(_channel: object) -> Connector:
        return create_connector(ChannelConfig("Tienda", "shopify", shopify_shop.url,
                                              SHOPIFY_TOKEN), sleep=sleeps, clock=sleeps.clock)
    return build


def rows(db: Database) -> dict[str, int]:
    with db.read() as s:
        found = {m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
                 for m in TABLES}
        found["orders"] = hash(tuple(s.execute(select(
            Order.reference, Order.status, Order.ship_line1, Order.paid_amount)
            .order_by(Order.reference)).all()))
        state = s.scalars(select(ChannelSyncState)).first()
        found["cursor"] = hash(state.cursor) if state else 0
        return found


def shop_changes(shop: ShopifySimulator, demos: list[DemoOrder]) -> dict[str, str]:
    """After a first import: a move, a line change, two new orders (one cancelled), one bad SKU."""
    moved = later(demos[0], street="Calle de Alcalá, 7", postcode="28014", city="Madrid")
    first = demos[1].lines[0]
    edited = later(demos[1], lines=(DemoLine(first.line_id, first.sku, first.title,
                                             first.quantity + 2, first.unit_price, first.rate),
                                    *demos[1].lines[1:]))
    fresh = generate_orders(9)[6:]
    fresh = [later(d, 7200) for d in fresh]
    cancelled = later(fresh[1], 60, cancelled=True)
    shop.add_orders([moved, edited, fresh[0], cancelled, fresh[2]])
    shop._rendered[fresh[2].order_id]["lineItems"]["nodes"][0]["sku"] = "SHOP-ONLY-9"
    gid = "gid://shopify/Order/{}".format
    return {gid(moved.order_id): "update", gid(edited.order_id): "conflict",
            gid(fresh[0].order_id): "create", gid(cancelled.order_id): "create",
            gid(fresh[2].order_id): "quarantine"}


def test_a_dry_run_writes_nothing_and_foretells_the_real_run(
        store: Shop, shopify_shop: ShopifySimulator, factory: Callable[[object], Connector]) -> None:
    demos = generate_orders(6)
    shopify_shop.add_orders(demos)
    assert pull_orders(store.db, CHANNEL, factory=factory).status == "ok"
    expected = shop_changes(shopify_shop, demos)
    before = rows(store.db)
    preview = preview_orders(store.db, CHANNEL, factory=factory)
    assert rows(store.db) == before
    decided = {d.external_id: d for d in preview.decisions}
    assert {ext: decided[ext].action for ext in expected} == expected
    assert "SHOP-ONLY-9" in decided[next(e for e, a in expected.items()
                                         if a == "quarantine")].detail
    conflict = decided[next(e for e, a in expected.items() if a == "conflict")]
    assert "lines changed" in conflict.detail
    update = decided[next(e for e, a in expected.items() if a == "update")]
    assert "Alcalá" in update.detail
    # Orders fetched again by the look-back but not changed are unchanged.
    assert {d.action for d in preview.decisions if d.external_id not in expected} <= {"unchanged"}
    # The real run then does what the dry run said, counts included.
    real = pull_orders(store.db, CHANNEL, factory=factory)
    assert real.counts == preview.report.counts
    assert real.cursor == preview.report.cursor
    with store.db.read() as s:
        linked = set(s.scalars(select(ChannelOrderLink.external_id)))
        flagged = {q.external_id: q.kind for q in s.scalars(select(QuarantinedOrder))}
        moved = s.scalars(select(Order).where(Order.external_id == update.external_id)).one()
    for ext, action in expected.items():
        if action == "create":
            assert ext in linked
        if action == "quarantine":
            assert flagged.get(ext) == "unmapped" and ext not in linked
        if action == "conflict":
            assert flagged.get(ext) == "conflict"
    assert moved.ship_line1 == "Calle de Alcalá, 7"


def test_a_channel_that_skips_orders_cancelled_on_arrival_says_so(
        store: Shop, shopify_shop: ShopifySimulator, factory: Callable[[object], Connector]) -> None:
    set_cancelled_on_arrival(store.db, CHANNEL, "skip", actor=ACTOR)
    demo = later(generate_orders(1)[0], cancelled=True)
    shopify_shop.add_orders([demo])
    before = rows(store.db)
    preview = preview_orders(store.db, CHANNEL, factory=factory)
    assert rows(store.db) == before
    [decision] = preview.decisions
    assert decision.action == "skip" and "cancelled" in decision.detail
    real = pull_orders(store.db, CHANNEL, factory=factory)
    assert real.counts == preview.report.counts
    with store.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order).where(
            Order.external_id == decision.external_id)) == 0


def test_cli_sync_once_dry_run_prints_the_decisions_as_json(
        store: Shop, shopify_shop: ShopifySimulator, memory_keyring: MemoryKeyring,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    add_channel(store.db, kind="shopify", name="Local", code="local", url=shopify_shop.url,
                actor=ACTOR)
    store_secret("local", SHOPIFY_TOKEN)
    shopify_shop.add_orders(generate_orders(3))
    before = rows(store.db)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["--db", store.db.url, "sync", "--once", "--dry-run", "--channel", "local",
                 "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    [report] = json.loads(out.out)
    assert report["dry_run"] is True and report["counts"]["created"] == 3
    assert [o["action"] for o in report["orders"]] == ["create"] * 3
    assert rows(store.db) == before


def test_the_rehearsal_connector_built_from_a_config_fetches_nothing_and_sends_nothing() -> None:
    import pytest as _pytest

    from omsdesk.sync.connector import ChannelConfig
    from omsdesk.sync.order_preview import _Replay

    replay = _Replay.from_config(ChannelConfig("t", "shopify", "https://t.myshopify.com",
                                               "shpat_0000000000000000000000000000", {}))
    try:
        assert list(replay.pull_orders(None)) == []
        with _pytest.raises(AssertionError, match="sends nothing"):
            replay.push_stock([])
    finally:
        replay.close()
