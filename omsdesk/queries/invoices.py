"""Read side of invoicing: invoice lists with receivable status, one invoice in full, the
aged receivables report (data and CSV)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from omsdesk.invoicing.receivables import AGE_BUCKETS, ReceivableStatus, age_bucket, balances
from omsdesk.invoicing.verifactu import qr_url
from omsdesk.models import NotFound, Order, OrderLine
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import CompanySettings, Invoice, InvoicePayment, InvoiceRecord


def local_today(session: Session, now: datetime | None = None) -> date:
    """Today in the company's time zone (due dates and ageing are local calendar days)."""
    company = session.get(CompanySettings, 1)
    zone = ZoneInfo(company.time_zone if company else "Europe/Madrid")
    return (now or utcnow()).astimezone(zone).date()


@dataclass(frozen=True)
class InvoiceFilter:
    series: str | None = None
    kind: str | None = None
    status: str | None = None
    search: str | None = None  # number, customer name or tax id, order reference
    issued_from: date | None = None
    issued_to: date | None = None


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str
    series: str
    kind: str
    invoice_type: str
    issue_date: date
    due_date: date
    order_reference: str
    customer_name: str
    customer_tax_id: str
    currency: str
    total: int
    credited: int
    paid: int
    due: int
    status: str
    corrects: str


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(f: InvoiceFilter) -> Select[Invoice, str]:
    stmt = select(Invoice, Order.reference).outerjoin(Order, Order.id == Invoice.order_id)
    if f.series:
        stmt = stmt.where(Invoice.series == f.series)
    if f.kind:
        stmt = stmt.where(Invoice.kind == f.kind)
    if f.issued_from:
        stmt = stmt.where(Invoice.issue_date >= f.issued_from)
    if f.issued_to:
        stmt = stmt.where(Invoice.issue_date <= f.issued_to)
    if f.search and f.search.strip():
        pattern = _like(f.search.strip())
        stmt = stmt.where(or_(Invoice.number.ilike(pattern, escape="\\"),
                              Invoice.customer_name.ilike(pattern, escape="\\"),
                              Invoice.customer_tax_id.ilike(pattern, escape="\\"),
                              Order.reference.ilike(pattern, escape="\\")))
    return stmt.order_by(Invoice.issue_date.desc(), Invoice.id.desc())


def list_invoices(session: Session, f: InvoiceFilter | None = None, *, limit: int = 100,
                  offset: int = 0, today: date | None = None) -> list[InvoiceRow]:
    """One page of invoices, newest first, each with its receivable status."""
    f = f or InvoiceFilter()
    day = today or local_today(session)
    rows: list[InvoiceRow] = []
    skipped = 0
    chunk = max(limit, 50)
    start = 0 if f.status else offset
    while len(rows) < limit:
        page = session.execute(_filtered(f).limit(chunk).offset(start)).all()
        if not page:
            break
        start += len(page)
        numbers = {i.corrects_id for i, _ in page if i.corrects_id}
        corrects = dict(session.execute(select(Invoice.id, Invoice.number)
                                        .where(Invoice.id.in_(numbers))).all())
        bal = balances(session, [i.id for i, _ in page], today=day)
        for inv, order_ref in page:
            b = bal[inv.id]
            if f.status and b.status.value != f.status:
                continue
            if f.status and skipped < offset:
                skipped += 1
                continue
            rows.append(InvoiceRow(
                id=inv.id, number=inv.number, series=inv.series, kind=inv.kind,
                invoice_type=inv.invoice_type, issue_date=inv.issue_date, due_date=inv.due_date,
                order_reference=order_ref or "", customer_name=inv.customer_name,
                customer_tax_id=inv.customer_tax_id, currency=inv.currency, total=inv.total,
                credited=b.credited, paid=b.paid, due=b.due, status=b.status.value,
                corrects=corrects.get(inv.corrects_id, "") if inv.corrects_id else ""))
            if len(rows) >= limit:
                break
        if len(page) < chunk:
            break
    return rows


@dataclass(frozen=True)
class LineView:
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price: int
    discount: int
    tax_rate_bp: int
    exemption: str | None
    recargo_rate_bp: int
    net: int
    tax: int
    recargo: int
    total: int


@dataclass(frozen=True)
class TaxView:
    rate_bp: int
    exemption: str | None
    recargo_rate_bp: int
    base: int
    tax: int
    recargo: int


@dataclass(frozen=True)
class RecordView:
    id: int
    kind: str
    generated_at: str
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class PaymentView:
    amount: int
    method: str
    reference: str
    paid_at: datetime


@dataclass(frozen=True)
class InvoiceDetail:
    number: str
    kind: str
    invoice_type: str
    issue_date: date
    operation_date: date | None
    due_date: date
    order_reference: str
    issuer_name: str
    issuer_tax_id: str
    customer_name: str
    customer_tax_id: str
    customer_address: str
    currency: str
    exchange_rate: str
    total_net: int
    total_tax: int
    total_recargo: int
    total: int
    credited: int
    paid: int
    due: int
    status: str
    corrects: str
    correction_reason: str
    description: str
    qr_url: str
    lines: tuple[LineView, ...] = field(default_factory=tuple)
    taxes: tuple[TaxView, ...] = field(default_factory=tuple)
    records: tuple[RecordView, ...] = field(default_factory=tuple)
    payments: tuple[PaymentView, ...] = field(default_factory=tuple)
    corrected_by: tuple[str, ...] = field(default_factory=tuple)


def invoice_detail(session: Session, number: str, *, today: date | None = None) -> InvoiceDetail:
    """One invoice with lines, breakdown, VERI*FACTU records, payments and balance."""
    inv = session.scalar(select(Invoice).where(Invoice.number == number.strip())
                         .options(selectinload(Invoice.lines), selectinload(Invoice.taxes)))
    if inv is None:
        raise NotFound(f"unknown invoice '{number}'")
    b = balances(session, [inv.id], today=today or local_today(session))[inv.id]
    order_ref = session.scalar(select(Order.reference).where(Order.id == inv.order_id)) or ""
    corrects = session.scalar(select(Invoice.number).where(Invoice.id == inv.corrects_id)) or ""
    followers = tuple(session.scalars(select(Invoice.number).where(Invoice.corrects_id == inv.id)
                                      .order_by(Invoice.id)))
    records = list(session.scalars(select(InvoiceRecord).where(InvoiceRecord.invoice_id == inv.id)
                                   .order_by(InvoiceRecord.id)))
    payments = session.scalars(select(InvoicePayment).where(InvoicePayment.invoice_id == inv.id)
                               .order_by(InvoicePayment.id))
    company = session.get(CompanySettings, 1)
    alta = next((r for r in records if r.kind == "alta"), None)
    url = (qr_url(inv.issuer_tax_id, inv.number, alta.issue_date, alta.importe_total,
                  company.verifactu_environment if company else "test") if alta else "")
    return InvoiceDetail(
        number=inv.number, kind=inv.kind, invoice_type=inv.invoice_type, issue_date=inv.issue_date,
        operation_date=inv.operation_date, due_date=inv.due_date, order_reference=order_ref,
        issuer_name=inv.issuer_name, issuer_tax_id=inv.issuer_tax_id,
        customer_name=inv.customer_name, customer_tax_id=inv.customer_tax_id,
        customer_address=inv.customer_address, currency=inv.currency,
        exchange_rate=inv.exchange_rate, total_net=inv.total_net, total_tax=inv.total_tax,
        total_recargo=inv.total_recargo, total=inv.total, credited=b.credited, paid=b.paid,
        due=b.due, status=b.status.value, corrects=corrects,
        correction_reason=inv.correction_reason, description=inv.description, qr_url=url,
        lines=tuple(LineView(ln.line_no, ln.sku, ln.name, ln.qty, ln.unit_price, ln.discount,
                             ln.tax_rate_bp, ln.exemption, ln.recargo_rate_bp, ln.net, ln.tax,
                             ln.recargo, ln.total) for ln in inv.lines),
        taxes=tuple(TaxView(t.rate_bp, t.exemption, t.recargo_rate_bp, t.base, t.tax, t.recargo)
                    for t in inv.taxes),
        records=tuple(RecordView(r.id, r.kind, r.generated_at, r.previous_hash, r.hash)
                      for r in records),
        payments=tuple(PaymentView(p.amount, p.method, p.reference, p.paid_at) for p in payments),
        corrected_by=followers,
    )


@dataclass(frozen=True)
class AgedItem:
    number: str
    customer_name: str
    customer_tax_id: str
    issue_date: date
    due_date: date
    days_overdue: int
    bucket: str
    currency: str
    due: int


@dataclass(frozen=True)
class RefundDueItem:
    """Money the shop owes back on an order: paid for units cancelled, closed or returned."""

    order: str
    customer_name: str
    currency: str
    paid: int
    refunded: int
    refund_due: int


@dataclass(frozen=True)
class AgedReport:
    as_of: date
    items: tuple[AgedItem, ...]
    # currency -> bucket -> amount still due
    totals: dict[str, dict[str, int]]
    # What is owed back to customers, the other side of receivables (Order.refund_due).
    refunds_due: tuple[RefundDueItem, ...] = ()


def refunds_due(session: Session) -> tuple[RefundDueItem, ...]:
    """Orders with money to give back, largest first; the rule is Order.refund_due."""
    closed = (select(OrderLine.order_id)
              .where((OrderLine.qty_cancelled > 0) | (OrderLine.qty_returned > 0)))
    orders = session.scalars(
        select(Order).where(Order.paid_amount > Order.refunded_amount, Order.id.in_(closed))
        .options(selectinload(Order.lines)))
    items = [RefundDueItem(o.reference, o.customer_name, o.currency, o.paid_amount, o.refunded_amount,
                           o.refund_due) for o in orders if o.refund_due > 0]
    return tuple(sorted(items, key=lambda it: (-it.refund_due, it.order)))


def aged_receivables(session: Session, *, today: date | None = None) -> AgedReport:
    """Every invoice with money still due, by age past its due date (current, 1-30 ... 90+)."""
    day = today or local_today(session)
    bal = balances(session, None, today=day)
    open_ids = [i for i, b in bal.items() if b.due > 0 and b.status not in (
        ReceivableStatus.CANCELLED, ReceivableStatus.REPLACED)]
    items: list[AgedItem] = []
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(AGE_BUCKETS, 0))
    for start in range(0, len(open_ids), 500):
        chunk = open_ids[start:start + 500]
        for inv in session.scalars(select(Invoice).where(Invoice.id.in_(chunk))):
            due = bal[inv.id].due
            bucket = age_bucket(inv.due_date, day)
            items.append(AgedItem(inv.number, inv.customer_name, inv.customer_tax_id,
                                  inv.issue_date, inv.due_date, max(0, (day - inv.due_date).days),
                                  bucket, inv.currency, due))
            totals[inv.currency][bucket] += due
    items.sort(key=lambda it: (it.customer_name.lower(), it.due_date, it.number))
    return AgedReport(day, tuple(items), {k: dict(v) for k, v in sorted(totals.items())},
                      refunds_due(session))


def aged_csv(report: AgedReport) -> str:
    """The aged report as CSV: one row per invoice, amounts in each age column, then totals."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["customer", "tax_id", "invoice", "issue_date", "due_date", "days_overdue",
                "currency", *AGE_BUCKETS, "total_due"])
    for it in report.items:
        cells = [_decimal(it.due, it.currency) if b == it.bucket else "" for b in AGE_BUCKETS]
        w.writerow([it.customer_name, it.customer_tax_id, it.number, it.issue_date.isoformat(),
                    it.due_date.isoformat(), it.days_overdue, it.currency, *cells,
                    _decimal(it.due, it.currency)])
    for currency, buckets in report.totals.items():
        w.writerow(["TOTAL", "", "", "", "", "", currency,
                    *(_decimal(buckets[b], currency) for b in AGE_BUCKETS),
                    _decimal(sum(buckets.values()), currency)])
    if report.refunds_due:
        w.writerow([])
        w.writerow(["refund_due_to", "order", "currency", "paid", "refunded", "refund_due"])
        for rf in report.refunds_due:
            w.writerow([rf.customer_name, rf.order, rf.currency, _decimal(rf.paid, rf.currency),
                        _decimal(rf.refunded, rf.currency), _decimal(rf.refund_due, rf.currency)])
    return out.getvalue()


def _decimal(minor: int, currency: str) -> str:
    from omsdesk.models.money import currency_exponent

    exp = currency_exponent(currency)
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10**exp) if exp else (abs(minor), 0)
    return f"{sign}{whole}.{frac:0{exp}d}" if exp else f"{sign}{whole}"
