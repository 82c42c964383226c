"""Accounts payable: three-way match, holds, partial payments, aged buckets and the journal export."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from omsdesk.exports.accounting import export_accounting
from omsdesk.models import ConflictError, ValidationError
from omsdesk.services.goods_in.purchasing import (
    add_supplier,
    create_purchase_order,
    receive_purchase_order,
    send_purchase_order,
)
from omsdesk.services.payables.aged import aged_payables
from omsdesk.services.payables.invoices import (
    OVER_RECEIVED,
    PRICE,
    InvoicedLine,
    approve_supplier_invoice,
    pay_supplier_invoice,
    record_supplier_invoice,
)
from tests.fixtures.database import ACTOR, Shop

DAY = date(2026, 11, 2)


@pytest.fixture
def po(shop: Shop) -> tuple[Shop, str, str, str]:
    """A sent PO for 10 x A at 5.00 and 4 x B at 2.50 (VAT 21 % and 10 %), of which 8 A and 4 B arrived."""
    a = shop.product(tax_rate_bp=2100)
    b = shop.product(tax_rate_bp=1000)
    add_supplier(shop.db, "ACME", "Acme Suministros SL", actor=ACTOR, payment_terms="net60")
    ref = create_purchase_order(shop.db, "ACME", "MAD", [(a, 10, 500), (b, 4, 250)], actor=ACTOR).reference
    send_purchase_order(shop.db, ref, actor=ACTOR)
    receive_purchase_order(shop.db, ref, {a: 8, b: 4}, actor=ACTOR)
    return shop, ref, a, b


def _record(shop: Shop, ref: str, number: str, lines: list[InvoicedLine], day: date = DAY):  # type: ignore[no-untyped-def]
    return record_supplier_invoice(shop.db, supplier="ACME", po_reference=ref, number=number,
                                   invoice_date=day, lines=lines, actor=ACTOR)


def test_an_invoice_matching_order_and_receipts_is_open_with_vat_per_rate(po: tuple[Shop, str, str, str]) -> None:
    shop, ref, a, b = po
    v = _record(shop, ref, "A-1", [InvoicedLine(a, 8, 500), InvoicedLine(b, 4, 250)])
    assert (v.status, v.has_differences, v.due_date) == ("open", False, DAY + timedelta(days=60))
    # 40.00 at 21 % and 10.00 at 10 %: 8.40 + 1.00 VAT.
    assert v.taxes == ((2100, 4000, 840), (1000, 1000, 100))
    assert (v.total_net, v.total_tax, v.total) == (5000, 940, 5940)


def test_a_short_receipt_and_a_price_difference_are_flagged_and_hold_payment(
        po: tuple[Shop, str, str, str]) -> None:
    shop, ref, a, b = po
    v = _record(shop, ref, "A-2", [InvoicedLine(a, 10, 500), InvoicedLine(b, 4, 275)])
    by_sku = {ln.sku: ln for ln in v.lines}
    assert by_sku[a].differences == (OVER_RECEIVED,)  # 10 invoiced, 8 received
    assert (by_sku[a].ordered, by_sku[a].received, by_sku[a].invoiced) == (10, 8, 10)
    assert by_sku[b].differences == (PRICE,)          # 2.75 invoiced against 2.50 ordered
    assert v.status == "on_hold"
    with pytest.raises(ConflictError, match="approve it first"):
        pay_supplier_invoice(shop.db, v.id, amount=100, actor=ACTOR)
    approved = approve_supplier_invoice(shop.db, v.id, reason="new price agreed by phone", actor=ACTOR)
    assert approved.status == "open"


def test_earlier_invoices_count_towards_what_was_received(po: tuple[Shop, str, str, str]) -> None:
    shop, ref, a, _ = po
    _record(shop, ref, "A-3", [InvoicedLine(a, 6, 500)])
    second = _record(shop, ref, "A-4", [InvoicedLine(a, 3, 500)])
    [line] = second.lines
    assert (line.previously_invoiced, line.differences) == (6, (OVER_RECEIVED,))


def test_refusals(po: tuple[Shop, str, str, str]) -> None:
    shop, ref, a, _ = po
    with pytest.raises(ValidationError, match="is not on purchase order"):
        _record(shop, ref, "X-1", [InvoicedLine("NOPE", 1, 1)])
    _record(shop, ref, "X-2", [InvoicedLine(a, 1, 500)])
    with pytest.raises(ConflictError, match="already recorded"):
        _record(shop, ref, "X-2", [InvoicedLine(a, 1, 500)])


def test_partial_payments_until_paid_and_no_more(po: tuple[Shop, str, str, str]) -> None:
    shop, ref, a, _ = po
    v = _record(shop, ref, "P-1", [InvoicedLine(a, 2, 500)])  # 12.10
    part = pay_supplier_invoice(shop.db, v.id, amount=500, actor=ACTOR, reference="TR-1")
    assert (part.status, part.paid, part.due) == ("partly_paid", 500, 710)
    with pytest.raises(ValidationError, match="exceeds"):
        pay_supplier_invoice(shop.db, v.id, amount=711, actor=ACTOR)
    assert pay_supplier_invoice(shop.db, v.id, amount=710, actor=ACTOR).status == "paid"


def test_aged_payables_use_the_receivables_buckets(po: tuple[Shop, str, str, str]) -> None:
    shop, ref, a, b = po
    today = DAY + timedelta(days=60 + 45)  # 45 days past the net60 due date
    _record(shop, ref, "G-1", [InvoicedLine(a, 1, 500)])                   # 31-60
    _record(shop, ref, "G-2", [InvoicedLine(b, 1, 250)], day=today)        # current
    with shop.db.read() as s:
        report = aged_payables(s, today=today)
    assert {(it.number, it.bucket) for it in report.items} == {("G-1", "31-60"), ("G-2", "current")}
    assert report.totals["EUR"]["31-60"] == 605 and report.totals["EUR"]["current"] == 275


def test_the_journal_carries_purchase_invoices_and_supplier_payments(
        po: tuple[Shop, str, str, str], tmp_path: Path) -> None:
    shop, ref, a, b = po
    v = _record(shop, ref, "J-1", [InvoicedLine(a, 8, 500), InvoicedLine(b, 4, 250)])
    pay_supplier_invoice(shop.db, v.id, amount=5940, actor=ACTOR, reference="TR-9")
    today = date.today()
    out = tmp_path / "journal.csv"
    summary = export_accounting(shop.db, "journal", DAY, today + timedelta(days=1), out, date_format="%Y-%m-%d")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    purchase = {r["Account"]: (r["Debit"], r["Credit"]) for r in rows if r["Kind"] == "purchase_invoice"}
    assert purchase == {"600": ("50.00", "0.00"), "472": ("9.40", "0.00"), "400": ("0.00", "59.40")}
    paid = {r["Account"]: (r["Debit"], r["Credit"]) for r in rows if r["Kind"] == "supplier_payment"}
    assert paid == {"400": ("59.40", "0.00"), "572": ("0.00", "59.40")}
    assert all(r["Document"] == "ACME/J-1" for r in rows if r["Kind"].startswith(("purchase", "supplier")))
    entries: dict[str, Decimal] = {}
    for r in rows:
        entries[r["Entry"]] = entries.get(r["Entry"], Decimal(0)) + Decimal(r["Debit"]) - Decimal(r["Credit"])
    assert set(entries.values()) == {Decimal("0.00")}
    assert (summary.purchase_invoices, summary.supplier_payments) == (1, 1)
