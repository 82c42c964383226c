"""What the AEAT answered: one row per VERI*FACTU record sent, one per submission (batch)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omsdesk.models.base import Base, utcnow

# Per-record states. QUEUED until an answer arrives; then the AEAT's EstadoRegistro
# (RespuestaSuministro.xsd, EstadoRegistroType): Correcto, AceptadoConErrores, Incorrecto.
QUEUED = "queued"
ACCEPTED = "accepted"
ACCEPTED_WITH_ERRORS = "accepted_with_errors"
REJECTED = "rejected"
# A later record of the same invoice (subsanación) has taken this one's place.
CORRECTED = "corrected"
# The AEAT refused the whole message as malformed (SOAP Fault soapenv:Client): not retried.
REFUSED = "refused"
RECORD_STATES = (QUEUED, ACCEPTED, ACCEPTED_WITH_ERRORS, REJECTED, CORRECTED, REFUSED)


class AeatBatch(Base):
    """One RegFactuSistemaFacturacion message sent to the AEAT, with its overall answer."""

    __tablename__ = "aeat_batches"
    __table_args__ = (Index("ix_aeat_batches_issuer", "issuer_tax_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_tax_id: Mapped[str] = mapped_column(String(32))
    environment: Mapped[str] = mapped_column(String(12))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    records: Mapped[int] = mapped_column(Integer)
    incidencia: Mapped[bool] = mapped_column(default=False)
    # EstadoEnvio (Correcto, ParcialmenteCorrecto, Incorrecto), or '' while there is no answer
    # (connection lost, SOAP Fault).
    status: Mapped[str] = mapped_column(String(24), default="")
    csv: Mapped[str] = mapped_column(String(64), default="")
    # TiempoEsperaEnvio of the answer: seconds before the next message may go.
    wait_seconds: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")


class RecordSubmission(Base):
    """The AEAT's state of one record: queued, accepted, accepted with errors, rejected."""

    __tablename__ = "invoice_record_submissions"

    record_id: Mapped[int] = mapped_column(ForeignKey("invoice_records.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(24), default=QUEUED, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("aeat_batches.id"), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Sent after an outage (Cabecera RemisionVoluntaria/Incidencia=S).
    incidencia: Mapped[bool] = mapped_column(default=False)
    error_code: Mapped[str] = mapped_column(String(8), default="")
    error_description: Mapped[str] = mapped_column(Text, default="")
    # CSV of the submission that registered it (the AEAT asks the SIF to keep it).
    csv: Mapped[str] = mapped_column(String(64), default="")
    answered_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
