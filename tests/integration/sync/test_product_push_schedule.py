"""The scheduled product push: opt-in per channel, the same push_products as `products push`."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel, ValidationError
from omsdesk.models.sync_state import SyncRun
from omsdesk.services.catalog import ProductChanges, update_product
from omsdesk.services.channels.channels import add_channel
from omsdesk.services.channels.product_listing import channel_listing_settings
from omsdesk.sync.product_out import schedule_product_push
from omsdesk.sync.scheduler import SyncEvent, SyncScheduler, report_dict
from tests.fixtures.database import ACTOR
from tests.fixtures.product_shops import PrestaProductShop
from tests.integration.sync.test_product_push import catalogue, factory


def job_ids(scheduler: SyncScheduler) -> dict[str, float]:
    scheduler.refresh_channels()
    return scheduler.jobs()


def test_no_product_push_job_unless_the_channel_asks_for_one(
        sqlite_db: Database, presta_products: PrestaProductShop) -> None:
    code = catalogue(sqlite_db, "prestashop")
    scheduler = SyncScheduler(sqlite_db, factory=factory(presta_products, "prestashop"))
    try:
        assert f"push_stock:{code}" in job_ids(scheduler)
        assert f"push_products:{code}" not in job_ids(scheduler)
        schedule_product_push(sqlite_db, code, 30, actor=ACTOR)
        assert job_ids(scheduler)[f"push_products:{code}"] == 30 * 60
        schedule_product_push(sqlite_db, code, 45, actor=ACTOR)
        assert job_ids(scheduler)[f"push_products:{code}"] == 45 * 60
        schedule_product_push(sqlite_db, code, 0, actor=ACTOR)
        assert f"push_products:{code}" not in job_ids(scheduler)
    finally:
        scheduler.shutdown(wait=False)


def test_the_scheduled_push_sends_a_changed_price_and_is_recorded_like_any_job(
        sqlite_db: Database, presta_products: PrestaProductShop) -> None:
    code = catalogue(sqlite_db, "prestashop")
    schedule_product_push(sqlite_db, code, 15, actor=ACTOR)
    scheduler = SyncScheduler(sqlite_db, factory=factory(presta_products, "prestashop"))
    events: list[SyncEvent] = []
    scheduler.add_listener(events.append)
    first = scheduler.run_job("push_products", code)
    assert report_dict(first)["status"] == "ok", report_dict(first)
    # A new price in the catalogue: the next scheduled run sends it, and only it.
    update_product(sqlite_db, "JAR-TAL-01", ProductChanges(price=3630), actor=ACTOR)
    presta_products.clear_requests()
    report = report_dict(scheduler.run_job("push_products", code))
    assert (report["status"], report["counts"]["updated"], report["counts"]["created"]) == (
        "ok", 1, 0)
    jarron = next(p for p in presta_products.products.values()
                  if p["reference"] == "JAR-TAL-01")
    assert jarron["price"] == "30.00"  # 36.30 with 21 % IVA, without tax for PrestaShop
    assert [r.path for r in presta_products.writes()] == [f"/api/products/{jarron['id']}"]
    assert [(e.channel, e.job) for e in events] == [(code, "push_products")] * 2
    with sqlite_db.read() as s:
        runs = list(s.scalars(select(SyncRun).where(SyncRun.job == "push_products")
                              .order_by(SyncRun.id)))
    assert [(r.status, r.updated) for r in runs] == [("ok", 2), ("ok", 1)]


def test_a_scheduled_push_that_fails_is_a_failed_run(sqlite_db: Database) -> None:
    server = PrestaProductShop()
    server.start()
    build = factory(server, "prestashop")
    server.stop()  # nobody answers there any more
    code = catalogue(sqlite_db, "prestashop")
    schedule_product_push(sqlite_db, code, 15, actor=ACTOR)
    with sqlite_db.write() as s:
        channel = s.scalars(select(Channel).where(Channel.code == code)).one()
        channel.settings = {**channel.settings, "max_attempts": "1"}
    report = report_dict(SyncScheduler(sqlite_db, factory=build).run_job("push_products", code))
    assert (report["status"], report["health"]) == ("failed", "offline")
    with sqlite_db.read() as s:
        run = s.scalars(select(SyncRun).where(SyncRun.job == "push_products")).one()
    assert run.status == "failed" and run.error


def test_sync_once_runs_the_scheduled_push_after_the_channel_jobs(
        sqlite_db: Database, presta_products: PrestaProductShop) -> None:
    code = catalogue(sqlite_db, "prestashop")
    scheduler = SyncScheduler(sqlite_db, factory=factory(presta_products, "prestashop"))
    assert "push_products" not in [r.job for r in scheduler.run_once(code)]
    schedule_product_push(sqlite_db, code, 60, actor=ACTOR)
    assert [r.job for r in scheduler.run_once(code)] == [
        "pull_orders", "push_stock", "drain_outbox", "push_products"]


def test_a_schedule_outside_five_minutes_to_a_week_or_on_a_shop_without_listings_is_refused(
        sqlite_db: Database) -> None:
    code = catalogue(sqlite_db, "prestashop")
    with pytest.raises(ValidationError, match="every 5 to 10080 minutes"):
        schedule_product_push(sqlite_db, code, 2, actor=ACTOR)
    add_channel(sqlite_db, kind="amazon", name="Amazon", code="amz",
                url="https://sellingpartnerapi-eu.amazon.com", actor=ACTOR)
    with pytest.raises(ValidationError, match="cannot take a product push"):
        schedule_product_push(sqlite_db, "amz", 30, actor=ACTOR)
    assert channel_listing_settings(sqlite_db, code).push_every_minutes == 0


def test_cli_channels_set_product_push_every(
        sqlite_db: Database, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from omsdesk.cli import main

    code = catalogue(sqlite_db, "prestashop")

    def cli(*args: str) -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        exit_code = main(["--db", sqlite_db.url, "channels", "set", code, *args])
        out = capsys.readouterr()
        return exit_code, out.out + out.err

    exit_code, out = cli("--product-push-every", "30", "--json")
    assert exit_code == 0, out
    assert json.loads(out)["product_push_every"] == 30
    exit_code, out = cli()
    assert "pushed every 30 min" in out
    exit_code, out = cli("--product-push-every", "off", "--json")
    assert json.loads(out)["product_push_every"] == 0
    exit_code, out = cli("--product-push-every", "soon")
    assert exit_code == 1 and "whole number of minutes" in out


def test_a_push_while_another_runs_on_the_same_shop_sends_nothing_and_says_so(
        db: Database, presta_products: PrestaProductShop) -> None:
    """The schedule and a person (or two desks) at once would both create the product the
    shop lacks; the second push waits for nothing and sends nothing."""
    from omsdesk.sync.lock import ChannelJobLock
    from omsdesk.sync.product_out import push_products

    code = catalogue(db, "prestashop")
    with db.read() as s:
        channel_id = s.scalars(select(Channel.id).where(Channel.code == code)).one()
    running = ChannelJobLock(db, "push_products", channel_id)  # another process's push, say
    assert running.acquire()
    try:
        presta_products.clear_requests()
        busy = push_products(db, code, factory=factory(presta_products, "prestashop"))
        assert busy.status == "failed" and "another product push" in busy.error
        assert busy.outcomes == [] and presta_products.writes() == []
        # Another channel's push is not held up by it.
        other = ChannelJobLock(db, "push_products", channel_id + 1000)
        assert other.acquire()
        other.release()
    finally:
        running.release()
    done = push_products(db, code, factory=factory(presta_products, "prestashop"))
    assert done.status == "ok" and done.counts()["created"] == 1
    with db.read() as s:
        runs = list(s.scalars(select(SyncRun).where(SyncRun.job == "push_products")
                              .order_by(SyncRun.id)))
    assert [r.status for r in runs] == ["failed", "ok"]
    assert "another product push" in (runs[0].error or "")
