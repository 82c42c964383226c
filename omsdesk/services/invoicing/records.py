"""VERI*FACTU records: write the alta/anulación of an invoice at the head of its issuer's
chain, queue its XML in the outbox, and verify a whole chain and the series behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omsdesk.db import Database
from omsdesk.invoicing.aeat_rules import alta_refusal
from omsdesk.invoicing.record_check import invoice_mismatch
from omsdesk.invoicing.records import build_record
from omsdesk.invoicing.verifactu import ALTA, ANULACION, RecordFields, fingerprint
from omsdesk.invoicing.verifactu_xml import NO_CORRECTION, Correction, submission
from omsdesk.models import ConflictError, ValidationError
from omsdesk.models.aeat import RecordSubmission
from omsdesk.models.base import utcnow
from omsdesk.models.invoice import CompanySettings, Invoice, InvoiceChain, InvoiceRecord
from omsdesk.product import PRODUCT
from omsdesk.services import outbox
from omsdesk.services.invoicing.numbering import SeriesGap, locked_counter, series_gaps

OUTBOX_TOPIC = "verifactu.record"
CLOCK_SLACK = timedelta(minutes=1)


def _lock_chain(session: Session, issuer_tax_id: str) -> InvoiceChain:
    # Every record of this issuer is written under this lock, so each chains to the last.
    return locked_counter(session, InvoiceChain, issuer_tax_id=issuer_tax_id)


def _last_record(session: Session, issuer_tax_id: str) -> InvoiceRecord | None:
    return session.scalar(select(InvoiceRecord).where(InvoiceRecord.issuer_tax_id == issuer_tax_id)
                          .order_by(InvoiceRecord.id.desc()).limit(1))


def write_record(session: Session, invoice: Invoice, kind: str, company: CompanySettings, *,
                 corrected: Invoice | None = None, now: datetime | None = None,
                 correction: Correction = NO_CORRECTION) -> InvoiceRecord:
    """Append the alta or anulación record of `invoice` to its issuer's chain and queue it
    for the AEAT (outbox topic verifactu.record); `correction` marks a subsanación."""
    chain = _lock_chain(session, invoice.issuer_tax_id)
    previous = _last_record(session, invoice.issuer_tax_id)
    if previous is not None and _rehash(previous) != previous.hash:
        # Orden HAC/1177/2024 art. 7.i: check the last record is well chained before adding one.
        raise ConflictError(
            f"the invoice record of {previous.num_serie} does not match its fingerprint; "
            "run 'omsdesk invoices verify-chain' and fix the records before issuing")
    moment = (now or utcnow()).astimezone(ZoneInfo(company.time_zone))
    generated_at = moment.replace(microsecond=0).isoformat()
    if previous is not None and datetime.fromisoformat(previous.generated_at) > moment + CLOCK_SLACK:
        # Art. 7.i.2º: the last record may not be more than a minute ahead of this one.
        raise ConflictError(
            f"the last invoice record ({previous.num_serie}) was written at {previous.generated_at}, "
            f"after this computer's time {generated_at}; check the date and time of this workstation")
    built = build_record(invoice, kind, corrected=corrected, previous=previous,
                         generated_at=generated_at, software_version=PRODUCT.version,
                         installation=company.installation_id, correction=correction,
                         producer=(PRODUCT.producer_name, PRODUCT.producer_tax_id),
                         system=(PRODUCT.name, PRODUCT.system_id))
    if kind == ALTA:
        # Every AEAT validation that can be checked here, before anything is stored: the
        # caller's transaction (number, invoice, record) rolls back on the refusal.
        refusal = alta_refusal(built.xml, today=moment.date())
        if refusal:
            raise ValidationError(f"cannot issue {invoice.number}: {refusal}")
    f = built.fields
    record = InvoiceRecord(
        issuer_tax_id=f.issuer_tax_id, kind=kind, invoice_id=invoice.id, num_serie=f.num_serie,
        issue_date=f.issue_date, invoice_type=f.invoice_type, cuota_total=f.cuota_total,
        importe_total=f.importe_total, previous_hash=f.previous_hash, generated_at=f.generated_at,
        hash=built.hash, software_version=PRODUCT.version, installation=company.installation_id,
        solo_verifactu="S", producer_name=PRODUCT.producer_name,
        producer_tax_id=PRODUCT.producer_tax_id, subsanacion=correction.subsanacion,
        rechazo_previo=correction.rechazo_previo, xml=built.xml,
    )
    session.add(record)
    chain.records += 1
    session.flush()
    session.add(RecordSubmission(record_id=record.id))
    message = outbox.enqueue(
        session, OUTBOX_TOPIC,
        {"record_id": record.id, "kind": kind, "number": invoice.number,
         "issuer_tax_id": invoice.issuer_tax_id, "hash": record.hash,
         "xml": submission(invoice.issuer_name, invoice.issuer_tax_id, [built.xml])},
        key=f"verifactu:{invoice.issuer_tax_id}",
        idempotency_key=f"verifactu:{record.hash}",
    )
    # Due from the moment the record was written (its time, also when a caller sets it).
    message.created_at = message.next_attempt_at = now or utcnow()
    return record


def _producer_of(record: InvoiceRecord, invoice: Invoice) -> tuple[str, str]:
    """The producer a stored record names: its own columns, or the issuer for older records."""
    if record.producer_tax_id:
        return record.producer_name, record.producer_tax_id
    return invoice.issuer_name, invoice.issuer_tax_id


def _rehash(record: InvoiceRecord) -> str:
    return fingerprint(_fields_of(record))


def _fields_of(record: InvoiceRecord) -> RecordFields:
    return RecordFields(record.kind, record.issuer_tax_id, record.num_serie, record.issue_date,
                        record.invoice_type, record.cuota_total, record.importe_total,
                        record.previous_hash, record.generated_at)


@dataclass(frozen=True)
class ChainProblem:
    record_id: int
    position: int  # 1-based position in the issuer's chain
    issuer_tax_id: str
    kind: str
    number: str
    reason: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    records: int
    issuers: int
    problem: ChainProblem | None = None
    # Series with numbers missing (or a counter behind its invoices): the records of the
    # invoices left may chain perfectly while a deleted one is simply gone.
    gaps: tuple[SeriesGap, ...] = ()


def verify_chain(db: Database) -> ChainReport:
    """Recompute every issuer's chain and report the first record that does not hold, and
    every series with a missing number.

    A record holds when its fingerprint recomputes from its fields, it links to the
    fingerprint of the issuer's previous record, the invoice it records says the same
    (number, date, type, base, tax, total, recipient) and its lines add up to it
    (invoicing/record_check.py), and its stored XML is exactly the XML rebuilt from the
    invoice and the record.
    """
    with db.read() as s:
        gaps = series_gaps(s)
        records = list(s.scalars(select(InvoiceRecord).order_by(InvoiceRecord.id)))
        invoice_ids = {r.invoice_id for r in records}
        invoices = {i.id: i for i in s.scalars(
            select(Invoice).where(Invoice.id.in_(invoice_ids))
            .options(selectinload(Invoice.taxes), selectinload(Invoice.lines)))}
        corrected_ids = {i.corrects_id for i in invoices.values() if i.corrects_id}
        missing = corrected_ids - invoices.keys()
        if missing:
            invoices.update({i.id: i for i in s.scalars(
                select(Invoice).where(Invoice.id.in_(missing))
                .options(selectinload(Invoice.taxes), selectinload(Invoice.lines)))})
        last: dict[str, InvoiceRecord] = {}
        positions: dict[str, int] = {}
        for rec in records:
            positions[rec.issuer_tax_id] = positions.get(rec.issuer_tax_id, 0) + 1
            reason = _check(rec, last.get(rec.issuer_tax_id), invoices)
            if reason:
                problem = ChainProblem(rec.id, positions[rec.issuer_tax_id], rec.issuer_tax_id,
                                       rec.kind, rec.num_serie, reason)
                return ChainReport(False, len(records), len(positions), problem, gaps)
            last[rec.issuer_tax_id] = rec
        return ChainReport(not gaps, len(records), len(positions), None, gaps)


# What omsdesk writes (servicio web §8.1.2, §8.1.3, §8.2.2): plain, alta de subsanación,
# alta por rechazo, anulación por rechazo.
_CORRECTION_MARKS = {ALTA: {("", ""), ("S", ""), ("S", "X")}, ANULACION: {("", ""), ("", "S")}}


def _check(rec: InvoiceRecord, previous: InvoiceRecord | None, invoices: dict[int, Invoice]) -> str:
    if rec.kind not in (ALTA, ANULACION):
        return f"unknown record kind '{rec.kind}'"
    if _rehash(rec) != rec.hash:
        return "fingerprint does not match the record's fields"
    if (rec.subsanacion, rec.rechazo_previo) not in _CORRECTION_MARKS[rec.kind]:
        return (f"a {rec.kind} record cannot be marked Subsanacion='{rec.subsanacion}', "
                f"RechazoPrevio='{rec.rechazo_previo}'")
    expected_prev = previous.hash if previous else ""
    if rec.previous_hash != expected_prev:
        return ("not chained to the previous record" if previous
                else "first record of the chain names a previous fingerprint")
    invoice = invoices.get(rec.invoice_id)
    if invoice is None:
        return "the invoice it records does not exist"
    corrected = invoices.get(invoice.corrects_id) if invoice.corrects_id else None
    built = build_record(invoice, rec.kind, corrected=corrected, previous=previous,
                         generated_at=rec.generated_at, software_version=rec.software_version,
                         installation=rec.installation, previous_hash=rec.previous_hash,
                         correction=Correction(rec.subsanacion, rec.rechazo_previo),
                         solo_verifactu=rec.solo_verifactu, producer=_producer_of(rec, invoice))
    mismatch = invoice_mismatch(invoice, rec, built.fields)
    if mismatch:
        return f"record does not match invoice {invoice.number}: {mismatch}"
    if rec.xml != built.xml:
        return "stored XML differs from the record"
    return ""
