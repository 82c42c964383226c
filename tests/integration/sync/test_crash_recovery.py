"""A sync process SIGKILLed in the middle of an import or an outbox drain, then restarted:
no duplicate, nothing lost."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import Order, OutboxMessage
from omsdesk.models.base import utcnow
from omsdesk.models.sync_state import ChannelOrderLink
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.fulfilment.orders import pack_order, pick_order
from omsdesk.services.fulfilment.shipping import ship_order
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop, ledger_problems
from tests.fixtures.marketplaces import SHOPIFY_TOKEN

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[3]

# The sync process. Modes ending in "-crash" kill themselves with SIGKILL at the worst
# moment: after the shop or the database did the work, before the bookkeeping that says so.
CHILD = r"""
import json, os, signal, sys
from omsdesk.db import Database
from omsdesk.sync.connector import ChannelConfig
from omsdesk.sync.engine import pull_orders
from omsdesk.sync.outbox import OutboxDispatcher
from omsdesk.sync.registry import create_connector

mode, url, shop_url = sys.argv[1:4]
db = Database(url)
config = ChannelConfig("Tienda", "shopify", shop_url, os.environ["SHOP_TOKEN"])
factory = lambda _channel: create_connector(config)

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if mode == "import-crash":
    import omsdesk.sync.importer as importer
    real_link, calls = importer.link_created_in, []
    def link_then_die(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # inside the transaction creating a second batch's orders
            die()
        return real_link(*args, **kwargs)
    importer.link_created_in = link_then_die
if mode == "import-cancelled-crash":
    import omsdesk.sync.importer as importer
    real_cancel, calls = importer._cancel_as_on_shop, []
    def cancel_then_die(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # orders the shop cancelled are created; not cancelled nor linked yet
            die()
        return real_cancel(*args, **kwargs)
    importer._cancel_as_on_shop = cancel_then_die
if mode == "once-crash":
    real_settle, settled = OutboxDispatcher._settle, []
    def settle_twice_then_die(self, ids, status, note=""):
        if status == "delivered":
            settled.append(ids)
            if len(settled) == 2:  # the shop took a second shipment; our record does not say so
                die()
        return real_settle(self, ids, status, note)
    OutboxDispatcher._settle = settle_twice_then_die
if mode.startswith("once"):
    from omsdesk.sync.scheduler import SyncScheduler
    reports = SyncScheduler(db, factory=factory).run_once("tienda")
    print(json.dumps({r.job: getattr(r, "delivered", None) for r in reports}))
if mode in ("drain-crash", "stock-crash"):
    real_settle = OutboxDispatcher._settle
    def settle_or_die(self, ids, status, note=""):
        if status == "delivered":  # the shop has it; our record does not
            die()
        return real_settle(self, ids, status, note)
    OutboxDispatcher._settle = settle_or_die
if mode.startswith("import"):
    report = pull_orders(db, "tienda", factory=factory)
    print(json.dumps({"status": report.status, "counts": report.counts}))
elif mode.startswith("drain"):
    print(json.dumps({"delivered": OutboxDispatcher(db, factory).drain("tienda").delivered}))
elif mode.startswith("stock"):
    print(json.dumps({"delivered": OutboxDispatcher(db, factory).push_stock("tienda").delivered}))
"""


def run_child(mode: str, db: Database, shop: ShopifySimulator,
              kill_when: Callable[[], bool] | None = None,
              delay: float = 0.0) -> subprocess.CompletedProcess[str]:
    """Run the sync process; with kill_when, SIGKILL it `delay` s after that turns true."""
    env = {**os.environ, "SHOP_TOKEN": SHOPIFY_TOKEN, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, mode, db.url, shop.url], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_when is not None:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if kill_when():
                time.sleep(delay)
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture
def store(sqlite_db: Database) -> Shop:
    return stocked_shop(sqlite_db)


@pytest.fixture
def any_store(db: Database) -> Shop:
    """The same shop on SQLite and on PostgreSQL."""
    return stocked_shop(db)


def stocked_shop(db: Database) -> Shop:
    shop = Shop(db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.product(product.sku, price=int(product.price * 100),
                     tax_rate_bp=int(product.rate * 10000))
        shop.stock(product.sku, 10_000)
    add_channel(db, kind="shopify", name="Tienda", code="tienda",
                url="https://tienda.myshopify.com", actor=ACTOR)
    return shop


def order_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def assert_imported_once(db: Database, expected: int) -> None:
    with db.read() as s:
        orders = s.scalar(select(func.count()).select_from(Order)) or 0
        distinct = s.scalar(select(func.count(func.distinct(Order.external_id)))) or 0
        links = s.scalar(select(func.count()).select_from(ChannelOrderLink)) or 0
    assert (orders, distinct, links) == (expected, expected, expected)
    assert ledger_problems(db) == []


def test_killed_while_linking_leaves_no_order_without_its_link(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    shopify_shop.add_orders(generate_orders(600))
    crashed = run_child("import-crash", store.db, shopify_shop)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    with store.db.read() as s:
        orders = s.scalar(select(func.count()).select_from(Order)) or 0
        links = s.scalar(select(func.count()).select_from(ChannelOrderLink)) or 0
    # Orders and their links are written in one transaction: the batch being linked when the
    # process died is gone whole, the one before is there whole.
    assert 0 < links == orders < 600
    done = run_child("import", store.db, shopify_shop)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "ok"
    assert_imported_once(store.db, 600)


def test_killed_between_creating_shop_cancelled_orders_and_linking_them(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    shopify_shop.add_orders([dataclasses.replace(o, cancelled=True) for o in generate_orders(60)])
    crashed = run_child("import-cancelled-crash", store.db, shopify_shop)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    with store.db.read() as s:
        orders = s.scalar(select(func.count()).select_from(Order)) or 0
        links = s.scalar(select(func.count()).select_from(ChannelOrderLink)) or 0
    # A first page's orders created, one of them cancelled, none linked: an order the shop
    # cancelled is linked only after it is cancelled here.
    assert orders > 0 and links == 0
    done = run_child("import", store.db, shopify_shop)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "ok"
    assert_imported_once(store.db, 60)
    with store.db.read() as s:
        statuses = set(s.scalars(select(Order.status)))
    assert statuses == {"cancelled"}  # repaired: cancelled as on the shop, then linked


def test_killed_at_random_moments_of_an_import(store: Shop,
                                               shopify_shop: ShopifySimulator) -> None:
    shopify_shop.add_orders(generate_orders(1500))
    rng = random.Random(6)
    kills = 0
    for _ in range(3):
        before = order_count(store.db)
        # Killed at a random moment once this run has stored something of its own.
        result = run_child("import", store.db, shopify_shop,
                           kill_when=lambda before=before: order_count(store.db) > before,
                           delay=rng.uniform(0.0, 0.3))
        kills += result.returncode == -signal.SIGKILL
    assert kills >= 2  # runs died mid-way
    final = run_child("import", store.db, shopify_shop)
    assert final.returncode == 0, final.stderr
    assert_imported_once(store.db, 1500)


def test_killed_after_the_shop_took_a_shipment_before_we_recorded_it(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    demo = generate_orders(1)[0]
    shopify_shop.add_orders([demo])
    assert run_child("import", store.db, shopify_shop).returncode == 0
    with store.db.read() as s:
        ref = s.scalars(select(Order.reference)).one()
    if store.status(ref) != "allocated":
        pytest.skip("the sample order is unpaid")  # generate_orders(1) is paid with seed 7
    pick_order(store.db, ref, actor=ACTOR)
    pack_order(store.db, ref, actor=ACTOR)
    ship_order(store.db, ref, actor=ACTOR, carrier="Correos", tracking="PK-CRASH-1")
    crashed = run_child("drain-crash", store.db, shopify_shop)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    assert len(shopify_shop.fulfillments[demo.order_id]) == 1
    with store.db.read() as s:
        msg = s.scalars(select(OutboxMessage).where(
            OutboxMessage.topic == "fulfillment.push")).one()
        assert msg.status == "sending"
        # The lease of the dead process runs out (here: made to have run out).
        msg_id = msg.id
    with store.db.write() as s:
        s.get(OutboxMessage, msg_id).next_attempt_at = s.get(  # type: ignore[union-attr]
            OutboxMessage, msg_id).created_at  # type: ignore[union-attr]
    done = run_child("drain", store.db, shopify_shop)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["delivered"] == 1
    assert len(shopify_shop.fulfillments[demo.order_id]) == 1  # not twice
    with store.db.read() as s:
        assert s.get(OutboxMessage, msg_id).status == "delivered"  # type: ignore[union-attr]


def test_killed_after_a_stock_push_is_pushed_again_harmlessly(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    from omsdesk.services.ledger.stock import adjust_stock

    sku = CATALOGUE[3].sku
    adjust_stock(store.db, sku, -9_990, "MAD", reason="recuento", actor=ACTOR)
    crashed = run_child("stock-crash", store.db, shopify_shop)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    assert shopify_shop.inventory[sku] == 10
    shopify_shop.inventory[sku] = 7  # sold on the shop meanwhile
    with store.db.write() as s:
        for msg in s.scalars(select(OutboxMessage).where(OutboxMessage.status == "sending")):
            msg.next_attempt_at = msg.created_at
    time.sleep(0.01)
    done = run_child("stock", store.db, shopify_shop)
    assert done.returncode == 0, done.stderr
    # Same key and value: Shopify recognises the retry and does not apply it a second time.
    assert shopify_shop.inventory[sku] == 7
    with store.db.read() as s:
        assert not list(s.scalars(select(OutboxMessage).where(
            OutboxMessage.status.in_(("pending", "sending")))))


def test_claims_left_by_kills_are_retried_by_the_next_run_not_after_the_lease(
        any_store: Shop, shopify_shop: ShopifySimulator) -> None:
    store = any_store
    demos = [d for d in generate_orders(8) if d.paid][:5]
    shopify_shop.add_orders(demos)
    assert run_child("import", store.db, shopify_shop).returncode == 0
    with store.db.read() as s:
        refs = list(s.scalars(select(Order.reference).where(Order.status == "allocated")))
    assert len(refs) >= 4
    for n, ref in enumerate(refs):
        pick_order(store.db, ref, actor=ACTOR)
        pack_order(store.db, ref, actor=ACTOR)
        ship_order(store.db, ref, actor=ACTOR, carrier="Correos", tracking=f"PK-KILL-{n}")
    left: list[int] = []
    for _ in range(3):  # kill -9 while delivering, three times
        crashed = run_child("once-crash", store.db, shopify_shop)
        assert crashed.returncode == -signal.SIGKILL, crashed.stderr
        with store.db.read() as s:
            sending = list(s.scalars(select(OutboxMessage).where(
                OutboxMessage.status == "sending")))
            # The claim left by the kill before this one went out in this run, not 5 min later.
            assert all(s.get(OutboxMessage, i).status == "delivered"  # type: ignore[union-attr]
                       for i in left)
        assert len(sending) == 1 and sending[0].next_attempt_at > utcnow()  # its lease runs on
        left = [sending[0].id]
    started = time.monotonic()
    done = run_child("once", store.db, shopify_shop)
    recovered_in = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert recovered_in < 30  # within one drain interval (30 s), not the 5-minute lease
    with store.db.read() as s:
        statuses = [m.status for m in s.scalars(select(OutboxMessage).where(
            OutboxMessage.topic == "fulfillment.push"))]
    assert statuses == ["delivered"] * len(refs)
    # Exactly once at the shop, however many times a claim was retried.
    assert sorted(len(f) for f in shopify_shop.fulfillments.values()) == [1] * len(refs)
