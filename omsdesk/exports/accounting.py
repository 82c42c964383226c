"""Accounting CSV exports: invoices, credit notes and payments for QuickBooks Online, Sage 50 or a journal.

Layouts:
- QuickBooks Online, "import invoices": the column names QuickBooks maps without asking
  (Invoice No, Customer, Invoice Date, Due Date, Terms, Memo, Item(Product/Service), Item
  Description, Item Quantity, Item Rate, Item Amount, Item Tax Code), one row per line; see
  Intuit's answer "Do we need to map field everytime when import invoices"
  (quickbooks.intuit.com/learn-support/en-ca/sales-and-invoicing/...). Its invoice import has
  no credit memos or payments, so credit notes go as invoices with negative lines and
  payments are left out (the summary says how many).
- Sage 50 Accounts (UK), "audit trail transactions": Type, Account Reference, Nominal A/C
  Ref, Department Code, Date (dd/mm/yyyy), Reference, Details, Net Amount, Tax Code, Tax
  Amount, Exchange Rate, Extra Reference, User Name, Project Refn, Cost Code Refn; SI
  invoice, SC credit, SA receipt on account (Sage imports no SR, it says to use SA); see
  Sage KB "Audit trail transactions" (gb-kb.sage.com) and makingithappen.co.uk/CI/std/audittrans.htm.
- Journal: a balanced double entry per document (Spanish PGC accounts by default), including
  supplier invoices (600 purchases and 472 input VAT against 400 suppliers) and their payments.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.models import Order, Payment, Refund, ValidationError
from omsdesk.models.invoice import CompanySettings, Invoice, InvoiceKind, InvoicePayment
from omsdesk.models.money import currency_exponent
from omsdesk.models.payables import SupplierInvoice, SupplierPayment
from omsdesk.models.planning import Supplier

FORMATS = ("quickbooks", "sage50", "journal")

QUICKBOOKS_COLUMNS = ("Invoice No", "Customer", "Invoice Date", "Due Date", "Terms", "Memo",
                      "Item(Product/Service)", "Item Description", "Item Quantity", "Item Rate",
                      "Item Amount", "Item Tax Code")
SAGE50_COLUMNS = ("Type", "Account Reference", "Nominal A/C Ref", "Department Code", "Date",
                  "Reference", "Details", "Net Amount", "Tax Code", "Tax Amount",
                  "Exchange Rate", "Extra Reference", "User Name", "Project Refn",
                  "Cost Code Refn")
JOURNAL_COLUMNS = ("Date", "Entry", "Document", "Kind", "Account", "Description", "Debit",
                   "Credit", "Currency")


@dataclass(frozen=True)
class Accounts:
    """Ledger codes the exports post to: Spanish PGC for the journal, Sage's defaults for Sage."""

    receivable: str = "430"
    sales: str = "700"
    vat_output: str = "477"
    bank: str = "572"
    payable: str = "400"
    purchases: str = "600"
    vat_input: str = "472"
    sage_sales_nominal: str = "4000"
    sage_bank_nominal: str = "1200"
    # VAT rate in basis points -> Sage tax code (T0 zero, T1 standard, T5 reduced).
    sage_tax_codes: dict[int, str] = field(default_factory=lambda: {
        0: "T0", 2100: "T1", 2000: "T1", 1000: "T5", 500: "T5", 400: "T5"})


@dataclass(frozen=True)
class ExportSummary:
    rows: int
    invoices: int
    credit_notes: int
    payments: int
    skipped_payments: int = 0
    purchase_invoices: int = 0
    supplier_payments: int = 0


def amount(minor: int, currency: str) -> str:
    """Minor units as a plain decimal with the currency's places: 1995 EUR -> '19.95'."""
    exp = currency_exponent(currency)
    return f"{Decimal(minor).scaleb(-exp):.{exp}f}"


@dataclass(frozen=True)
class _Receipt:
    when: date
    reference: str
    document: str
    customer: str
    account: str
    amount: int
    currency: str


def _invoices(s: Session, start: date, end: date) -> list[Invoice]:
    return list(s.scalars(select(Invoice).where(Invoice.issue_date >= start,
                                                 Invoice.issue_date <= end)
                          .options(selectinload(Invoice.lines), selectinload(Invoice.taxes))
                          .order_by(Invoice.issue_date, Invoice.id)))


def _receipts(s: Session, start: date, end: date) -> list[_Receipt]:
    # Payments are stored in UTC but booked on the company's own calendar day, as invoices are
    # dated: a payment at 23:30 UTC in December belongs to the next day in Madrid.
    company = s.get(CompanySettings, 1)
    tz = ZoneInfo(company.time_zone if company is not None and company.time_zone else "Europe/Madrid")
    lo = datetime.combine(start, time.min, tzinfo=tz)
    hi = datetime.combine(end, time.max, tzinfo=tz)

    def day(moment: datetime) -> date:
        return moment.astimezone(tz).date()

    out = [_Receipt(day(p.paid_at), p.reference or f"PAY-I{p.id}", inv.number,
                    inv.customer_name, _account_ref(inv.customer_id, inv.customer_name),
                    p.amount, p.currency)
           for p, inv in s.execute(select(InvoicePayment, Invoice).join(
               Invoice, Invoice.id == InvoicePayment.invoice_id).where(
               InvoicePayment.paid_at >= lo, InvoicePayment.paid_at <= hi))]
    out += [_Receipt(day(p.paid_at), p.reference or f"PAY-O{p.id}", o.reference,
                     o.customer_name, _account_ref(o.customer_id, o.customer_name),
                     p.amount, p.currency)
            for p, o in s.execute(select(Payment, Order).join(Order, Order.id == Payment.order_id)
                                  .where(Payment.paid_at >= lo, Payment.paid_at <= hi))]
    # Refunds are money out of the same ledger: booked once, as negative receipts.
    out += [_Receipt(day(r.refunded_at), r.reference or f"REF-O{r.id}", o.reference,
                     o.customer_name, _account_ref(o.customer_id, o.customer_name),
                     -r.amount, r.currency)
            for r, o in s.execute(select(Refund, Order).join(Order, Order.id == Refund.order_id)
                                  .where(Refund.refunded_at >= lo, Refund.refunded_at <= hi))]
    return sorted(out, key=lambda r: (r.when, r.document, r.reference))


def _label(r: _Receipt) -> str:
    return "Payment" if r.amount > 0 else "Refund"


def _account_ref(customer_id: int | None, name: str) -> str:
    # Sage account references are at most 8 characters; one per customer, one for walk-ins.
    return f"C{customer_id:07d}" if customer_id else "CASH"


def _is_credit(inv: Invoice) -> bool:
    return inv.kind == InvoiceKind.RECTIFYING.value or inv.total < 0


def _quickbooks(invoices: list[Invoice], receipts: list[_Receipt], fmt: str) -> Iterable[list[str]]:
    yield list(QUICKBOOKS_COLUMNS)
    for inv in invoices:
        memo = (f"Credit note for {inv.correction_reason or 'a correction'}"
                if _is_credit(inv) else inv.description)
        for ln in inv.lines:
            rate = Decimal(ln.net) / ln.qty if ln.qty else Decimal(0)
            exp = currency_exponent(inv.currency)
            yield [inv.number, inv.customer_name or "Cash customer", inv.issue_date.strftime(fmt),
                   inv.due_date.strftime(fmt), "", memo, ln.sku, ln.name, str(ln.qty),
                   f"{rate.scaleb(-exp):.{exp}f}", amount(ln.net, inv.currency),
                   f"{Decimal(ln.tax_rate_bp) / 100:g}%"]


def _sage50(invoices: list[Invoice], receipts: list[_Receipt], fmt: str,
            acc: Accounts) -> Iterable[list[str]]:
    yield list(SAGE50_COLUMNS)
    for inv in invoices:
        credit = _is_credit(inv)
        account = _account_ref(inv.customer_id, inv.customer_name)
        for tax in inv.taxes:
            code = acc.sage_tax_codes.get(tax.rate_bp)
            if code is None:
                raise ValidationError(f"invoice {inv.number}: no Sage tax code for VAT "
                                      f"{tax.rate_bp / 100:g}%; add it to the export settings")
            # Sage takes positive amounts; the type (SC) says it is a credit.
            yield ["SC" if credit else "SI", account, acc.sage_sales_nominal, "0",
                   inv.issue_date.strftime(fmt), inv.number, (inv.customer_name or "Cash")[:60],
                   amount(abs(tax.base), inv.currency), code,
                   amount(abs(tax.tax + tax.recargo), inv.currency), inv.exchange_rate, "",
                   inv.user[:32], "", ""]
    for r in receipts:
        kind = "SA" if r.amount > 0 else "SP"
        yield [kind, r.account, acc.sage_bank_nominal, "0", r.when.strftime(fmt), r.document,
               f"{_label(r)} {r.reference}"[:60], amount(abs(r.amount), r.currency), "T9",
               amount(0, r.currency), "1", r.reference[:30], "", "", ""]


@dataclass(frozen=True)
class _Purchase:
    when: date
    document: str
    supplier: str
    net: int
    tax: int
    total: int
    currency: str


def _purchases(s: Session, start: date, end: date) -> tuple[list[_Purchase], list[_Receipt]]:
    """Supplier invoices dated start..end and the payments made to suppliers in those days."""
    tz = _company_zone(s)
    invoices = [_Purchase(inv.invoice_date, f"{sup.code}/{inv.number}", sup.name, inv.total_net,
                          inv.total_tax, inv.total, inv.currency)
                for inv, sup in s.execute(select(SupplierInvoice, Supplier).join(
                    Supplier, Supplier.id == SupplierInvoice.supplier_id).where(
                    SupplierInvoice.invoice_date >= start, SupplierInvoice.invoice_date <= end)
                    .order_by(SupplierInvoice.invoice_date, SupplierInvoice.id))]
    lo = datetime.combine(start, time.min, tzinfo=tz)
    hi = datetime.combine(end, time.max, tzinfo=tz)
    paid = [_Receipt(p.paid_at.astimezone(tz).date(), p.reference or f"PAY-S{p.id}",
                     f"{sup.code}/{inv.number}", sup.name, sup.code, p.amount, p.currency)
            for p, inv, sup in s.execute(
                select(SupplierPayment, SupplierInvoice, Supplier)
                .join(SupplierInvoice, SupplierInvoice.id == SupplierPayment.supplier_invoice_id)
                .join(Supplier, Supplier.id == SupplierInvoice.supplier_id)
                .where(SupplierPayment.paid_at >= lo, SupplierPayment.paid_at <= hi)
                .order_by(SupplierPayment.paid_at, SupplierPayment.id))]
    return invoices, paid


def _company_zone(s: Session) -> ZoneInfo:
    company = s.get(CompanySettings, 1)
    return ZoneInfo(company.time_zone if company is not None and company.time_zone else "Europe/Madrid")


def _journal(invoices: list[Invoice], receipts: list[_Receipt], fmt: str,
             acc: Accounts, purchases: list[_Purchase] | None = None,
             supplier_payments: list[_Receipt] | None = None) -> Iterable[list[str]]:
    yield list(JOURNAL_COLUMNS)
    entry = 0

    def post(when: date, doc: str, kind: str, account: str, text: str, value: int,
             cur: str) -> list[str]:
        # Positive is a debit; a negative value (credit notes) swaps the side.
        debit, credit = (value, 0) if value >= 0 else (0, -value)
        return [when.strftime(fmt), str(entry), doc, kind, account, text, amount(debit, cur),
                amount(credit, cur), cur]

    for inv in invoices:
        entry += 1
        kind = "credit_note" if _is_credit(inv) else "invoice"
        cur, when, doc = inv.currency, inv.issue_date, inv.number
        yield post(when, doc, kind, acc.receivable, inv.customer_name, inv.total, cur)
        yield post(when, doc, kind, acc.sales, "Sales", -inv.total_net, cur)
        if inv.total_tax or inv.total_recargo:
            yield post(when, doc, kind, acc.vat_output, "Output VAT",
                       -(inv.total_tax + inv.total_recargo), cur)
    for r in receipts:
        entry += 1
        kind = "payment" if r.amount > 0 else "refund"
        yield post(r.when, r.document, kind, acc.bank, f"{_label(r)} {r.reference}", r.amount, r.currency)
        yield post(r.when, r.document, kind, acc.receivable, r.customer, -r.amount, r.currency)
    for pi in purchases or []:
        entry += 1
        yield post(pi.when, pi.document, "purchase_invoice", acc.purchases, "Purchases", pi.net, pi.currency)
        if pi.tax:
            yield post(pi.when, pi.document, "purchase_invoice", acc.vat_input, "Input VAT", pi.tax,
                       pi.currency)
        yield post(pi.when, pi.document, "purchase_invoice", acc.payable, pi.supplier, -pi.total,
                   pi.currency)
    for sp in supplier_payments or []:
        entry += 1
        yield post(sp.when, sp.document, "supplier_payment", acc.payable, sp.customer, sp.amount, sp.currency)
        yield post(sp.when, sp.document, "supplier_payment", acc.bank, f"Payment {sp.reference}",
                   -sp.amount, sp.currency)


def export_accounting(db: Database, fmt: str, start: date, end: date, out: Path | TextIO, *,
                      accounts: Accounts | None = None, date_format: str = "%d/%m/%Y") -> ExportSummary:
    """Write the invoices, credit notes and payments dated start..end (inclusive) as CSV."""
    if fmt not in FORMATS:
        raise ValidationError(f"unknown accounting format '{fmt}' (use {', '.join(FORMATS)})")
    if end < start:
        raise ValidationError(f"the period ends ({end}) before it starts ({start})")
    acc = accounts or Accounts()
    with db.read() as s:
        invoices = _invoices(s, start, end)
        receipts = _receipts(s, start, end)
        purchases, supplier_paid = _purchases(s, start, end) if fmt == "journal" else ([], [])
        writers: dict[str, Callable[[], Iterable[list[str]]]] = {
            "quickbooks": lambda: _quickbooks(invoices, receipts, date_format),
            "sage50": lambda: _sage50(invoices, receipts, date_format, acc),
            "journal": lambda: _journal(invoices, receipts, date_format, acc, purchases, supplier_paid),
        }
        rows = list(writers[fmt]())
    _write(rows, out)
    credits = sum(_is_credit(i) for i in invoices)
    skipped = len(receipts) if fmt == "quickbooks" else 0
    return ExportSummary(rows=len(rows) - 1, invoices=len(invoices) - credits,
                         credit_notes=credits, payments=len(receipts) - skipped,
                         skipped_payments=skipped, purchase_invoices=len(purchases),
                         supplier_payments=len(supplier_paid))


def _write(rows: list[list[str]], out: Path | TextIO) -> None:
    if isinstance(out, Path):
        # utf-8-sig: spreadsheet programs read the accents right only with the BOM.
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
        return
    writer: Any = csv.writer(out)
    writer.writerows(rows)
