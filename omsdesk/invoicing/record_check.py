"""Does an invoice, with its lines, still say what its VERI*FACTU record says? (verify-chain)

The record's hashed fields only carry the number, date, type and two totals; a record can be
forged consistently with its invoice's totals while the lines say otherwise, or an invoice's
recipient changed behind its record. These checks compare each part of the invoice with the
record and name the first difference in words a clerk can act on.
"""

from __future__ import annotations

from lxml import etree

from omsdesk.invoicing.taxes import LineAmounts, breakdown
from omsdesk.invoicing.verifactu import ALTA, RecordFields, amount_text, record_date
from omsdesk.invoicing.verifactu_xml import NS_SF
from omsdesk.models.invoice import Invoice, InvoiceRecord

_NS = {"sf": NS_SF}


def _money(cents: int) -> str:
    return amount_text(cents)


def _lines_problem(invoice: Invoice) -> str:
    totals = breakdown(LineAmounts(ln.tax_rate_bp, ln.net, ln.tax, ln.recargo_rate_bp, ln.recargo,
                                   ln.exemption) for ln in invoice.lines)
    if not invoice.lines:
        return "has no lines"
    for what, from_lines, stated in (("base", totals.net, invoice.total_net),
                                     ("VAT", totals.tax, invoice.total_tax),
                                     ("recargo", totals.recargo, invoice.total_recargo),
                                     ("total", totals.total, invoice.total)):
        if from_lines != stated:
            return (f"its lines add up to {what} {_money(from_lines)} but the invoice says "
                    f"{_money(stated)}")
    stored = sorted((t.rate_bp, t.exemption or "", t.recargo_rate_bp, t.base, t.tax, t.recargo)
                    for t in invoice.taxes)
    expected = sorted((b.rate_bp, b.exemption or "", b.recargo_rate_bp, b.base, b.tax, b.recargo)
                      for b in totals.buckets)
    if stored != expected:
        return "its VAT breakdown does not match its lines (base or VAT of a rate differs)"
    return ""


def _recipient_of(record: InvoiceRecord) -> tuple[str, str]:
    """(name, tax id) of the record's first IDDestinatario, or ('', '') when it names none."""
    try:
        root = etree.fromstring(record.xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return "", ""  # verify-chain then reports the stored XML as differing
    who = root.find("sf:Destinatarios/sf:IDDestinatario", _NS)
    if who is None:
        return "", ""
    name = who.findtext("sf:NombreRazon", "", _NS)
    tax_id = who.findtext("sf:NIF", "", _NS) or who.findtext("sf:IDOtro/sf:ID", "", _NS)
    return name, tax_id


def invoice_mismatch(invoice: Invoice, record: InvoiceRecord, expected: RecordFields) -> str:
    """The first way `invoice` (its header and lines) disagrees with `record`, or ''.

    `expected` are the record fields recomputed from the invoice (totals in euros, empty type
    and totals for an anulación), as invoicing/records.record_fields computes them.
    """
    if record.num_serie != invoice.number:
        return f"the record is of number {record.num_serie}, the invoice is {invoice.number}"
    if record.issue_date != record_date(invoice.issue_date):
        return (f"the record is dated {record.issue_date}, the invoice "
                f"{record_date(invoice.issue_date)}")
    if record.issuer_tax_id != invoice.issuer_tax_id:
        return f"the record's issuer is {record.issuer_tax_id}, the invoice's {invoice.issuer_tax_id}"
    lines = _lines_problem(invoice)
    if lines:
        return lines
    if record.invoice_type != expected.invoice_type:
        return f"the record is of type '{record.invoice_type}', the invoice '{expected.invoice_type}'"
    if record.cuota_total != expected.cuota_total:
        return f"the record's tax is '{record.cuota_total}', the invoice's '{expected.cuota_total}'"
    if record.importe_total != expected.importe_total:
        return (f"the record's total is '{record.importe_total}', the invoice's "
                f"'{expected.importe_total}'")
    if record.kind != ALTA:
        return ""
    name, tax_id = _recipient_of(record)
    if tax_id and tax_id != invoice.customer_tax_id:
        return f"the record's recipient is {tax_id}, the invoice's {invoice.customer_tax_id or 'none'}"
    if tax_id and name != (invoice.customer_name or invoice.customer_tax_id)[:120]:
        return f"the record's recipient is named '{name}', the invoice's '{invoice.customer_name}'"
    if not tax_id and invoice.customer_tax_id and invoice.invoice_type not in ("F2", "R5"):
        return f"the record names no recipient, the invoice names {invoice.customer_tax_id}"
    return ""
