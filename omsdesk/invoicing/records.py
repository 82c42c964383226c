"""From a stored invoice to the fields, fingerprint and XML of its VERI*FACTU records."""

from __future__ import annotations

from dataclasses import dataclass

from omsdesk.invoicing.taxes import EXEMPTION_REGIME, parse_rate, to_euro_cents
from omsdesk.invoicing.verifactu import (
    ALTA,
    ANULACION,
    RecordFields,
    amount_text,
    fingerprint,
    record_date,
)
from omsdesk.invoicing.verifactu_xml import (
    NO_CORRECTION,
    AltaContent,
    Correction,
    Detail,
    InvoiceRef,
    Recipient,
    Software,
    alta_xml,
    anulacion_xml,
)
from omsdesk.models.invoice import Invoice, InvoiceRecord
from omsdesk.models.money import currency_exponent

# Invoice types that never name a recipient in the record: simplified and their corrections.
_NO_RECIPIENT = ("F2", "R5")


@dataclass(frozen=True)
class BuiltRecord:
    fields: RecordFields
    hash: str
    xml: str


def rate_text(rate_bp: int) -> str:
    return f"{rate_bp // 100}.{rate_bp % 100:02d}"


def _to_euros(invoice: Invoice) -> tuple[tuple[Detail, ...], int, int]:
    """The breakdown in euro cents (records are in euros), with CuotaTotal and ImporteTotal.

    Each amount of the breakdown is converted half-up on its own and the totals are their
    sums, so the record adds up even for an invoice in another currency.
    """
    exp = currency_exponent(invoice.currency)
    rate = parse_rate(invoice.exchange_rate)

    def eur(amount: int) -> int:
        return amount if invoice.currency == "EUR" else to_euro_cents(amount, exp, rate)

    details: list[Detail] = []
    cuota = base_total = 0
    for t in invoice.taxes:
        base, tax, rec = eur(t.base), eur(t.tax), eur(t.recargo)
        cuota += tax + rec
        base_total += base
        if t.exemption:
            details.append(Detail(base=amount_text(base), exemption=t.exemption,
                                  regime=EXEMPTION_REGIME[t.exemption]))
            continue
        details.append(Detail(
            base=amount_text(base), rate=rate_text(t.rate_bp), cuota=amount_text(tax),
            recargo_rate=rate_text(t.recargo_rate_bp) if t.recargo_rate_bp else "",
            recargo=amount_text(rec) if t.recargo_rate_bp else "",
        ))
    return tuple(details), cuota, base_total + cuota


def invoice_ref(invoice: Invoice) -> InvoiceRef:
    return InvoiceRef(invoice.issuer_tax_id, invoice.number, record_date(invoice.issue_date))


def record_fields(invoice: Invoice, kind: str, previous_hash: str, generated_at: str) -> RecordFields:
    """The hashed fields of the alta or anulación record of `invoice`."""
    if kind == ANULACION:
        return RecordFields(ANULACION, invoice.issuer_tax_id, invoice.number,
                            record_date(invoice.issue_date), "", "", "", previous_hash, generated_at)
    _details, cuota, importe = _to_euros(invoice)
    return RecordFields(ALTA, invoice.issuer_tax_id, invoice.number, record_date(invoice.issue_date),
                        invoice.invoice_type, amount_text(cuota), amount_text(importe),
                        previous_hash, generated_at)


def build_record(invoice: Invoice, kind: str, *, corrected: Invoice | None,
                 previous: InvoiceRecord | None, generated_at: str, software_version: str,
                 installation: str, previous_hash: str | None = None,
                 correction: Correction = NO_CORRECTION, solo_verifactu: str = "S",
                 producer: tuple[str, str], system: tuple[str, str] = ("omsdesk", "OM")) -> BuiltRecord:
    """Fields, fingerprint and XML of a record; `previous` is the issuer's last record, if any.

    `producer` is the (name, NIF) named in SistemaInformatico and `system` the system's
    (name, IdSistemaInformatico): omsdesk's own (omsdesk/product.py) when writing; verify-chain
    passes the producer stored with the record (the issuer for records written before omsdesk
    named its producer).

    `previous_hash` defaults to the previous record's hash; verify-chain passes the stored one
    so that it can rebuild a record exactly as it was written and check the link separately.
    """
    prev_hash = (previous.hash if previous else "") if previous_hash is None else previous_hash
    fields = record_fields(invoice, kind, prev_hash, generated_at)
    hash_ = fingerprint(fields)
    prev_ref = (InvoiceRef(previous.issuer_tax_id, previous.num_serie, previous.issue_date)
                if previous is not None else None)
    software = Software(producer_name=producer[0], producer_tax_id=producer[1],
                        version=software_version, installation=installation,
                        name=system[0], system_id=system[1], solo_verifactu=solo_verifactu)
    if kind == ANULACION:
        return BuiltRecord(fields, hash_, anulacion_xml(fields, hash_, prev_ref, software, correction))
    details, _cuota, _importe = _to_euros(invoice)
    recipient = None
    if invoice.customer_tax_id and invoice.invoice_type not in _NO_RECIPIENT:
        recipient = Recipient(invoice.customer_name or invoice.customer_tax_id,
                              invoice.customer_tax_id, invoice.customer_country,
                              invoice.customer_id_type)
    rectified: tuple[InvoiceRef, ...] = ()
    substituted: tuple[InvoiceRef, ...] = ()
    if corrected is not None and invoice.invoice_type.startswith("R"):
        rectified = (invoice_ref(corrected),)
    elif corrected is not None and invoice.invoice_type == "F3":
        substituted = (invoice_ref(corrected),)
    operation = (record_date(invoice.operation_date)
                 if invoice.operation_date and invoice.operation_date != invoice.issue_date else None)
    content = AltaContent(issuer_name=invoice.issuer_name, description=invoice.description,
                          details=details, recipient=recipient, rectified=rectified,
                          substituted=substituted, operation_date=operation)
    return BuiltRecord(fields, hash_, alta_xml(fields, hash_, content, prev_ref, software, correction))
