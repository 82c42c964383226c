"""Credit notes (facturas rectificativas by differences) and cancellations (anulación)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.taxes import LineAmounts, share
from omsdesk.invoicing.verifactu import ANULACION
from omsdesk.models import ConflictError, ValidationError
from omsdesk.models.invoice import (
    RECTIFICATION_REASONS,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoicePayment,
)
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.issue import _refuse_if_settled, load_invoice, require_company
from omsdesk.services.invoicing.records import write_record
from omsdesk.services.invoicing.writer import Draft, DraftLine, IssuedInvoice, issued, write_invoice
from omsdesk.services.users.permissions import require
from omsdesk.services.validation import positive_int


def credited_quantities(session: Session, invoice: Invoice) -> dict[int, int]:
    """Units of each line of `invoice` already reversed by its live credit notes."""
    rows = session.execute(
        select(InvoiceLine.credited_line_id, func.sum(InvoiceLine.qty))
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.corrects_id == invoice.id, Invoice.kind == InvoiceKind.RECTIFYING.value,
               InvoiceLine.credited_line_id.is_not(None))
        .group_by(InvoiceLine.credited_line_id)
    ).all()
    # Credit note lines carry negative quantities.
    return {int(line_id): -int(qty) for line_id, qty in rows if line_id is not None}


def _quantities(invoice: Invoice, credited: dict[int, int],
                wanted: dict[str, int] | None) -> dict[int, int]:
    left = {ln.id: ln.qty - credited.get(ln.id, 0) for ln in invoice.lines}
    if wanted is None:
        return {k: v for k, v in left.items() if v > 0}
    skus = {ln.sku for ln in invoice.lines}
    unknown = sorted(set(wanted) - skus)
    if unknown:
        raise ValidationError(f"SKU {', '.join(unknown)} is not on invoice {invoice.number}")
    result: dict[int, int] = defaultdict(int)
    for sku, qty in wanted.items():
        need = positive_int(qty, f"quantity of {sku} to credit")
        for ln in invoice.lines:
            if ln.sku == sku and need:
                take = min(need, left[ln.id] - result[ln.id])
                result[ln.id] += take
                need -= take
        if need:
            open_qty = sum(left[ln.id] for ln in invoice.lines if ln.sku == sku)
            raise ValidationError(f"cannot credit {qty} x {sku} on {invoice.number}: "
                                  f"only {open_qty} left to credit")
    return {k: v for k, v in result.items() if v > 0}


def credit_invoice(db: Database, number: str, *, actor: Actor, reason_code: str,
                   quantities: dict[str, int] | None = None, reason: str = "",
                   now: datetime | None = None) -> IssuedInvoice:
    """Issue a credit note for all of an invoice, or for some SKUs and quantities of it.

    Each credited part takes its share of the original line's net, VAT and recargo by
    cumulative allocation, so crediting every unit, in one note or several, reverses the
    invoice to the cent.
    """
    code = reason_code.strip().upper()
    if code not in RECTIFICATION_REASONS:
        raise ValidationError(f"unknown reason '{reason_code}' (use {', '.join(RECTIFICATION_REASONS)})")
    with db.write() as s:
        require(s, actor, Permission.CREDIT_NOTE, subject=f"credit {number}")
        company = require_company(s)
        original = load_invoice(s, number)
        if original.kind == InvoiceKind.RECTIFYING.value:
            raise ValidationError(f"{number} is itself a credit note; it cannot be credited")
        simplified = original.kind == InvoiceKind.SIMPLIFIED.value
        if simplified != (code == "R5"):
            raise ValidationError("R5 is the reason for crediting a simplified invoice and only that"
                                  if code == "R5" else
                                  f"{number} is a simplified invoice: credit it with reason R5")
        _refuse_if_settled(s, original, "credit")
        credited = credited_quantities(s, original)
        parts = _quantities(original, credited, quantities)
        if not parts:
            raise ConflictError(f"invoice {number} is already fully credited")
        lines: list[DraftLine] = []
        for ln in original.lines:
            q = parts.get(ln.id, 0)
            if not q:
                continue
            before = credited.get(ln.id, 0)
            amounts = LineAmounts(ln.tax_rate_bp, -share(ln.net, before, q, ln.qty),
                                  -share(ln.tax, before, q, ln.qty), ln.recargo_rate_bp,
                                  -share(ln.recargo, before, q, ln.qty), ln.exemption)
            lines.append(DraftLine(ln.sku, ln.name, -q, ln.unit_price,
                                   -share(ln.discount, before, q, ln.qty), ln.prices_include_tax,
                                   amounts, order_line_id=ln.order_line_id, credited_line_id=ln.id))
        why = reason.strip() or RECTIFICATION_REASONS[code]
        draft = Draft(
            kind=InvoiceKind.RECTIFYING, invoice_type=code, lines=tuple(lines),
            currency=original.currency, exchange_rate=original.exchange_rate,
            customer_id=original.customer_id, customer_name=original.customer_name,
            customer_tax_id=original.customer_tax_id, customer_address=original.customer_address,
            customer_country=original.customer_country, customer_id_type=original.customer_id_type,
            language=original.language,
            description=f"Rectificación por diferencias de la factura {original.number}: {why}",
            order_id=original.order_id, corrects=original, correction_reason=f"{code}: {why}",
            audit_reason=f"credits {original.number}: {code} {why}",
        )
        invoice, record = write_invoice(s, draft, company, actor=actor, now=now)
        return issued(invoice, record, company)


@dataclass(frozen=True)
class CancelledInvoice:
    number: str
    record_hash: str


def cancel_invoice(db: Database, number: str, *, actor: Actor, reason: str,
                   now: datetime | None = None) -> CancelledInvoice:
    """Annul an invoice issued by mistake with a registro de anulación (its number stays used).

    Only an invoice nothing builds on can be annulled: no payments, credit notes or F3.
    """
    if not reason.strip():
        raise ValidationError("say why the invoice is cancelled (--reason)")
    with db.write() as s:
        require(s, actor, Permission.CREDIT_NOTE, subject=f"annul {number}")
        company = require_company(s)
        invoice = load_invoice(s, number)
        _refuse_if_settled(s, invoice, "cancel")
        followers = s.scalar(select(Invoice.number).where(Invoice.corrects_id == invoice.id))
        if followers:
            raise ConflictError(f"cannot cancel {number}: {followers} corrects it; credit it instead")
        if s.scalar(select(func.count()).select_from(InvoicePayment)
                    .where(InvoicePayment.invoice_id == invoice.id)):
            raise ConflictError(f"cannot cancel {number}: payments were recorded against it")
        record = write_record(s, invoice, ANULACION, company, now=now)
        audit.record(s, actor, entity="invoice", entity_id=invoice.id, reference=invoice.number,
                     action="cancel", from_status="issued", to_status="cancelled", reason=reason)
        return CancelledInvoice(invoice.number, record.hash)
