"""The background scheduler: per-channel jobs, listener events, one sync process per database."""

from __future__ import annotations

import threading
import time

import pytest

from omsdesk.db import Database
from omsdesk.services.channels.channels import add_channel, recent_runs
from omsdesk.sync.connector import ChannelConfig, Connector
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.lock import SyncBusy, SyncLock
from omsdesk.sync.registry import create_connector
from omsdesk.sync.scheduler import JobIntervals, SyncEvent, SyncScheduler, report_dict
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import SHOPIFY_TOKEN

FAST = JobIntervals(pull_orders=0.3, push_stock=0.3, drain_outbox=0.3, jitter=0.05,
                    lock_retry=0.2)


@pytest.fixture
def store(sqlite_db: Database) -> Shop:
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE[:4]:
        shop.product(product.sku, price=int(product.price * 100))
        shop.stock(product.sku, 100)
    add_channel(sqlite_db, kind="shopify", name="Tienda", code="tienda",
                url="https://tienda.myshopify.com", actor=ACTOR)
    return shop


def factory_for(shop: ShopifySimulator) -> object:
    def build(_channel: object) -> Connector:
        return create_connector(ChannelConfig("Tienda", "shopify", shop.url, SHOPIFY_TOKEN))
    return build


def wait_for(condition: object, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_jobs_run_per_channel_and_listeners_hear_every_run(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    shopify_shop.add_orders(generate_orders(3, lines_per_order=1))
    scheduler = SyncScheduler(store.db, factory=factory_for(shopify_shop),  # type: ignore[arg-type]
                              intervals=FAST)
    events: list[SyncEvent] = []
    lock = threading.Lock()

    def listen(event: SyncEvent) -> None:
        with lock:
            events.append(event)

    scheduler.add_listener(listen)
    assert scheduler.start() is True
    try:
        def seen_all() -> bool:
            with lock:
                return {(e.channel, e.job) for e in events if e.kind == "run"} >= {
                    ("tienda", "pull_orders"), ("tienda", "push_stock"),
                    ("tienda", "drain_outbox")}
        assert wait_for(seen_all)
    finally:
        scheduler.shutdown()
    assert events[0].kind == "started" and events[-1].kind == "stopped"
    pulls = [e for e in events if e.job == "pull_orders"]
    assert report_dict(pulls[0].report)["counts"]["fetched"] >= 1
    jobs = {run.job for run in recent_runs(store.db, "tienda")}
    assert jobs == {"pull_orders", "push_stock", "drain_outbox"}
    # max_instances=1 and coalescing: runs of one job never overlap.
    starts = sorted((r.started_at, r.finished_at) for r in recent_runs(store.db, "tienda")
                    if r.job == "pull_orders")
    for (_s1, f1), (s2, _f2) in zip(starts, starts[1:], strict=False):
        assert f1 is not None and f1 <= s2


def test_a_second_process_waits_in_standby_until_the_first_stops(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    first = SyncScheduler(store.db, factory=factory_for(shopify_shop),  # type: ignore[arg-type]
                          intervals=FAST)
    second = SyncScheduler(Database(store.db.url),
                           factory=factory_for(shopify_shop),  # type: ignore[arg-type]
                           intervals=FAST)
    heard: list[str] = []
    second.add_listener(lambda e: heard.append(e.kind))
    assert first.start() is True
    try:
        assert second.start() is False
        assert heard == ["standby"]
        with pytest.raises(SyncBusy):
            second.run_once("tienda")
        first.shutdown()
        assert wait_for(lambda: "started" in heard)
        assert second.active
    finally:
        first.shutdown()
        second.shutdown()


def test_run_once_runs_every_job_and_releases_the_lock(
        store: Shop, shopify_shop: ShopifySimulator) -> None:
    shopify_shop.add_orders(generate_orders(2, lines_per_order=1))
    scheduler = SyncScheduler(store.db, factory=factory_for(shopify_shop))  # type: ignore[arg-type]
    reports = scheduler.run_once()
    assert [(r.channel, r.job) for r in reports] == [
        ("tienda", "pull_orders"), ("tienda", "push_stock"), ("tienda", "drain_outbox")]
    lock = SyncLock(store.db)
    assert lock.acquire() is True
    lock.release()


def test_the_lock_is_exclusive_between_connections(db: Database) -> None:
    """On PostgreSQL an advisory lock, on SQLite a lock file: one holder at a time."""
    first, second = SyncLock(db), SyncLock(Database(db.url))
    assert first.acquire() is True
    try:
        assert second.acquire() is False
    finally:
        first.release()
    assert second.acquire() is True
    second.release()
