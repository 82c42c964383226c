"""Paid orders are queued for a configured ERP in the paying transaction; the scheduler delivers them."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from omsdesk.db import Database
from omsdesk.models import Channel, OutboxMessage
from omsdesk.services.channels.channels import list_channels, recent_runs
from omsdesk.services.channels.erp import TOPIC_ORDER, ErpSettings, erp_channel_in
from omsdesk.services.channels.kinds import sync_kinds
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.fulfilment.allocation import allocate_order
from omsdesk.services.intake.order_entry import CustomerInput, LineInput, OrderInput, place_order
from omsdesk.sync.scheduler import ERP_JOB, JobIntervals, SyncScheduler
from tests.fixtures.database import Shop
from tests.fixtures.odoo_server import DATABASE, LOGIN, PASSWORD, FakeOdoo


@pytest.fixture
def shop(sqlite_db: Database) -> Shop:
    s = Shop(sqlite_db)
    s.warehouses(("MAD",))
    return s


def _erp_messages(db: Database) -> list[OutboxMessage]:
    with db.read() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.topic == TOPIC_ORDER)))


def _odoo_channel(db: Database, url: str) -> str:
    settings = ErpSettings(erp="odoo")
    with db.write() as s:
        erp_channel_in(s, settings, url, database=DATABASE, login=LOGIN)
    return settings.channel_code


def test_paying_queues_nothing_when_no_erp_is_configured(shop: Shop) -> None:
    sku = shop.product()
    shop.stock(sku, 5)
    order_svc.pay_order(shop.db, shop.order({sku: 1}), actor=shop.actor)
    assert _erp_messages(shop.db) == []


def test_paying_queues_the_order_once_for_the_configured_erp(shop: Shop) -> None:
    code = _odoo_channel(shop.db, "http://127.0.0.1:9")
    sku = shop.product()
    shop.stock(sku, 5)
    ref = shop.order({sku: 1})
    assert _erp_messages(shop.db) == []  # a new, unpaid order is no sale yet
    order_svc.pay_order(shop.db, ref, actor=shop.actor)
    allocate_order(shop.db, ref, actor=shop.actor)
    message, = _erp_messages(shop.db)
    assert message.payload == {"erp": "odoo", "order_id": message.payload["order_id"]}
    assert message.status == "pending"
    with shop.db.read() as s:
        assert message.channel_id == s.scalar(select(Channel.id).where(Channel.code == code))
    assert [c.code for c in list_channels(shop.db, sync_kinds()) if c.kind == "odoo"] == [code]
    assert code not in [c.code for c in list_channels(shop.db)]  # shops only, by default


def test_a_payment_rolled_back_leaves_no_erp_message(shop: Shop) -> None:
    _odoo_channel(shop.db, "http://127.0.0.1:9")
    sku = shop.product()
    ref = shop.order({sku: 1})

    class Abort(Exception):
        pass

    with pytest.raises(Abort), shop.db.write() as s:
        order_svc.pay_in(s, order_svc.load_order(s, ref), actor=shop.actor)
        assert s.scalar(select(OutboxMessage.id).where(OutboxMessage.topic == TOPIC_ORDER))
        raise Abort
    assert _erp_messages(shop.db) == []
    assert shop.status(ref) == "new"


def test_the_scheduler_job_delivers_paid_orders_to_the_erp(shop: Shop, odoo_server: FakeOdoo,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_ERP_PASSWORD", PASSWORD)
    code = _odoo_channel(shop.db, odoo_server.url)
    sku = shop.product()
    shop.stock(sku, 5)
    refs = [shop.order({sku: 1}) for _ in range(2)]
    for ref in refs:
        order_svc.pay_order(shop.db, ref, actor=shop.actor)

    reports = SyncScheduler(shop.db).run_once()

    erp_report, = [r for r in reports if r.channel == code]
    assert (erp_report.job, erp_report.status) == (ERP_JOB, "ok"), erp_report.error
    assert sorted(s["client_order_ref"] for s in odoo_server.records["sale.order"].values()) == refs
    assert {m.status for m in _erp_messages(shop.db)} == {"delivered"}
    run, = recent_runs(shop.db, code)
    assert (run.job, run.status, run.created) == ("erp_push", "ok", 2)
    info, = [c for c in list_channels(shop.db, sync_kinds()) if c.code == code]
    assert info.last_success_at is not None and info.consecutive_failures == 0


def test_an_unreachable_erp_leaves_orders_waiting_and_the_channel_offline(
        shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_ERP_PASSWORD", PASSWORD)
    code = _odoo_channel(shop.db, "http://127.0.0.1:9")  # nothing listens on the discard port
    sku = shop.product()
    order_svc.pay_order(shop.db, shop.order({sku: 1}), actor=shop.actor)

    report, = SyncScheduler(shop.db).run_once(code)

    assert (report.job, report.status) == (ERP_JOB, "failed")
    assert [m.status for m in _erp_messages(shop.db)] == ["pending"]
    info, = [c for c in list_channels(shop.db, sync_kinds()) if c.code == code]
    assert info.offline and info.consecutive_failures == 1


def test_without_a_password_the_erp_job_says_what_is_missing(shop: Shop,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMSDESK_ERP_PASSWORD", raising=False)
    code = _odoo_channel(shop.db, "http://127.0.0.1:9")
    report, = SyncScheduler(shop.db).run_once(code)
    assert report.status == "failed"
    assert "OMSDESK_ERP_PASSWORD" in report.error and "omsdesk-erp" in report.error
    info, = [c for c in list_channels(shop.db, sync_kinds()) if c.code == code]
    assert info.credentials_invalid and "OMSDESK_ERP_PASSWORD" in info.last_error


def test_the_running_scheduler_has_an_erp_job_that_delivers(shop: Shop, odoo_server: FakeOdoo,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMSDESK_ERP_PASSWORD", PASSWORD)
    code = _odoo_channel(shop.db, odoo_server.url)
    sku = shop.product()
    order_svc.pay_order(shop.db, shop.order({sku: 1}), actor=shop.actor)
    scheduler = SyncScheduler(shop.db, intervals=JobIntervals(erp_push=0.2, jitter=0))
    try:
        assert scheduler.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and [m.status for m in _erp_messages(shop.db)] != ["delivered"]:
            time.sleep(0.05)
    finally:
        scheduler.shutdown()
    assert [m.status for m in _erp_messages(shop.db)] == ["delivered"]
    assert len(odoo_server.records["sale.order"]) == 1
    assert {run.job for run in recent_runs(shop.db, code)} == {ERP_JOB}


def test_an_order_placed_and_paid_in_one_go_is_queued_by_its_id(shop: Shop) -> None:
    _odoo_channel(shop.db, "http://127.0.0.1:9")
    sku = shop.product()
    created = place_order(shop.db, OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="manual",
                                              customer=CustomerInput(name="Eva Ruiz")),
                          actor=shop.actor, pay_method="card")
    message, = _erp_messages(shop.db)
    assert message.payload["order_id"] == created.id


def test_orders_a_batch_creates_paid_are_queued_for_the_erp_too(shop: Shop) -> None:
    from omsdesk.services.intake.batch import place_orders

    _odoo_channel(shop.db, "http://127.0.0.1:9")
    sku = shop.product()
    batch = [OrderInput(lines=(LineInput(sku=sku, qty=1),), channel="manual") for _ in range(3)]
    created = place_orders(shop.db, batch, actor=shop.actor, pay_method="card")
    assert sorted(m.payload["order_id"] for m in _erp_messages(shop.db)) == sorted(c.id for c in created)
    unpaid = place_orders(shop.db, batch[:1], actor=shop.actor)
    assert unpaid[0].id not in {m.payload["order_id"] for m in _erp_messages(shop.db)}
