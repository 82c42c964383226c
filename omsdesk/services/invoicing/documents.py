"""From stored invoices to the printable InvoiceDoc, and to PDF bytes (A4 or 80 mm receipt)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.documents.data import DocLine, InvoiceDoc, InvoiceKind, Language, Party, TaxBreakdown
from omsdesk.documents.formats import format_day, format_money
from omsdesk.invoicing.taxes import EXEMPTIONS, parse_rate, to_euro_cents
from omsdesk.invoicing.verifactu import QR_LEGEND, qr_url
from omsdesk.invoicing.verifactu_xml import is_spanish_tax_id
from omsdesk.models import ValidationError
from omsdesk.models.invoice import CompanySettings, Invoice, InvoiceRecord
from omsdesk.models.money import currency_exponent, round_half_up
from omsdesk.services.invoicing.aeat import settings_of
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.issue import load_invoice

Layout = Literal["auto", "a4", "receipt"]


def _doc_kind(invoice: Invoice) -> InvoiceKind:
    if invoice.invoice_type.startswith("R"):
        return "credit_note"
    return "simplified" if invoice.invoice_type == "F2" else "invoice"


def _lines(invoice: Invoice, gross_prices: bool) -> tuple[DocLine, ...]:
    lines = []
    for ln in invoice.lines:
        rate = ln.tax_rate_bp
        unit = ln.unit_price
        if ln.prices_include_tax and not gross_prices:
            unit = round_half_up(Decimal(unit) * 10000 / (10000 + rate))  # printed net price
        elif not ln.prices_include_tax and gross_prices:
            unit = round_half_up(Decimal(unit) * (10000 + rate) / 10000)
        gross_amount = abs(ln.qty) * ln.unit_price
        discount_bp = round_half_up(Decimal(abs(ln.discount)) * 10000 / gross_amount) if gross_amount else 0
        lines.append(DocLine(sku=ln.sku, name=ln.name, qty=ln.qty, unit_price=unit,
                             discount_bp=discount_bp, tax_rate_bp=rate, net=ln.net, tax=ln.tax,
                             total=ln.total))
    return tuple(lines)


def _notes(invoice: Invoice, corrected: Invoice | None) -> tuple[str, ...]:
    notes = [EXEMPTIONS[t.exemption] for t in invoice.taxes if t.exemption]
    if invoice.invoice_type == "F3" and corrected is not None:
        notes.append(f"Sustituye a la factura simplificada {corrected.number} del "
                     f"{format_day(corrected.issue_date, 'es')}.")
    if invoice.currency != "EUR":
        rate = parse_rate(invoice.exchange_rate)
        vat_eur = to_euro_cents(invoice.total_tax + invoice.total_recargo,
                                currency_exponent(invoice.currency), rate)
        # The VAT must also be stated in euros when invoicing in another currency.
        notes.append(f"Tipo de cambio: 1 {invoice.currency} = {rate} EUR. "
                     f"Cuota de IVA en euros: {format_money(vat_eur, 'EUR', 'es')}.")
    return tuple(notes)


def _tax_id_kind(invoice: Invoice) -> str:
    if invoice.customer_id_type:
        return f"id_{invoice.customer_id_type}"
    tax_id = invoice.customer_tax_id
    return "tax_id" if not tax_id or is_spanish_tax_id(tax_id) else "vat_id"


def invoice_doc(session: Session, number: str) -> InvoiceDoc:
    """The printable values of an issued invoice, simplified invoice or credit note."""
    invoice = load_invoice(session, number)
    company = load_company(session)
    return doc_for(session, invoice, company)


def doc_for(session: Session, invoice: Invoice, company: CompanySettings) -> InvoiceDoc:
    corrected = session.get(Invoice, invoice.corrects_id) if invoice.corrects_id else None
    record = session.scalar(select(InvoiceRecord).where(
        InvoiceRecord.invoice_id == invoice.id, InvoiceRecord.kind == "alta"))
    cancelled = session.scalar(select(InvoiceRecord.generated_at).where(
        InvoiceRecord.invoice_id == invoice.id, InvoiceRecord.kind == "anulacion")
        .order_by(InvoiceRecord.id).limit(1))
    kind = _doc_kind(invoice)
    lang: Language = "en" if invoice.language == "en" else "es"
    issuer_lines = tuple(ln for ln in invoice.issuer_address.splitlines() if ln and ln != "ES")
    issuer = Party(name=invoice.issuer_name, tax_id=invoice.issuer_tax_id,
                   address_lines=issuer_lines, email=company.email, phone=company.phone)
    customer = None
    if invoice.customer_name or invoice.customer_tax_id:
        customer = Party(name=invoice.customer_name, tax_id=invoice.customer_tax_id,
                         address_lines=tuple(invoice.customer_address.splitlines()),
                         country=invoice.customer_country if invoice.customer_address else "",
                         tax_id_kind=_tax_id_kind(invoice))
    # VERI*FACTU-only use (docs/verifactu.md): the QR and the «VERI*FACTU» legend say the AEAT
    # holds the record (Orden HAC/1177/2024 art. 20.1.b), so they print only while records are
    # being sent.
    url = (qr_url(invoice.issuer_tax_id, invoice.number, record.issue_date, record.importe_total,
                  company.verifactu_environment)
           if record is not None and settings_of(company).configured else None)
    terms = ""
    if kind == "invoice" and invoice.due_date > invoice.issue_date:
        terms = ("Vencimiento: " if lang == "es" else "Due date: ") + format_day(invoice.due_date, lang)
    return InvoiceDoc(
        kind=kind, number=invoice.number, issue_date=invoice.issue_date, issuer=issuer,
        lines=_lines(invoice, gross_prices=kind == "simplified"),
        breakdown=tuple(TaxBreakdown(rate_bp=t.rate_bp, base=t.base, tax=t.tax,
                                     recargo_rate_bp=t.recargo_rate_bp or None,
                                     recargo=t.recargo if t.recargo_rate_bp else None)
                        for t in invoice.taxes),
        total_net=invoice.total_net, total_tax=invoice.total_tax, total=invoice.total,
        currency=invoice.currency, language=lang, operation_date=invoice.operation_date,
        customer=customer, logo_path=company.logo_path or None, payment_terms=terms,
        legal_notes=_notes(invoice, corrected), qr_url=url, qr_legend=QR_LEGEND if url else None,
        corrected_number=corrected.number if kind == "credit_note" and corrected else None,
        corrected_issue_date=corrected.issue_date if kind == "credit_note" and corrected else None,
        correction_reason=invoice.correction_reason or None,
        # generated_at is local time with its offset: its date is the day it was cancelled there.
        cancelled_on=datetime.fromisoformat(cancelled).date() if cancelled else None,
    )


def render_invoice_pdf(session: Session, number: str, layout: Layout = "auto") -> bytes:
    """The invoice as PDF: A4, or the 80 mm receipt (the default for simplified invoices)."""
    from omsdesk.documents.invoice import render_invoice
    from omsdesk.documents.receipt import render_receipt

    doc = invoice_doc(session, number)
    if layout not in ("auto", "a4", "receipt"):
        raise ValidationError(f"unknown invoice layout '{layout}'")
    receipt = layout == "receipt" or (layout == "auto" and doc.kind == "simplified")
    return render_receipt(doc) if receipt else render_invoice(doc)


# `omsdesk print invoice|receipt|credit-note NUMBER...`: which layout each prints in.
PRINT_KINDS: dict[str, Layout] = {"invoice": "a4", "receipt": "receipt", "credit-note": "a4"}


def render_invoice_documents(session: Session, kind: str, numbers: list[str]) -> bytes:
    """Several invoices, receipts or credit notes as one PDF (one print job), in the given order."""
    import io

    from pypdf import PdfWriter

    if kind not in PRINT_KINDS:
        raise ValidationError(f"unknown invoice document '{kind}' (use {', '.join(PRINT_KINDS)})")
    if not numbers:
        raise ValidationError("give at least one invoice number")
    writer = PdfWriter()
    for number in numbers:
        invoice = load_invoice(session, number)
        is_credit = invoice.invoice_type.startswith("R")
        if (kind == "credit-note") != is_credit:
            raise ValidationError(f"{number} is {'a credit note' if is_credit else 'not a credit note'}; "
                                  f"print it as {'credit-note' if is_credit else 'invoice or receipt'}")
        writer.append(io.BytesIO(render_invoice_pdf(session, number, PRINT_KINDS[kind])))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
