"""AEAT submission settings (environment, certificate, presenter) and correcting a refused record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.verifactu import ALTA, QR_HOSTS
from omsdesk.invoicing.verifactu_xml import Correction
from omsdesk.models import ConflictError, NotFound, ValidationError
from omsdesk.models.aeat import (
    ACCEPTED,
    ACCEPTED_WITH_ERRORS,
    CORRECTED,
    REJECTED,
    RecordSubmission,
)
from omsdesk.models.invoice import CompanySettings, Invoice, InvoiceRecord
from omsdesk.models.roles import Permission
from omsdesk.services import audit
from omsdesk.services.context import Actor
from omsdesk.services.invoicing.company import load_company
from omsdesk.services.invoicing.records import write_record
from omsdesk.services.users.permissions import require
from omsdesk.services.validation import valid_tax_id


@dataclass(frozen=True)
class AeatSettings:
    """What the sender needs and the screens show; no secret in here."""

    environment: str
    certificate_path: str
    presenter_nif: str
    issuer_name: str
    issuer_tax_id: str

    @property
    def configured(self) -> bool:
        """Submission is set up: records are sent, invoices print the VERI*FACTU QR and legend."""
        return bool(self.certificate_path and self.issuer_tax_id and self.issuer_name)


def settings_of(row: CompanySettings) -> AeatSettings:
    return AeatSettings(row.verifactu_environment, row.aeat_certificate_path,
                        row.aeat_presenter_nif or row.tax_id, row.name, row.tax_id)


def aeat_settings_in(session: Session) -> AeatSettings:
    return settings_of(load_company(session))


def get_aeat_settings(db: Database) -> AeatSettings:
    with db.write() as s:
        return aeat_settings_in(s)


def set_aeat_settings(db: Database, *, actor: Actor, environment: str | None = None,
                      certificate_path: str | None = None,
                      presenter_nif: str | None = None) -> AeatSettings:
    """Choose the environment (test = pre-production, production), the certificate file, and
    the NIF of the certificate's holder when it is not the issuer (a representative)."""
    if environment is not None and environment not in QR_HOSTS:
        raise ValidationError(f"VERI*FACTU environment must be one of {', '.join(QR_HOSTS)}")
    nif = None
    if presenter_nif is not None:
        nif = valid_tax_id(presenter_nif) or ""
        if presenter_nif.strip() and not nif:
            raise ValidationError(f"'{presenter_nif}' is not a valid NIF")
    with db.write() as s:
        require(s, actor, Permission.SETTINGS, subject="VERI*FACTU settings")
        row = load_company(s)
        changed = []
        for name, value in (("verifactu_environment", environment),
                            ("aeat_certificate_path", certificate_path),
                            ("aeat_presenter_nif", nif)):
            if value is not None and getattr(row, name) != value:
                setattr(row, name, value)
                changed.append(name)
        if changed:
            audit.record(s, actor, entity="company", entity_id=1, reference=row.tax_id,
                         action="aeat settings", reason=", ".join(changed))
        return settings_of(row)


def submission_configured(session: Session) -> bool:
    return aeat_settings_in(session).configured


@dataclass(frozen=True)
class CorrectedRecord:
    number: str
    kind: str
    record_hash: str
    subsanacion: str
    rechazo_previo: str
    replaces_state: str


def correct_record(db: Database, number: str, *, actor: Actor,
                   now: datetime | None = None) -> CorrectedRecord:
    """Write the correcting record of an invoice whose last record the AEAT rejected or accepted
    with errors, and queue it (the refused one stays as it was: records are immutable).

    Servicio web v1.0.0: §8.1.3 alta rejected -> new alta Subsanacion=S, RechazoPrevio=X (it
    does not exist at the AEAT); §8.1.2 alta accepted with errors -> Subsanacion=S;
    §8.2.2 anulación rejected -> new anulación RechazoPrevio=S. The new record is built from the
    invoice as it is now, with this version of omsdesk, and chained at the head of the chain.
    """
    with db.write() as s:
        invoice = s.scalar(select(Invoice).where(Invoice.number == number))
        if invoice is None:
            raise NotFound(f"no invoice {number}")
        last = s.execute(select(InvoiceRecord, RecordSubmission)
                         .join(RecordSubmission, RecordSubmission.record_id == InvoiceRecord.id)
                         .where(InvoiceRecord.invoice_id == invoice.id)
                         .order_by(InvoiceRecord.id.desc()).limit(1)).first()
        if last is None:
            raise ConflictError(f"{number} has no record the AEAT answered")
        record, sub = last
        if record.kind == ALTA and sub.state == REJECTED:
            correction = Correction("S", "X")
        elif record.kind == ALTA and sub.state == ACCEPTED_WITH_ERRORS:
            correction = Correction("S", "")
        elif sub.state == REJECTED:
            correction = Correction("", "S")
        else:
            state = "accepted" if sub.state == ACCEPTED else sub.state.replace("_", " ")
            raise ConflictError(f"the last record of {number} is {state}; only a record the "
                                "AEAT rejected or accepted with errors is corrected")
        company = load_company(s)
        corrected = s.get(Invoice, invoice.corrects_id) if invoice.corrects_id else None
        new = write_record(s, invoice, record.kind, company, corrected=corrected,
                           correction=correction, now=now)
        replaced = sub.state
        sub.state = CORRECTED
        audit.record(s, actor, entity="invoice", entity_id=invoice.id, reference=number,
                     action="aeat correction",
                     reason=f"{record.kind} {replaced}: new record {new.hash[:12]}")
        return CorrectedRecord(number, record.kind, new.hash, correction.subsanacion,
                               correction.rechazo_previo, replaced)
