"""Receivables: status of each invoice from payments and credits, and the aged report."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from omsdesk.queries.invoices import InvoiceFilter, aged_csv, aged_receivables, list_invoices
from omsdesk.services.fulfilment import orders as order_svc
from omsdesk.services.invoicing.credit import credit_invoice
from omsdesk.services.invoicing.issue import issue_invoice
from omsdesk.services.invoicing.payments import record_invoice_payment
from tests.fixtures.database import ACTOR, Shop
from tests.integration.test_invoicing import setup_company

ISSUED = datetime(2026, 1, 10, 10, 0, tzinfo=UTC)  # due 30 days later: 9 February 2026


def _statuses(shop: Shop, today: date) -> dict[str, tuple[str, int]]:
    with shop.db.read() as s:
        return {r.number: (r.status, r.due) for r in list_invoices(s, today=today)}


def test_status_follows_payments_credits_and_the_calendar(shop: Shop) -> None:
    setup_company(shop.db)
    sku = shop.product(price=10000)
    numbers = [issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=ISSUED).number
               for _ in range(4)]
    unpaid, partly, paid, credited = numbers
    record_invoice_payment(shop.db, partly, actor=ACTOR, amount=2500, now=ISSUED)
    record_invoice_payment(shop.db, paid, actor=ACTOR, amount=10000, method="card", now=ISSUED)
    credit_invoice(shop.db, credited, actor=ACTOR, reason_code="R4", now=ISSUED)
    before_due = _statuses(shop, date(2026, 2, 9))
    assert before_due[unpaid] == ("issued", 10000)
    assert before_due[partly] == ("partly_paid", 7500)
    assert before_due[paid] == ("paid", 0)
    assert before_due[credited] == ("credited", 0)
    after_due = _statuses(shop, date(2026, 2, 10))
    assert after_due[unpaid] == ("overdue", 10000)
    assert after_due[partly] == ("overdue", 7500)
    assert after_due[paid] == ("paid", 0)
    with shop.db.read() as s:
        overdue = list_invoices(s, InvoiceFilter(status="overdue"), today=date(2026, 2, 10))
    assert sorted(r.number for r in overdue) == sorted([unpaid, partly])


def test_aged_report_buckets_and_csv(shop: Shop) -> None:
    setup_company(shop.db)
    sku = shop.product(price=1000)
    today = date(2026, 6, 30)
    # Records must be written in time order, so issue the settled ones (January) first.
    settled = issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=ISSUED).number
    record_invoice_payment(shop.db, settled, actor=ACTOR, amount=1000, now=ISSUED)
    paid_order = shop.order({sku: 2})
    order_svc.pay_order(shop.db, paid_order, actor=ACTOR)
    issue_invoice(shop.db, paid_order, actor=ACTOR, now=ISSUED)  # settled by the order's payment
    expected: dict[str, str] = {}
    # Due dates land in each bucket (issue date = due date - 30 days), oldest first.
    for days_overdue, bucket in ((91, "90+"), (90, "61-90"), (61, "61-90"), (31, "31-60"),
                                 (30, "1-30"), (1, "1-30"), (0, "current"), (-5, "current")):
        due = today - timedelta(days=days_overdue)
        issued = datetime.combine(due - timedelta(days=30), datetime.min.time(), UTC).replace(hour=11)
        expected[issue_invoice(shop.db, shop.order({sku: 1}), actor=ACTOR, now=issued).number] = bucket
    with shop.db.read() as s:
        report = aged_receivables(s, today=today)
    assert {it.number: it.bucket for it in report.items} == expected
    assert report.totals == {"EUR": {"current": 2000, "1-30": 2000, "31-60": 1000, "61-90": 2000,
                                     "90+": 1000}}
    rows = list(csv.reader(io.StringIO(aged_csv(report))))
    assert rows[0] == ["customer", "tax_id", "invoice", "issue_date", "due_date", "days_overdue",
                       "currency", "current", "1-30", "31-60", "61-90", "90+", "total_due"]
    by_number = {r[2]: r for r in rows[1:-1]}
    oldest = next(n for n, b in expected.items() if b == "90+")
    assert by_number[oldest][5] == "91" and by_number[oldest][11] == "10.00"
    assert rows[-1] == ["TOTAL", "", "", "", "", "", "EUR", "20.00", "20.00", "10.00", "20.00",
                        "10.00", "80.00"]
