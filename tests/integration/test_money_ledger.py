"""One money ledger per order: payments in, refunds out, invoices paid from it, exports booking each once."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from omsdesk.exports.accounting import export_accounting
from omsdesk.models import IllegalTransition, ValidationError
from omsdesk.queries.invoices import invoice_detail
from omsdesk.queries.order_detail import order_detail
from omsdesk.services.fulfilment import orders as svc
from omsdesk.services.fulfilment import shipping
from omsdesk.services.fulfilment.refunds import refund_order
from omsdesk.services.intake.order_entry import CustomerInput
from omsdesk.services.invoicing.company import set_company
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.payments import record_invoice_payment
from tests.fixtures.database import ACTOR, Shop, ledger_problems

TODAY = datetime.now(ZoneInfo("Europe/Madrid")).date()


def _company(shop: Shop) -> None:
    set_company(shop.db, actor=ACTOR, name="Tienda Demo SL", tax_id="B12345674",
                address="Calle Mayor 1", postcode="28013", city="Madrid")


def _detail(shop: Shop, ref: str):  # type: ignore[no-untyped-def]
    with shop.db.read() as s:
        return order_detail(s, ref)


def test_a_payment_on_the_invoice_is_the_orders_payment_and_is_booked_once(shop: Shop, tmp_path: Path) -> None:
    # order-life F6: 5.00 + 8.00 paid on the invoice, then the clerk paid the order too (13.00),
    # and the journal booked 26.00 of receipts for a 13.00 invoice.
    _company(shop)
    taz = shop.product(price=650)
    shop.stock(taz, 5)
    ref = shop.order({taz: 2}, customer=CustomerInput(name="Ana Gil, S.L.", email="a@x.es", tax_id="B12345674"))
    number = issue_invoice(shop.db, ref, actor=ACTOR).number

    record_invoice_payment(shop.db, number, actor=ACTOR, amount=500, reference="BANK-1")
    result = record_invoice_payment(shop.db, number, actor=ACTOR, amount=800, reference="BANK-2")

    assert (result.paid, result.due, result.status) == (1300, 0, "paid")
    detail = _detail(shop, ref)
    assert (detail.status, detail.paid_amount, detail.balance_due) == ("paid", 1300, 0)
    assert [p.amount for p in detail.payments] == [500, 800]
    with pytest.raises(ValidationError, match="already paid in full"):
        svc.pay_order(shop.db, ref, actor=ACTOR)

    out = tmp_path / "journal.csv"
    export_accounting(shop.db, "journal", TODAY - timedelta(days=1), TODAY + timedelta(days=1), out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    receipts = [r for r in rows if r["Kind"] == "payment" and r["Description"].startswith("Payment")]
    assert sorted(r["Debit"] for r in receipts) == ["5.00", "8.00"]
    assert [r for r in rows if r["Kind"] == "invoice" and r["Debit"] != "0.00"][0]["Debit"] == "13.00"


def test_cancel_rest_closes_the_unshipped_lines_and_the_money_becomes_refund_due(shop: Shop) -> None:
    taz, caf = shop.product(price=1000), shop.product(price=500)
    shop.stock(taz, 3, "MAD")
    shop.stock(caf, 2, "MAD")
    ref = shop.order_at("packed", {taz: 3, caf: 2})
    shipping.ship_order(shop.db, ref, actor=ACTOR, quantities={taz: 1})

    state = svc.cancel_rest(shop.db, ref, actor=ACTOR, reason="customer no longer needs it")

    assert state.status == "shipped"
    assert shop.level(taz) == (2, 0) and shop.level(caf) == (2, 0)
    detail = _detail(shop, ref)
    assert (detail.amount_owed, detail.refund_due, detail.balance_due) == (1000, 3000, 0)
    assert "refund due 30.00 EUR" in shop.audit(ref)[-1].reason

    res = refund_order(shop.db, ref, actor=ACTOR, amount=3000, method="card", refund_ref="RF-1",
                       reason="rest not shipped")
    assert (res.refunded, res.refund_due, res.balance_due) == (3000, 0, 0)
    detail = _detail(shop, ref)
    assert [(r.amount, r.method, r.reference) for r in detail.refunds] == [(3000, "card", "RF-1")]
    assert ledger_problems(shop.db) == []


def test_cancelling_a_paid_order_makes_all_of_it_refund_due(shop: Shop) -> None:
    taz = shop.product(price=1860)
    shop.stock(taz, 1)
    ref = shop.order_at("allocated", {taz: 1})
    svc.cancel_order(shop.db, ref, actor=ACTOR, reason="fraud check failed")
    assert _detail(shop, ref).refund_due == 1860


def test_a_refund_beyond_what_was_paid_is_refused_and_changes_nothing(shop: Shop) -> None:
    taz = shop.product(price=1000)
    shop.stock(taz, 1)
    ref = shop.order_at("paid", {taz: 1})
    refund_order(shop.db, ref, actor=ACTOR, amount=400, method="transfer")
    before = shop.snapshot()
    with pytest.raises(ValidationError, match="refund of 601 exceeds the 600 paid and not yet refunded"):
        refund_order(shop.db, ref, actor=ACTOR, amount=601, method="transfer")
    with pytest.raises(ValidationError, match="unknown refund method 'bitcoin'"):
        refund_order(shop.db, ref, actor=ACTOR, amount=1, method="bitcoin")
    assert shop.snapshot() == before


def test_cancel_rest_of_an_order_that_has_not_shipped_is_refused(shop: Shop) -> None:
    taz = shop.product()
    shop.stock(taz, 1)
    ref = shop.order_at("allocated", {taz: 1})
    before = shop.snapshot()
    with pytest.raises(IllegalTransition, match="nothing of order .* has shipped; cancel it instead"):
        svc.cancel_rest(shop.db, ref, actor=ACTOR, reason="x")
    with pytest.raises(ValidationError, match="needs a reason"):
        svc.cancel_rest(shop.db, ref, actor=ACTOR, reason=" ")
    assert shop.snapshot() == before


def test_a_refund_lowers_what_the_orders_invoice_counts_as_paid(shop: Shop) -> None:
    _company(shop)
    taz = shop.product(price=1000)
    shop.stock(taz, 2)
    ref = shop.order_at("paid", {taz: 2})
    number = issue_invoice(shop.db, ref, actor=ACTOR).number
    refund_order(shop.db, ref, actor=ACTOR, amount=500, method="card")
    with shop.db.read() as s:
        inv = invoice_detail(s, number)
    assert (inv.paid, inv.due) == (1500, 500)


def test_a_refund_is_booked_once_in_the_journal_as_money_out(shop: Shop, tmp_path: Path) -> None:
    taz = shop.product(price=1000)
    shop.stock(taz, 1)
    ref = shop.order_at("paid", {taz: 1})
    refund_order(shop.db, ref, actor=ACTOR, amount=400, method="transfer", refund_ref="RF-J1")
    out = tmp_path / "journal.csv"
    export_accounting(shop.db, "journal", TODAY - timedelta(days=1), TODAY + timedelta(days=1), out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Kind"] == "refund"]
    # Bank credited, receivable debited, once each.
    assert sorted((r["Description"].startswith("Refund RF-J1"), r["Debit"], r["Credit"]) for r in rows) == [
        (False, "4.00", "0.00"), (True, "0.00", "4.00")]


def test_refunds_due_are_in_the_receivables_report_until_refunded(shop: Shop) -> None:
    from omsdesk.queries.invoices import aged_csv, aged_receivables

    taz = shop.product(price=1860)
    shop.stock(taz, 3)
    cancelled = shop.order_at("allocated", {taz: 1})
    svc.cancel_order(shop.db, cancelled, actor=ACTOR, reason="fraud check failed")
    part = shop.order_at("packed", {taz: 2})
    shipping.ship_order(shop.db, part, actor=ACTOR, quantities={taz: 1})
    svc.cancel_rest(shop.db, part, actor=ACTOR, reason="out of stock")
    untouched = shop.order_at("allocated", {taz: 1})
    with shop.db.read() as s:
        report = aged_receivables(s)
    assert [(r.order, r.paid, r.refunded, r.refund_due) for r in report.refunds_due] == [
        (cancelled, 1860, 0, 1860), (part, 3720, 0, 1860)]
    assert untouched not in [r.order for r in report.refunds_due]
    assert f"{part},EUR,37.20,0.00,18.60" in aged_csv(report)
    refund_order(shop.db, cancelled, actor=ACTOR, amount=1000, method="card")
    with shop.db.read() as s:
        report = aged_receivables(s)
    assert [(r.order, r.refunded, r.refund_due) for r in report.refunds_due] == [
        (part, 0, 1860), (cancelled, 1000, 860)]


def test_a_payment_dated_in_the_future_or_by_an_unknown_method_is_refused(shop: Shop) -> None:
    from datetime import UTC

    taz = shop.product(price=1000)
    ref = shop.order({taz: 1})
    before = shop.snapshot()
    with pytest.raises(ValidationError, match="cannot be dated in the future"):
        svc.pay_order(shop.db, ref, actor=ACTOR, paid_at=datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(ValidationError, match="unknown payment method 'bitcoin'"):
        svc.pay_order(shop.db, ref, actor=ACTOR, method="bitcoin")
    assert shop.snapshot() == before
