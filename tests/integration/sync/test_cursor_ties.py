"""Orders sharing one modification second across page boundaries, while the shop keeps
changing orders and runs break off mid-way: 0 lost, 0 duplicated (issue 12.3)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omsdesk.db import Database
from omsdesk.models import Order
from omsdesk.models.sync_state import ChannelOrderLink
from omsdesk.services.channels.channels import add_channel
from omsdesk.sync.connector import parse_utc
from omsdesk.sync.engine import pull_orders
from tests.fixtures.database import ACTOR, Shop
from tests.fixtures.woo_fault_shop import EPOCH, FaultyWooShop, PageFault, woo_order
from tests.integration.sync.test_bad_shop_orders import CHANNEL, SKU, factory


@pytest.fixture
def faulty_shop() -> Iterator[FaultyWooShop]:
    with FaultyWooShop(seed=12) as shop:
        assert isinstance(shop, FaultyWooShop)
        yield shop


@pytest.fixture
def store(db: Database) -> Shop:
    shop = Shop(db)
    shop.warehouses(("MAD",))
    shop.product(SKU, price=1210)
    add_channel(db, kind="woocommerce", name="Tienda Woo", code=CHANNEL,
                url="https://tienda.example.es", actor=ACTOR)
    return shop


def test_ties_across_pages_with_churn_and_broken_runs_lose_and_double_nothing(
        store: Shop, faulty_shop: FaultyWooShop) -> None:
    # 240 orders in 3 seconds (80 per second, pages of 10), like a bulk status change.
    count = 240
    faulty_shop.add(*(woo_order(i, EPOCH + timedelta(seconds=i // 80), SKU)
                      for i in range(1, count + 1)))
    served: set[int] = set()

    def churn(listing: int) -> None:
        # Before most listings the shop changes an order: one already read moves to the
        # end (the case that made page numbers skip one), or one not read yet.
        if listing % 3 and served:
            faulty_shop.touch(faulty_shop.rng.choice(sorted(served)))
        served.update(faulty_shop.rng.sample(range(1, count + 1), 5))

    faulty_shop.on_listing.append(churn)
    # Runs broken off mid-way: the connection drops twice in a row (more than the client
    # retries), a 503 twice, a malformed page. Each broken run keeps the cursor it committed.
    for listing in (9, 10):
        faulty_shop.page_faults[listing] = PageFault("drop")
    for listing in (31, 32):
        faulty_shop.page_faults[listing] = PageFault("status", status=503)
    faulty_shop.page_faults[55] = PageFault("malformed")
    faulty_shop.page_faults[20] = PageFault("slow", delay=0.5)  # slow, not broken: no failure
    statuses = []
    for _ in range(8):
        report = pull_orders(store.db, CHANNEL, factory=factory(faulty_shop), actor=ACTOR)
        statuses.append(report.status)
        if report.status == "ok" and not faulty_shop.page_faults:
            break
    assert "failed" in statuses and statuses[-1] == "ok"
    churned = [o for o in faulty_shop.orders.values()
               if parse_utc(o["date_modified_gmt"]) >= EPOCH + timedelta(hours=1)]
    assert churned  # the shop did change orders during the runs
    faulty_shop.on_listing.clear()
    assert pull_orders(store.db, CHANNEL, factory=factory(faulty_shop), actor=ACTOR).status == "ok"
    with store.db.read() as s:
        ids = list(s.scalars(select(Order.external_id)))
        links = {str(k): v for k, v in s.execute(select(ChannelOrderLink.external_id,
                                                        ChannelOrderLink.external_updated_at))}
        assert s.scalar(select(func.count()).select_from(ChannelOrderLink)) == len(ids)
    lost = set(map(str, range(1, count + 1))) - set(ids)
    assert lost == set()
    assert len(ids) == len(set(ids)) == count  # no duplicate
    # And each order is known at the shop's latest version: no change was skipped either.
    behind = [o["id"] for o in faulty_shop.orders.values()
              if links[str(o["id"])] != parse_utc(o["date_modified_gmt"])]
    assert behind == []
