"""Turns a checked invoice draft into stored rows: number, lines, breakdown, record, audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from omsdesk.invoicing.aeat_rules import series_problem
from omsdesk.invoicing.taxes import LineAmounts, breakdown
from omsdesk.invoicing.verifactu import ALTA, qr_url
from omsdesk.models import ConflictError, ValidationError
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import (
    CompanySettings,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceRecord,
    InvoiceTax,
)
from omsdesk.services import audit, webhooks
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.numbering import next_number
from omsdesk.services.invoicing.records import write_record


@dataclass(frozen=True)
class DraftLine:
    sku: str
    name: str
    qty: int
    unit_price: int
    discount: int
    prices_include_tax: bool
    amounts: LineAmounts
    order_line_id: int | None = None
    credited_line_id: int | None = None


@dataclass(frozen=True)
class Draft:
    """Everything an invoice says except its number and dates, which issuing assigns."""

    kind: InvoiceKind
    invoice_type: str
    lines: tuple[DraftLine, ...]
    currency: str
    exchange_rate: str
    customer_id: int | None
    customer_name: str
    customer_tax_id: str
    customer_address: str
    customer_country: str
    language: str
    description: str
    customer_id_type: str = ""  # AEAT list L7 type of a foreign id (IDOtro), '' for NIF/VAT
    order_id: int | None = None
    shipment_id: int | None = None
    operation_date: date | None = None
    corrects: Invoice | None = None
    correction_reason: str = ""
    due_days: int = 0
    audit_reason: str = field(default="")


@dataclass(frozen=True)
class IssuedInvoice:
    """What the caller (CLI, GUI, counter) gets back from issuing."""

    id: int
    number: str
    kind: str
    invoice_type: str
    issue_date: date
    currency: str
    total_net: int
    total_tax: int
    total_recargo: int
    total: int
    record_hash: str
    qr_url: str


def series_for(company: CompanySettings, kind: InvoiceKind) -> str:
    return {InvoiceKind.ORDINARY: company.series_ordinary,
            InvoiceKind.SIMPLIFIED: company.series_simplified,
            InvoiceKind.RECTIFYING: company.series_rectifying}[kind]


def issuer_address(company: CompanySettings) -> str:
    place = " ".join(p for p in (company.postcode, company.city) if p)
    if company.province and company.province != company.city:
        place = f"{place} ({company.province})" if place else company.province
    return "\n".join(p for p in (company.address, place, company.country) if p)


def write_invoice(session: Session, draft: Draft, company: CompanySettings, *, actor: Actor,
                  now: datetime | None = None, series: str | None = None,
                  expected_seq: int | None = None,
                  recorded_at: datetime | None = None) -> tuple[Invoice, InvoiceRecord]:
    """Number, store and record an invoice in the caller's transaction.

    A replayed offline counter sale passes its workstation's `series`, the number it printed
    (`expected_seq`: anything else is refused, never renumbered), its sale time as `now` and
    the replay time as `recorded_at`, when its VERI*FACTU record is really generated.
    """
    moment = now or utcnow()
    issue_date = moment.astimezone(ZoneInfo(company.time_zone)).date()
    series = series or series_for(company, draft.kind)
    refusal = series_problem(series)
    if refusal:
        # A series stored before omsdesk checked them: refuse until it is changed in Settings.
        raise ValidationError(f"cannot issue in {refusal}; change it with 'omsdesk company set'")
    seq, number = next_number(session, series, issue_date.year)
    if expected_seq is not None and seq != expected_seq:
        raise ConflictError(f"series {series}{issue_date.year} is at number {seq}, not the printed "
                            f"{expected_seq}; the workstation's reserved numbers were used elsewhere")
    totals = breakdown(ln.amounts for ln in draft.lines)
    invoice = Invoice(
        number=number, series=series, year=issue_date.year, seq=seq, kind=draft.kind.value,
        invoice_type=draft.invoice_type, issue_date=issue_date,
        operation_date=draft.operation_date if draft.operation_date != issue_date else None,
        due_date=issue_date + timedelta(days=draft.due_days), issued_at=moment,
        order_id=draft.order_id, shipment_id=draft.shipment_id, currency=draft.currency,
        exchange_rate=draft.exchange_rate, issuer_name=company.name, issuer_tax_id=company.tax_id,
        issuer_address=issuer_address(company), customer_id=draft.customer_id,
        customer_name=draft.customer_name, customer_tax_id=draft.customer_tax_id,
        customer_address=draft.customer_address, customer_country=draft.customer_country,
        customer_id_type=draft.customer_id_type,
        language=draft.language, total_net=totals.net, total_tax=totals.tax,
        total_recargo=totals.recargo, total=totals.total,
        corrects_id=draft.corrects.id if draft.corrects else None,
        correction_reason=draft.correction_reason, description=draft.description[:500],
        user=actor.user, workstation=actor.workstation,
    )
    for no, ln in enumerate(draft.lines, start=1):
        a = ln.amounts
        invoice.lines.append(InvoiceLine(
            line_no=no, order_line_id=ln.order_line_id, credited_line_id=ln.credited_line_id,
            sku=ln.sku, name=ln.name, qty=ln.qty, unit_price=ln.unit_price, discount=ln.discount,
            prices_include_tax=ln.prices_include_tax, tax_rate_bp=a.tax_rate_bp,
            exemption=a.exemption, recargo_rate_bp=a.recargo_rate_bp, net=a.net, tax=a.tax,
            recargo=a.recargo, total=a.total))
    for b in totals.buckets:
        invoice.taxes.append(InvoiceTax(rate_bp=b.rate_bp, exemption=b.exemption,
                                        recargo_rate_bp=b.recargo_rate_bp, base=b.base, tax=b.tax,
                                        recargo=b.recargo))
    session.add(invoice)
    session.flush()
    record = write_record(session, invoice, ALTA, company, corrected=draft.corrects,
                          now=recorded_at or moment)
    audit.record(session, actor, entity="invoice", entity_id=invoice.id, reference=invoice.number,
                 action="issue", to_status="issued",
                 reason=draft.audit_reason or f"{draft.invoice_type} {totals.total} {draft.currency}")
    webhooks.invoice_issued(session, invoice)
    return invoice, record


def issued(invoice: Invoice, record: InvoiceRecord, company: CompanySettings) -> IssuedInvoice:
    return IssuedInvoice(
        id=invoice.id, number=invoice.number, kind=invoice.kind, invoice_type=invoice.invoice_type,
        issue_date=invoice.issue_date, currency=invoice.currency, total_net=invoice.total_net,
        total_tax=invoice.total_tax, total_recargo=invoice.total_recargo, total=invoice.total,
        record_hash=record.hash,
        qr_url=qr_url(invoice.issuer_tax_id, invoice.number, record.issue_date,
                      record.importe_total, company.verifactu_environment),
    )
