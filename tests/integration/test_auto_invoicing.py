"""Automatic invoicing: each policy, the skip reasons, and running twice (also at once) issuing nothing twice."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from omsdesk.models import Customer, Order
from omsdesk.models.invoice import Invoice
from omsdesk.queries.customers import order_invoices
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.services.invoicing.auto import (
    ALREADY_INVOICED,
    NO_TAX_ID,
    NOT_PAID,
    NOT_SHIPPED,
    PERIOD_OPEN,
    last_run,
    run_auto_invoicing,
)
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.policy import set_policy
from omsdesk.services.invoicing.records import verify_chain
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import CUSTOMER_NIF, setup_company

B2B = CustomerInput(name="Ferretería Norte SL", email="compras@norte.example.es", tax_id=CUSTOMER_NIF)
CONSUMER = CustomerInput(name="Lucía Fernández", email="lucia@example.es")


@pytest.fixture
def store(shop: Shop) -> Shop:
    setup_company(shop.db)
    return shop


def _stocked(shop: Shop, qty: int = 50, price: int = 1210) -> str:
    sku = shop.product(price=price)
    shop.stock(sku, qty)
    return sku


def _customer_id(shop: Shop, ref: str) -> int:
    with shop.db.read() as s:
        cid = s.scalar(select(Order.customer_id).where(Order.reference == ref))
        assert cid is not None
        return cid


def _invoices(shop: Shop) -> list[tuple[str, str, int | None]]:
    with shop.db.read() as s:
        return [(n, t, o) for n, t, o in s.execute(
            select(Invoice.number, Invoice.invoice_type, Invoice.order_id).order_by(Invoice.id))]


def test_without_a_policy_nothing_is_invoiced(store: Shop) -> None:
    sku = _stocked(store)
    store.order_at("shipped", {sku: 1}, customer=B2B)
    report = run_auto_invoicing(store.db, actor=ACTOR)
    assert (report.issued, report.skipped, _invoices(store)) == (0, 0, [])


def test_shipped_policy_invoices_shipped_orders_and_says_why_not_the_others(store: Shop) -> None:
    sku = _stocked(store)
    shipped = store.order_at("shipped", {sku: 2}, customer=B2B)
    waiting = store.order_at("paid", {sku: 1}, customer=B2B)
    set_policy(store.db, actor=ACTOR, channel="manual", when="shipped")
    report = run_auto_invoicing(store.db, actor=ACTOR)
    issued = [i for i in report.items if i.outcome == "issued"]
    assert [(i.order, i.invoice_type) for i in issued] == [(shipped, "F1")]
    assert [(i.order, i.reason) for i in report.items if i.outcome == "skipped"] == [(waiting, NOT_SHIPPED)]


def test_a_consumer_without_tax_id_gets_a_simplified_invoice(store: Shop) -> None:
    sku = _stocked(store)
    market = store.marketplace()
    ref = store.order_at("shipped", {sku: 1}, customer=CONSUMER, channel=market)
    set_policy(store.db, actor=ACTOR, channel=market, when="shipped")
    report = run_auto_invoicing(store.db, actor=ACTOR)
    assert [(i.order, i.outcome, i.invoice_type) for i in report.items] == [(ref, "issued", "F2")]


def test_a_consumer_over_the_simplified_limit_is_skipped_for_want_of_a_tax_id(store: Shop) -> None:
    # 5 x 121.00 EUR = 605 EUR, over the default 400 EUR limit of RD 1619/2012 art. 4.
    sku = _stocked(store, price=12100)
    market = store.marketplace()
    ref = store.order_at("shipped", {sku: 5}, customer=CONSUMER, channel=market)
    set_policy(store.db, actor=ACTOR, channel=market, when="shipped")
    report = run_auto_invoicing(store.db, actor=ACTOR)
    [item] = report.items
    assert (item.order, item.outcome, item.reason) == (ref, "skipped", NO_TAX_ID)
    assert "simplified invoice is limited" in item.detail
    assert _invoices(store) == []


def test_simplified_invoices_off_skips_consumers(store: Shop) -> None:
    sku = _stocked(store)
    store.order_at("shipped", {sku: 1}, customer=CONSUMER)
    set_policy(store.db, actor=ACTOR, channel="manual", when="shipped", simplified_for_consumers=False)
    [item] = run_auto_invoicing(store.db, actor=ACTOR).items
    assert (item.outcome, item.reason) == ("skipped", NO_TAX_ID)


def test_paid_policy_invoices_paid_orders_only(store: Shop) -> None:
    sku = _stocked(store)
    paid = store.order_at("paid", {sku: 1}, customer=B2B)
    unpaid = store.order({sku: 1}, customer=B2B)
    order_svc.hold_order(store.db, unpaid, actor=ACTOR)  # past "new", still unpaid
    set_policy(store.db, actor=ACTOR, channel="manual", when="paid")
    report = run_auto_invoicing(store.db, actor=ACTOR)
    assert [(i.order, i.outcome) for i in report.items if i.outcome == "issued"] == [(paid, "issued")]
    assert [(i.order, i.reason) for i in report.items if i.outcome == "skipped"] == [(unpaid, NOT_PAID)]


def test_customer_policy_overrides_the_channel(store: Shop) -> None:
    sku = _stocked(store)
    ref = store.order_at("shipped", {sku: 1}, customer=B2B)
    set_policy(store.db, actor=ACTOR, channel="manual", when="shipped")
    set_policy(store.db, actor=ACTOR, customer_id=_customer_id(store, ref), when="manual")
    assert run_auto_invoicing(store.db, actor=ACTOR).items == ()


def test_monthly_policy_issues_one_invoice_per_customer_for_a_closed_month(store: Shop) -> None:
    sku = _stocked(store)
    first = store.order_at("shipped", {sku: 1}, customer=B2B)
    second = store.order_at("shipped", {sku: 3}, customer=B2B)
    set_policy(store.db, actor=ACTOR, customer_id=_customer_id(store, first), when="monthly")
    # While the month is open the orders wait.
    early = run_auto_invoicing(store.db, actor=ACTOR)
    assert {(i.order, i.reason) for i in early.items} == {(first, PERIOD_OPEN), (second, PERIOD_OPEN)}
    with store.db.read() as s:
        shipped = max(p.shipped_at for o in s.scalars(select(Order)) for p in o.parcels if p.shipped_at)
    next_month = datetime(shipped.year + shipped.month // 12, shipped.month % 12 + 1, 5, 10, tzinfo=UTC)
    report = run_auto_invoicing(store.db, actor=ACTOR, now=next_month)
    [item] = report.items
    assert item.outcome == "issued" and item.order == f"{first}, {second}"
    with store.db.read() as s:
        inv = s.scalar(select(Invoice).where(Invoice.number == item.invoice))
        assert inv is not None
        assert (inv.order_id, inv.invoice_type, inv.customer_tax_id) == (None, "F1", CUSTOMER_NIF)
        assert sorted(ln.qty for ln in inv.lines) == [1, 3]
        assert inv.operation_date == shipped.date()
        first_id = s.scalar(select(Order.id).where(Order.reference == first))
        assert first_id is not None
        # The order's screen lists the monthly invoice among its invoices.
        assert [i.number for i in order_invoices(s, first_id)] == [item.invoice]
    # Lines on the monthly invoice count as invoiced for the orders themselves.
    with pytest.raises(Exception, match="already fully invoiced"):
        issue_invoice(store.db, first, actor=ACTOR)
    assert run_auto_invoicing(store.db, actor=ACTOR, now=next_month).items == ()


def test_monthly_without_tax_id_is_skipped(store: Shop) -> None:
    sku = _stocked(store)
    ref = store.order_at("shipped", {sku: 1}, customer=CONSUMER)
    set_policy(store.db, actor=ACTOR, customer_id=_customer_id(store, ref), when="monthly")
    [item] = run_auto_invoicing(store.db, actor=ACTOR).items
    assert item.reason == NO_TAX_ID


def test_running_twice_issues_nothing_twice_and_keeps_the_report(store: Shop) -> None:
    sku = _stocked(store)
    refs = [store.order_at("shipped", {sku: 1}, customer=B2B) for _ in range(3)]
    issue_invoice(store.db, refs[0], actor=ACTOR)  # one already invoiced by hand
    set_policy(store.db, actor=ACTOR, channel="manual", when="shipped")
    dry = run_auto_invoicing(store.db, actor=ACTOR, dry_run=True)
    assert (dry.issued, _invoices(store)[1:]) == (2, [])
    first = run_auto_invoicing(store.db, actor=ACTOR)
    second = run_auto_invoicing(store.db, actor=ACTOR)
    assert (first.issued, second.issued, second.items) == (2, 0, ())
    assert len(_invoices(store)) == 3
    with store.db.read() as s:
        kept = last_run(s)
    assert kept is not None and kept.run_id == second.run_id


def test_cancel_stops_between_invoices(store: Shop) -> None:
    sku = _stocked(store)
    for _ in range(3):
        store.order_at("shipped", {sku: 1}, customer=B2B)
    set_policy(store.db, actor=ACTOR, channel="manual", when="shipped")
    heard: list[tuple[int, int]] = []
    report = run_auto_invoicing(store.db, actor=ACTOR, progress=lambda d, t, _: heard.append((d, t)),
                                cancelled=lambda: len(heard) >= 1)
    assert (report.status, report.issued, heard) == ("cancelled", 1, [(1, 3)])


@pytest.mark.postgres
def test_two_concurrent_runs_issue_each_invoice_once_with_gapless_numbers(
        pg_migrated: object) -> None:
    db = pg_migrated.fresh()  # type: ignore[attr-defined]
    try:
        shop = Shop(db)
        setup_company(db)
        shop.warehouses(("MAD",))
        sku = _stocked(shop, qty=100)
        refs = [shop.order_at("shipped", {sku: 1}, customer=B2B if i % 2 else CONSUMER) for i in range(12)]
        set_policy(db, actor=ACTOR, channel="manual", when="shipped")
        barrier = threading.Barrier(2)
        reports = []
        errors: list[BaseException] = []

        def work(n: int) -> None:
            barrier.wait()
            try:
                reports.append(run_auto_invoicing(db, actor=Actor(user=f"u{n}", workstation=f"ws{n}"),
                                                  batch_size=4))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not errors, errors
        issued = [i for r in reports for i in r.items if i.outcome == "issued"]
        skipped = [i for r in reports for i in r.items if i.outcome == "skipped"]
        assert sorted(i.order for i in issued) == sorted(refs)
        assert {i.reason for i in skipped} <= {ALREADY_INVOICED}
        with db.read() as s:
            rows = s.execute(select(Invoice.series, Invoice.seq, Invoice.order_id)).all()
            assert s.scalar(select(Customer.id).limit(1)) is not None
        assert len({o for _, _, o in rows}) == len(rows) == 12
        for series in ("F", "T"):
            seqs = sorted(q for ser, q, _ in rows if ser == series)
            assert seqs == list(range(1, len(seqs) + 1))
        assert verify_chain(db).ok
    finally:
        db.dispose()


def test_the_sync_scheduler_runs_the_job_once_a_policy_exists(store: Shop) -> None:
    from omsdesk.sync.scheduler import AUTO_INVOICE_JOB, SyncScheduler, report_dict

    sku = _stocked(store)
    store.order_at("shipped", {sku: 1}, customer=B2B)
    scheduler = SyncScheduler(store.db)
    assert not [r for r in scheduler.run_once() if report_dict(r)["job"] == AUTO_INVOICE_JOB]
    set_policy(store.db, actor=ACTOR, channel="manual", when="shipped")
    [auto] = [report_dict(r) for r in scheduler.run_once() if report_dict(r)["job"] == AUTO_INVOICE_JOB]
    assert (auto["status"], auto["counts"]) == ("ok", {"issued": 1, "skipped": 0})
