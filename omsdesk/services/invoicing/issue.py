"""Issuing invoices: a whole order or one shipment, ordinary or simplified (counter ticket),
and turning a simplified invoice into an ordinary one with the customer's tax id (F3)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.taxes import (
    EXEMPTIONS,
    RECARGO_BP,
    LineAmounts,
    check_exemption,
    check_rate,
    parse_rate,
    share,
    to_euro_cents,
)
from omsdesk.invoicing.verifactu_xml import is_spanish_tax_id
from omsdesk.models import (
    ConflictError,
    Customer,
    NotFound,
    Order,
    OrderStatus,
    Shipment,
    ValidationError,
)
from omsdesk.models.invoice import CompanySettings, Invoice, InvoiceKind, InvoiceLine, InvoiceRecord
from omsdesk.models.money import currency_exponent, format_minor, tax_on_net
from omsdesk.services.context import Actor
from omsdesk.services.fulfilment.status import load_order
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.writer import Draft, DraftLine, IssuedInvoice, issued, write_invoice
from omsdesk.services.validation import valid_tax_id


def require_company(session: Session) -> CompanySettings:
    company = load_company(session)
    if not company.name or not company.tax_id:
        raise ValidationError(
            "the company's name and tax id are not set: fill them in Settings or run "
            "'omsdesk company set --name NAME --tax-id NIF --address ...'")
    return company


def issue_invoice(db: Database, reference: str, *, actor: Actor, simplified: bool = False,
                  shipment_id: int | None = None, recargo: bool = False,
                  exemption: str | None = None, exchange_rate: str | None = None,
                  now: datetime | None = None) -> IssuedInvoice:
    """Invoice what is not yet invoiced of an order (or one shipment of it), in one transaction.

    The number is taken in the same transaction, so an issue that fails leaves no gap.
    """
    with db.write() as s:
        company = require_company(s)
        invoice, record = issue_in(s, load_order(s, reference), company, actor=actor,
                                   simplified=simplified, shipment_id=shipment_id,
                                   recargo=recargo, exemption=exemption,
                                   exchange_rate=exchange_rate, now=now)
        return issued(invoice, record, company)


def _cancelled_ids(session: Session, invoice_ids: set[int]) -> set[int]:
    if not invoice_ids:
        return set()
    return set(session.scalars(select(InvoiceRecord.invoice_id).where(
        InvoiceRecord.kind == "anulacion", InvoiceRecord.invoice_id.in_(invoice_ids))))


def invoiced_quantities(session: Session, order: Order) -> dict[int, int]:
    """Units of each order line already on a live ordinary or simplified invoice.

    An F3 repeats the lines of the simplified invoice it replaces, so it is not counted again;
    a cancelled invoice gives its units back.
    """
    rows = session.execute(
        select(InvoiceLine.order_line_id, Invoice.id, func.sum(InvoiceLine.qty))
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        # By line, not by Invoice.order_id: a monthly invoice covers lines of several orders.
        .where(InvoiceLine.order_line_id.in_([ln.id for ln in order.lines]),
               Invoice.kind != InvoiceKind.RECTIFYING.value,
               Invoice.invoice_type != "F3")
        .group_by(InvoiceLine.order_line_id, Invoice.id)
    ).all()
    cancelled = _cancelled_ids(session, {r[1] for r in rows})
    done: dict[int, int] = defaultdict(int)
    for line_id, invoice_id, qty in rows:
        if line_id is not None and invoice_id not in cancelled:
            done[line_id] += int(qty)
    return done


def _wanted(session: Session, order: Order, shipment_id: int | None,
            done: dict[int, int]) -> tuple[dict[int, int], Shipment | None]:
    if shipment_id is None:
        return {ln.id: ln.qty - done.get(ln.id, 0) for ln in order.lines}, None
    shipment = session.get(Shipment, shipment_id)
    if shipment is None or shipment.order_id != order.id:
        raise NotFound(f"shipment {shipment_id} is not a shipment of order {order.reference}")
    if shipment.shipped_at is None:
        raise ConflictError(f"parcel {shipment_id} of {order.reference} has not shipped yet")
    taken = session.scalar(select(Invoice.number).where(Invoice.shipment_id == shipment_id))
    if taken:
        raise ConflictError(f"shipment {shipment_id} is already invoiced on {taken}")
    wanted: dict[int, int] = defaultdict(int)
    for sl in shipment.lines:
        wanted[sl.order_line_id] += sl.qty
    for ln in order.lines:
        if wanted.get(ln.id, 0) > ln.qty - done.get(ln.id, 0):
            raise ConflictError(f"{ln.sku} of shipment {shipment_id} is already invoiced")
    return dict(wanted), shipment


@dataclass(frozen=True)
class _Buyer:
    """The customer as the invoice states it."""

    customer: Customer | None
    name: str
    tax_id: str
    address: str
    country: str
    id_type: str = ""  # '' for NIF / EU VAT, else AEAT list L7 (IDOtro)


def _customer(session: Session, order: Order) -> _Buyer:
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    name = (customer.name if customer else "") or order.customer_name or order.ship_name
    id_type = customer.tax_id_type if customer and customer.tax_id else ""
    if id_type:
        # A foreign document (passport, id of the country of residence...): stored as typed.
        tax_id = customer.tax_id if customer and customer.tax_id else ""
    else:
        tax_id = (valid_tax_id(customer.tax_id) or "") if customer and customer.tax_id else ""
    addr = None
    if customer and customer.addresses:
        addr = next((a for a in customer.addresses if a.kind == "billing"), customer.addresses[0])
    if addr is not None:
        parts = [addr.company, addr.line1, addr.line2, f"{addr.postcode} {addr.city}".strip(), addr.province]
        country = addr.country
    else:
        parts = [order.ship_line1, order.ship_line2,
                 f"{order.ship_postcode} {order.ship_city}".strip(), order.ship_province]
        country = order.ship_country
    if id_type and customer is not None and customer.tax_id_country:
        # IDOtro names the country that issued the document, which is where the buyer resides.
        country = customer.tax_id_country
    return _Buyer(customer, name, tax_id, "\n".join(p for p in parts if p), country or "ES", id_type)


def _check_buyer(buyer: _Buyer, order: Order, exemption: str | None) -> None:
    """RD 1619/2012 art. 6.1.d and AEAT Validaciones §3.1.3.13, §15.5.1, in the user's words."""
    if not buyer.tax_id:
        raise ValidationError(
            f"an ordinary invoice must identify the customer of {order.reference} (RD 1619/2012 art. "
            "6.1.d; AEAT validation 3.1.3.13): give the customer a Spanish NIF, an EU VAT number or "
            "a foreign id with its type and country, or issue a simplified invoice (--simplified)")
    if exemption == "E5" and (buyer.id_type or is_spanish_tax_id(buyer.tax_id)
                              or buyer.tax_id.startswith("ES")):
        raise ValidationError(
            "an intra-community delivery (E5, Ley 37/1992 art. 25) must go to a buyer identified for "
            f"VAT in another EU Member State; the customer of {order.reference} has "
            f"'{buyer.tax_id}', not such a VAT number (AEAT validation 15.5.1)")


def _exchange_rate(currency: str, given: str | None) -> str:
    if currency == "EUR":
        if given is not None and parse_rate(given) != 1:
            raise ValidationError("an invoice in EUR has no exchange rate")
        return "1"
    if given is None:
        raise ValidationError(f"an invoice in {currency} needs its exchange rate to EUR "
                              "(euros per 1 unit, e.g. --rate 0.92)")
    return str(parse_rate(given))


def issue_in(session: Session, order: Order, company: CompanySettings, *, actor: Actor,
             simplified: bool = False, shipment_id: int | None = None, recargo: bool = False,
             exemption: str | None = None, exchange_rate: str | None = None,
             now: datetime | None = None, series: str | None = None,
             expected_seq: int | None = None,
             recorded_at: datetime | None = None) -> tuple[Invoice, InvoiceRecord]:
    """The same as issue_invoice inside a caller's transaction (the counter sale; a replayed
    offline sale also gives its series, printed number and replay time: see write_invoice)."""
    if order.status == OrderStatus.CANCELLED.value:
        raise ValidationError(f"order {order.reference} is cancelled; there is nothing to invoice")
    exemption = check_exemption(exemption)
    if simplified and exemption == "E5":
        raise ValidationError("an intra-community delivery needs an ordinary invoice "
                              "(RD 1619/2012 art. 4.3), not a simplified one")
    done = invoiced_quantities(session, order)
    wanted, shipment = _wanted(session, order, shipment_id, done)
    lines: list[DraftLine] = []
    for ln in order.lines:
        q = wanted.get(ln.id, 0)
        if q <= 0:
            continue
        before = done.get(ln.id, 0)
        net = share(ln.net, before, q, ln.qty)
        if exemption is not None:
            amounts = LineAmounts(0, net, 0, 0, 0, exemption)
        else:
            rate = check_rate(ln.tax_rate_bp, ln.sku)
            rec_bp = RECARGO_BP[rate] if recargo else 0
            amounts = LineAmounts(rate, net, share(ln.tax, before, q, ln.qty), rec_bp,
                                  tax_on_net(net, rec_bp))
        lines.append(DraftLine(ln.sku, ln.name, q, ln.unit_price, share(ln.discount, before, q, ln.qty),
                               order.prices_include_tax, amounts, order_line_id=ln.id))
    if not lines:
        raise ConflictError(f"order {order.reference} is already fully invoiced")
    buyer = _customer(session, order)
    customer, name, tax_id, address, country = (buyer.customer, buyer.name, buyer.tax_id,
                                                buyer.address, buyer.country)
    rate_text = _exchange_rate(order.currency, exchange_rate)
    kind = InvoiceKind.SIMPLIFIED if simplified else InvoiceKind.ORDINARY
    if kind is InvoiceKind.ORDINARY and not name:
        raise ValidationError(f"an ordinary invoice needs the customer's name; order "
                              f"{order.reference} has none (use --simplified for a counter sale)")
    if kind is InvoiceKind.ORDINARY:
        _check_buyer(buyer, order, exemption)
    total = sum(d.amounts.total for d in lines)
    if simplified:
        _check_simplified_limit(total, order.currency, rate_text, company)
    local = ZoneInfo(company.time_zone)
    draft = Draft(
        kind=kind, invoice_type="F2" if simplified else "F1", lines=tuple(lines),
        currency=order.currency, exchange_rate=rate_text,
        customer_id=customer.id if customer else None, customer_name=name,
        customer_tax_id="" if simplified else tax_id, customer_address="" if simplified else address,
        customer_country=country, customer_id_type="" if simplified else buyer.id_type,
        language=customer.language if customer and customer.language in ("es", "en") else "es",
        description=_description(order, shipment, exemption), order_id=order.id,
        shipment_id=shipment.id if shipment else None,
        operation_date=_operation_date(order, shipment, local),
        due_days=0 if simplified else company.payment_days,
    )
    return write_invoice(session, draft, company, actor=actor, now=now, series=series,
                         expected_seq=expected_seq, recorded_at=recorded_at)


def _operation_date(order: Order, shipment: Shipment | None, local: ZoneInfo) -> date | None:
    """When the goods left (RD 1619/2012 art. 6.1.i): the invoiced parcel's day, else the order's last parcel.

    The writer drops it when it is the issue date, so only a different day is printed and recorded.
    """
    if shipment is not None:
        return shipment.shipped_at.astimezone(local).date() if shipment.shipped_at else None
    days = [sh.shipped_at for sh in order.shipments if sh.shipped_at is not None]
    return max(days).astimezone(local).date() if days else None


def _description(order: Order, shipment: Shipment | None, exemption: str | None) -> str:
    text = f"Venta de mercaderías, pedido {order.reference}"
    if shipment is not None:
        text += f", envío {shipment.id}"
    if exemption:
        text += f". {EXEMPTIONS[exemption]}"
    return text


def _check_simplified_limit(total: int, currency: str, rate: str, company: CompanySettings) -> None:
    euros = total if currency == "EUR" else to_euro_cents(total, currency_exponent(currency),
                                                          parse_rate(rate))
    if euros > company.simplified_limit:
        raise ValidationError(
            f"a simplified invoice is limited to {format_minor(company.simplified_limit, 'EUR')} "
            f"VAT included (RD 1619/2012 art. 4); this sale is {format_minor(euros, 'EUR')}: "
            "issue an ordinary invoice with the customer's name and tax id")


def convert_simplified(db: Database, number: str, *, actor: Actor, tax_id: str, name: str,
                       address: str = "", country: str = "ES",
                       now: datetime | None = None) -> IssuedInvoice:
    """Replace a simplified invoice by an ordinary one (type F3) naming the customer."""
    clean_tax_id = valid_tax_id(tax_id, country)
    if not clean_tax_id:
        raise ValidationError("converting a simplified invoice needs the customer's tax id")
    if not name.strip():
        raise ValidationError("converting a simplified invoice needs the customer's name")
    with db.write() as s:
        company = require_company(s)
        original = load_invoice(s, number)
        if original.kind != InvoiceKind.SIMPLIFIED.value:
            raise ValidationError(f"{number} is not a simplified invoice")
        _refuse_if_settled(s, original, "convert")
        lines = tuple(
            DraftLine(ln.sku, ln.name, ln.qty, ln.unit_price, ln.discount, ln.prices_include_tax,
                      LineAmounts(ln.tax_rate_bp, ln.net, ln.tax, ln.recargo_rate_bp, ln.recargo,
                                  ln.exemption), order_line_id=ln.order_line_id)
            for ln in original.lines)
        draft = Draft(
            kind=InvoiceKind.ORDINARY, invoice_type="F3", lines=lines, currency=original.currency,
            exchange_rate=original.exchange_rate, customer_id=original.customer_id,
            customer_name=name.strip(), customer_tax_id=clean_tax_id,
            customer_address=address.strip(), customer_country=country, language=original.language,
            description=f"Sustituye a la factura simplificada {original.number}. {original.description}",
            order_id=original.order_id, operation_date=original.issue_date, corrects=original,
            correction_reason=f"Sustituye a la factura simplificada {original.number}",
            audit_reason=f"replaces {original.number}",
        )
        invoice, record = write_invoice(s, draft, company, actor=actor, now=now)
        return issued(invoice, record, company)


def load_invoice(session: Session, number: str) -> Invoice:
    invoice = session.scalar(select(Invoice).where(Invoice.number == number.strip()))
    if invoice is None:
        raise NotFound(f"unknown invoice '{number}'")
    return invoice


def _refuse_if_settled(session: Session, invoice: Invoice, what: str) -> None:
    """Refuse to build on an invoice that was cancelled, replaced or (for a conversion) credited."""
    if _cancelled_ids(session, {invoice.id}):
        raise ConflictError(f"cannot {what} {invoice.number}: it was cancelled")
    followers = session.execute(select(Invoice.number, Invoice.kind, Invoice.id)
                                .where(Invoice.corrects_id == invoice.id)).all()
    live = [f for f in followers if f.id not in _cancelled_ids(session, {f.id})]
    replaced = [f.number for f in live if f.kind == InvoiceKind.ORDINARY.value]
    if replaced:
        raise ConflictError(f"cannot {what} {invoice.number}: it was replaced by {replaced[0]}")
    credits = [f.number for f in live if f.kind == InvoiceKind.RECTIFYING.value]
    if credits and what == "convert":
        raise ConflictError(f"cannot convert {invoice.number}: it has credit note {credits[0]}")
