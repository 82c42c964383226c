"""`omsdesk channels add --type amazon` and `omsdesk sync --once` against the local SP-API server.

The server (omsdesk/sync/amazon_simulator.py) follows the Orders API 2026-01-01, Login with
Amazon, Orders v0 confirmShipment and Listings Items 2021-08-01 documentation it quotes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from omsdesk.cli import main
from omsdesk.db import Database
from omsdesk.models import Channel, Order
from omsdesk.services.channels.channels import active_shop_channels, list_channels
from omsdesk.sync.amazon_simulator import AmazonSimulator
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.secrets import SERVICE
from tests.conftest import MemoryKeyring
from tests.fixtures.amazon import REFRESH_TOKEN, SECRET, SELLER_ID, amazon_server
from tests.fixtures.database import Shop


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Database,
        *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", db.url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def store(sqlite_db: Database) -> Shop:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.product(product.sku, price=int(product.price * 100))
        shop.stock(product.sku, 50)
    return shop


@pytest.fixture
def amazon() -> Iterator[AmazonSimulator]:
    with amazon_server() as server:
        yield server


def add(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, store: Shop,
        shop: AmazonSimulator, secret: str = SECRET) -> tuple[int, str, str]:
    return run(capsys, monkeypatch, store.db, "channels", "add", "--type", "amazon", "--name",
               "Amazon ES", "--url", shop.url, "--option", f"lwa_url={shop.url}/auth/o2/token",
               "--option", f"seller_id={SELLER_ID}", stdin=secret + "\n")


def orders_in(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Order).join(
            Channel, Channel.id == Order.channel_id).where(Channel.code == "amazon-es")) or 0)


def test_add_then_sync_twice_imports_each_amazon_order_once(
        store: Shop, amazon: AmazonSimulator, memory_keyring: MemoryKeyring,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    demo = generate_orders(6, start=datetime.now(UTC) - timedelta(days=1))
    amazon.add_orders(demo)
    code, out, err = add(capsys, monkeypatch, store, amazon)
    assert code == 0, err
    assert memory_keyring.passwords[(SERVICE, "amazon-es")] == SECRET
    with open(store.db.url.removeprefix("sqlite:///"), "rb") as fh:
        assert REFRESH_TOKEN.encode() not in fh.read()

    code, out, err = run(capsys, monkeypatch, store.db, "sync", "--once", "--channel",
                         "amazon-es", "--json")
    assert code == 0, err
    pull = json.loads(out)[0]
    assert (pull["job"], pull["status"]) == ("pull_orders", "ok")
    assert pull["counts"]["created"] == 6 == orders_in(store.db)
    assert REFRESH_TOKEN not in out + err
    first_search = [r for r in amazon.requests if r.path == "/orders/2026-01-01/orders"][0]
    assert first_search.param("createdAfter")  # the first sync asks by creation date

    code, out, err = run(capsys, monkeypatch, store.db, "sync", "--once", "--channel",
                         "amazon-es", "--json")
    assert code == 0, err
    again = json.loads(out)[0]
    assert again["counts"]["created"] == 0 and orders_in(store.db) == 6
    last_search = [r for r in amazon.requests if r.path == "/orders/2026-01-01/orders"][-1]
    assert last_search.param("lastUpdatedAfter")  # then from the cursor

    # Stock reaches Amazon as listings patches for the SKUs the orders moved.
    patched = {unquote(r.path.rsplit("/", 1)[1]) for r in amazon.requests if r.method == "PATCH"}
    assert patched and patched <= {p.sku for p in CATALOGUE}


def test_a_secret_of_the_wrong_shape_is_refused_before_anything_is_saved(
        store: Shop, amazon: AmazonSimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = add(capsys, monkeypatch, store, amazon, secret="Atzr|only-the-refresh-token")
    assert code == 1 and "three parts" in err
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "list")
    assert "amazon-es" not in out


def test_channels_test_of_an_amazon_channel(
        store: Shop, amazon: AmazonSimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert add(capsys, monkeypatch, store, amazon)[0] == 0
    code, out, _ = run(capsys, monkeypatch, store.db, "channels", "test", "amazon-es")
    assert code == 0 and "token exchange works" in out and "connection ok" in out


def test_the_demo_amazon_channel_is_listed_but_never_synced(sqlite_db: Database) -> None:
    from omsdesk.demo.seed import seed_demo

    seed_demo(sqlite_db, orders=40, products=20, customers=20)
    [channel] = [c for c in list_channels(sqlite_db) if c.code == "amazon"]
    assert channel.kind == "amazon" and not channel.active and channel.url == ""
    assert "amazon" not in active_shop_channels(sqlite_db)


def test_a_shipment_made_here_is_confirmed_on_amazon_once(
        store: Shop, amazon: AmazonSimulator, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.queries.order_detail import order_detail
    from omsdesk.services.fulfilment.allocation import allocate_order
    from omsdesk.services.fulfilment.orders import pack_order, pick_order
    from omsdesk.services.fulfilment.shipping import ship_order
    from tests.fixtures.database import ACTOR

    demo = next(o for o in generate_orders(6, start=datetime.now(UTC) - timedelta(days=1))
                if o.paid)
    [order_id] = amazon.add_orders([demo])
    assert add(capsys, monkeypatch, store, amazon)[0] == 0
    assert run(capsys, monkeypatch, store.db, "sync", "--once", "--channel", "amazon-es")[0] == 0
    with store.db.read() as s:
        ref = s.scalars(select(Order.reference).where(Order.external_id == order_id)).one()
    if store.status(ref) in ("paid", "partial"):
        allocate_order(store.db, ref, actor=ACTOR)
    with store.db.read() as s:
        steps = set(order_detail(s, ref).allowed_actions)
    if "pick" in steps:
        pick_order(store.db, ref, actor=ACTOR)
    pack_order(store.db, ref, actor=ACTOR)
    ship_order(store.db, ref, actor=ACTOR, carrier="Correos", tracking="PK000111222ES")
    for _ in range(2):  # the second sync finds nothing left to send
        assert run(capsys, monkeypatch, store.db, "sync", "--once", "--channel",
                   "amazon-es")[0] == 0
    confirms = [r for r in amazon.requests if r.path.endswith("/shipmentConfirmation")]
    assert len(confirms) == 1
    detail = confirms[0].json()["packageDetail"]
    assert (detail["carrierCode"], detail["trackingNumber"]) == ("Correos", "PK000111222ES")
    assert amazon.orders[order_id]["fulfillment"]["fulfillmentStatus"] == "SHIPPED"
