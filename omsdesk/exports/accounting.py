"""Accounting exports: invoices, credit notes, supplier invoices and payments for QuickBooks Online,
Sage 50 / ContaPlus (Spain) or a generic journal.

Layouts:
- QuickBooks Online, "Import Data": invoices and credit notes are two separate imports, so a
  QuickBooks export is two CSV files, one row per line. Invoices use the column names QuickBooks
  maps without asking (Invoice No, Customer, Invoice Date, Due Date, Terms, Memo,
  Item(Product/Service), Item Description, Item Quantity, Item Rate, Item Amount, Item Tax Code); see
  Intuit's answer "Do we need to map field everytime when import invoices"
  (quickbooks.intuit.com/learn-support/en-ca/sales-and-invoicing/...). Credit notes go to
  NAME-credit-memos.csv for Intuit's "Import credit notes" tool (Gear > Tools > Import Data >
  Import credit notes; quickbooks.intuit.com/learn-support/en-us/help-articles/how-to-import-credit-notes/00/332855):
  the same columns named for a credit memo (Credit Memo No, Credit Memo Date), amounts positive,
  because a credit memo is a credit by its type, not by its sign; the tool asks for the date
  format and VAT exclusive/inclusive and maps the tax codes on its last page. Neither import takes
  payments; the summary says how many were left out.
- Sage 50 / ContaPlus (Spain): the XDiario fixed-width journal, see omsdesk/exports/contaplus.py.
- Journal: a balanced double entry per document (Spanish PGC accounts by default), including
  supplier invoices (600 purchases and 472 input VAT against 400 suppliers) and their payments.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.exports import contaplus
from omsdesk.exports.ledger_docs import Purchase, Receipt
from omsdesk.models import Order, Payment, Refund, ValidationError
from omsdesk.models.invoice import CompanySettings, Invoice, InvoiceKind, InvoicePayment
from omsdesk.models.money import currency_exponent
from omsdesk.models.payables import SupplierInvoice, SupplierPayment
from omsdesk.models.planning import Supplier

FORMATS = ("quickbooks", "contaplus", "journal")

QUICKBOOKS_COLUMNS = ("Invoice No", "Customer", "Invoice Date", "Due Date", "Terms", "Memo",
                      "Item(Product/Service)", "Item Description", "Item Quantity", "Item Rate",
                      "Item Amount", "Item Tax Code")
CREDIT_MEMO_COLUMNS = ("Credit Memo No", "Customer", "Credit Memo Date", "Memo",
                       "Item(Product/Service)", "Item Description", "Item Quantity", "Item Rate",
                       "Item Amount", "Item Tax Code")
JOURNAL_COLUMNS = ("Date", "Entry", "Document", "Kind", "Account", "Description", "Debit",
                   "Credit", "Currency")


@dataclass(frozen=True)
class Accounts:
    """Ledger codes the exports post to (Spanish PGC) and ContaPlus's subaccount length."""

    receivable: str = "430"
    sales: str = "700"
    vat_output: str = "477"
    bank: str = "572"
    payable: str = "400"
    purchases: str = "600"
    vat_input: str = "472"
    subaccount_digits: int = 8


@dataclass(frozen=True)
class ExportSummary:
    rows: int
    invoices: int
    credit_notes: int
    payments: int
    skipped_payments: int = 0
    purchase_invoices: int = 0
    supplier_payments: int = 0
    credit_memo_file: str = ""


def amount(minor: int, currency: str) -> str:
    """Minor units as a plain decimal with the currency's places: 1995 EUR -> '19.95'."""
    exp = currency_exponent(currency)
    return f"{Decimal(minor).scaleb(-exp):.{exp}f}"


def _invoices(s: Session, start: date, end: date) -> list[Invoice]:
    return list(s.scalars(select(Invoice).where(Invoice.issue_date >= start,
                                                 Invoice.issue_date <= end)
                          .options(selectinload(Invoice.lines), selectinload(Invoice.taxes))
                          .order_by(Invoice.issue_date, Invoice.id)))


def _receipts(s: Session, start: date, end: date) -> list[Receipt]:
    # Payments are stored in UTC but booked on the company's own calendar day, as invoices are
    # dated: a payment at 23:30 UTC in December belongs to the next day in Madrid.
    company = s.get(CompanySettings, 1)
    tz = ZoneInfo(company.time_zone if company is not None and company.time_zone else "Europe/Madrid")
    lo = datetime.combine(start, time.min, tzinfo=tz)
    hi = datetime.combine(end, time.max, tzinfo=tz)

    def day(moment: datetime) -> date:
        return moment.astimezone(tz).date()

    out = [Receipt(day(p.paid_at), p.reference or f"PAY-I{p.id}", inv.number,
                    inv.customer_name, _account_ref(inv.customer_id, inv.customer_name),
                    p.amount, p.currency, inv.customer_id)
           for p, inv in s.execute(select(InvoicePayment, Invoice).join(
               Invoice, Invoice.id == InvoicePayment.invoice_id).where(
               InvoicePayment.paid_at >= lo, InvoicePayment.paid_at <= hi))]
    out += [Receipt(day(p.paid_at), p.reference or f"PAY-O{p.id}", o.reference,
                     o.customer_name, _account_ref(o.customer_id, o.customer_name),
                     p.amount, p.currency, o.customer_id)
            for p, o in s.execute(select(Payment, Order).join(Order, Order.id == Payment.order_id)
                                  .where(Payment.paid_at >= lo, Payment.paid_at <= hi))]
    # Refunds are money out of the same ledger: booked once, as negative receipts.
    out += [Receipt(day(r.refunded_at), r.reference or f"REF-O{r.id}", o.reference,
                     o.customer_name, _account_ref(o.customer_id, o.customer_name),
                     -r.amount, r.currency, o.customer_id)
            for r, o in s.execute(select(Refund, Order).join(Order, Order.id == Refund.order_id)
                                  .where(Refund.refunded_at >= lo, Refund.refunded_at <= hi))]
    return sorted(out, key=lambda r: (r.when, r.document, r.reference))


def _label(r: Receipt) -> str:
    return "Payment" if r.amount > 0 else "Refund"


def _account_ref(customer_id: int | None, name: str) -> str:
    # Sage account references are at most 8 characters; one per customer, one for walk-ins.
    return f"C{customer_id:07d}" if customer_id else "CASH"


def _is_credit(inv: Invoice) -> bool:
    return inv.kind == InvoiceKind.RECTIFYING.value or inv.total < 0


def _quickbooks(invoices: list[Invoice], fmt: str, *, credits: bool) -> Iterable[list[str]]:
    """Invoices (credits=False) or credit memos (credits=True), one row per line."""
    yield list(CREDIT_MEMO_COLUMNS if credits else QUICKBOOKS_COLUMNS)
    for inv in invoices:
        if _is_credit(inv) != credits:
            continue
        exp = currency_exponent(inv.currency)
        memo = (f"Credit note for {inv.correction_reason or 'a correction'}"
                if credits else inv.description)
        for ln in inv.lines:
            # A credit memo credits by its type: its quantities and amounts are positive.
            qty, net = (abs(ln.qty), abs(ln.net)) if credits else (ln.qty, ln.net)
            rate = Decimal(net) / qty if qty else Decimal(0)
            head = [inv.number, inv.customer_name or "Cash customer", inv.issue_date.strftime(fmt)]
            if not credits:
                head += [inv.due_date.strftime(fmt), ""]
            yield head + [memo, ln.sku, ln.name, str(qty), f"{rate.scaleb(-exp):.{exp}f}",
                          amount(net, inv.currency), f"{Decimal(ln.tax_rate_bp) / 100:g}%"]


def _contaplus(invoices: list[Invoice], receipts: list[Receipt], purchases: list[Purchase],
               supplier_payments: list[Receipt], acc: Accounts) -> list[str]:
    lines: list[contaplus.Apunte] = []
    entry = 0
    digits = acc.subaccount_digits
    for inv in invoices:
        entry += 1
        lines += contaplus.sales_entry(entry, inv, digits, acc.receivable, acc.sales, acc.vat_output)
    for r in receipts:
        entry += 1
        lines += contaplus.receipt_entry(entry, r, digits, acc.bank, acc.receivable, False)
    for p in purchases:
        entry += 1
        lines += contaplus.purchase_entry(entry, p, digits, acc.purchases, acc.vat_input, acc.payable)
    for sp in supplier_payments:
        entry += 1
        lines += contaplus.receipt_entry(entry, sp, digits, acc.bank, acc.payable, True)
    return [contaplus.record(a) for a in lines]


def _purchases(s: Session, start: date, end: date) -> tuple[list[Purchase], list[Receipt]]:
    """Supplier invoices dated start..end and the payments made to suppliers in those days."""
    tz = _company_zone(s)
    invoices = [Purchase(inv.invoice_date, f"{sup.code}/{inv.number}", sup.name, inv.total_net,
                         inv.total_tax, inv.total, inv.currency, sup.id, inv.number,
                         tuple((t.rate_bp, t.base, t.tax) for t in inv.taxes))
                for inv, sup in s.execute(select(SupplierInvoice, Supplier).join(
                    Supplier, Supplier.id == SupplierInvoice.supplier_id).options(
                    selectinload(SupplierInvoice.taxes)).where(
                    SupplierInvoice.invoice_date >= start, SupplierInvoice.invoice_date <= end)
                    .order_by(SupplierInvoice.invoice_date, SupplierInvoice.id))]
    lo = datetime.combine(start, time.min, tzinfo=tz)
    hi = datetime.combine(end, time.max, tzinfo=tz)
    paid = [Receipt(p.paid_at.astimezone(tz).date(), p.reference or f"PAY-S{p.id}",
                    f"{sup.code}/{inv.number}", sup.name, sup.code, p.amount, p.currency, sup.id)
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


def _journal(invoices: list[Invoice], receipts: list[Receipt], fmt: str,
             acc: Accounts, purchases: list[Purchase] | None = None,
             supplier_payments: list[Receipt] | None = None) -> Iterable[list[str]]:
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


def credit_memo_path(out: Path) -> Path:
    """Where a QuickBooks export writes its credit memos: beside the invoices, NAME-credit-memos.csv."""
    return out.with_name(f"{out.stem}-credit-memos{out.suffix or '.csv'}")


def export_accounting(db: Database, fmt: str, start: date, end: date, out: Path | TextIO, *,
                      accounts: Accounts | None = None, date_format: str = "%d/%m/%Y",
                      credit_memos: Path | TextIO | None = None) -> ExportSummary:
    """Write the documents dated start..end (inclusive) in one of FORMATS.

    QuickBooks writes its credit memos to `credit_memos` (default: credit_memo_path(out)); ContaPlus
    writes the XDiario text file, the others CSV.
    """
    if fmt not in FORMATS:
        raise ValidationError(f"unknown accounting format '{fmt}' (use {', '.join(FORMATS)})")
    if end < start:
        raise ValidationError(f"the period ends ({end}) before it starts ({start})")
    acc = accounts or Accounts()
    with db.read() as s:
        invoices = _invoices(s, start, end)
        receipts = _receipts(s, start, end)
        purchases, supplier_paid = _purchases(s, start, end) if fmt != "quickbooks" else ([], [])
        credits = sum(_is_credit(i) for i in invoices)
        memo_file = ""
        if fmt == "contaplus":
            records = _contaplus(invoices, receipts, purchases, supplier_paid, acc)
            _write_fixed(records, out)
            rows = len(records)
        elif fmt == "quickbooks":
            target = credit_memos if credit_memos is not None else (
                credit_memo_path(out) if isinstance(out, Path) else None)
            if target is None and credits:
                raise ValidationError("QuickBooks credit memos need their own file: pass credit_memos")
            invoice_rows = list(_quickbooks(invoices, date_format, credits=False))
            memo_rows = list(_quickbooks(invoices, date_format, credits=True))
            _write(invoice_rows, out)
            if target is not None and credits:
                _write(memo_rows, target)
                memo_file = str(target) if isinstance(target, Path) else ""
            rows = len(invoice_rows) - 1 + len(memo_rows) - 1
        else:
            journal = list(_journal(invoices, receipts, date_format, acc, purchases, supplier_paid))
            _write(journal, out)
            rows = len(journal) - 1
    skipped = len(receipts) if fmt == "quickbooks" else 0
    return ExportSummary(rows=rows, invoices=len(invoices) - credits,
                         credit_notes=credits, payments=len(receipts) - skipped,
                         skipped_payments=skipped, purchase_invoices=len(purchases),
                         supplier_payments=len(supplier_paid), credit_memo_file=memo_file)


def _write_fixed(records: list[str], out: Path | TextIO) -> None:
    # ContaPlus runs on Windows and reads XDiario as Windows-1252 lines ending in CRLF.
    text = "".join(r + "\r\n" for r in records)
    if isinstance(out, Path):
        out.write_bytes(text.encode("cp1252"))
        return
    out.write(text)


def _write(rows: list[list[str]], out: Path | TextIO) -> None:
    if isinstance(out, Path):
        # utf-8-sig: spreadsheet programs read the accents right only with the BOM.
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
        return
    writer: Any = csv.writer(out)
    writer.writerows(rows)
