"""After a full sync (with failures and retries) the shop secrets appear in no file we wrote."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.fulfilment.orders import pack_order, pay_order, pick_order
from omsdesk.services.fulfilment.shipping import ship_order
from omsdesk.sync.demo_data import CATALOGUE, generate_orders
from omsdesk.sync.engine import default_factory, pull_orders
from omsdesk.sync.http import RetryPolicy
from omsdesk.sync.outbox import OutboxDispatcher
from omsdesk.sync.redaction import install_log_redaction
from omsdesk.sync.secrets import store_secret
from omsdesk.sync.shopify_simulator import ShopifySimulator
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.marketplaces import (
    SHOPIFY_TOKEN,
    WOO_KEY,
    WOO_SECRET,
    SleepRecorder,
    WooSimulator,
)


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """Everything logged at DEBUG, urllib3 included, into a file as the daemon would."""
    install_log_redaction()
    path = tmp_path / "sync.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def files_written_since(start: float, *roots: Path) -> Iterator[Path]:
    for root in roots:
        for folder, dirs, names in os.walk(root, onerror=lambda _e: None):
            dirs[:] = [d for d in dirs if not d.startswith(("systemd-", ".X11"))]
            for name in names:
                path = Path(folder) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                if st.st_mtime >= start and st.st_size < 50_000_000 and path.is_file():
                    yield path


def test_a_full_sync_leaves_the_tokens_nowhere(
        sqlite_db: Database, shopify_shop: ShopifySimulator, woo_shop: WooSimulator,
        sleeps: SleepRecorder, debug_log: Path, tmp_path: Path) -> None:
    start = time.time() - 1
    shop = Shop(sqlite_db)
    shop.warehouses(("MAD",))
    for product in CATALOGUE:
        shop.product(product.sku, price=int(product.price * 100),
                     tax_rate_bp=int(product.rate * 10000))
        shop.stock(product.sku, 200)
    add_channel(sqlite_db, kind="shopify", name="Tienda", code="tienda", url=shopify_shop.url,
                actor=ACTOR)
    add_channel(sqlite_db, kind="woocommerce", name="Web", code="web", url=woo_shop.url,
                actor=ACTOR, settings={"auth": "query"})  # secret in the query string
    store_secret("tienda", SHOPIFY_TOKEN)
    store_secret("web", f"{WOO_KEY}:{WOO_SECRET}")
    orders = generate_orders(6)
    shopify_shop.add_orders(orders[:3])
    woo_shop.add_orders(orders[3:])
    shopify_shop.fail(500, times=1)
    woo_shop.fail(429, retry_after="1", times=1)
    factory = default_factory(sleep=sleeps, clock=sleeps.clock, retry=RetryPolicy(attempts=3))
    assert pull_orders(sqlite_db, "tienda", factory=factory).status == "ok"
    assert pull_orders(sqlite_db, "web", factory=factory).status == "ok"
    with sqlite_db.read() as s:
        refs = list(s.scalars(select(Order.reference).order_by(Order.id)))
    for ref in refs[:2] + refs[3:5]:
        if shop.status(ref) == "new":
            pay_order(sqlite_db, ref, actor=ACTOR)
            allocate_order(sqlite_db, ref, actor=ACTOR)
        pick_order(sqlite_db, ref, actor=ACTOR)
        pack_order(sqlite_db, ref, actor=ACTOR)
        ship_order(sqlite_db, ref, actor=ACTOR, carrier="Correos", tracking=f"PK{ref[-4:]}")
    out = OutboxDispatcher(sqlite_db, factory)
    for code in ("tienda", "web"):
        out.push_stock(code)
        assert out.drain(code).delivered == 2
    # A wrong secret on the way: its failure is recorded, not the secret.
    woo_shop.secret = "cs_rotated_0000000000000000000000"
    assert pull_orders(sqlite_db, "web", factory=factory).health == "auth"
    sqlite_db.dispose()

    assert debug_log.stat().st_size > 0
    log_text = debug_log.read_text(encoding="utf-8")
    assert "consumer_secret=***" in log_text  # urllib3 logged the query, masked
    secrets = [SHOPIFY_TOKEN, WOO_KEY, WOO_SECRET]
    roots = {tmp_path, Path(tempfile.gettempdir())}
    checked = 0
    for path in files_written_since(start, *roots):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        checked += 1
        for secret in secrets:
            assert secret.encode() not in data, f"{secret[:6]}... found in {path}"
    assert checked >= 2  # at least the database and the log
