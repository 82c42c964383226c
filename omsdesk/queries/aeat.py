"""Read side of VERI*FACTU submission: each record's state at the AEAT, and the counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omsdesk.models import OutboxMessage
from omsdesk.models.aeat import QUEUED, RecordSubmission
from omsdesk.models.invoice import InvoiceRecord


@dataclass(frozen=True)
class RecordState:
    record_id: int
    number: str
    kind: str
    generated_at: str
    state: str
    csv: str
    error_code: str
    error_description: str
    attempts: int
    incidencia: bool
    correction: str  # '', 'subsanacion', 'rechazo previo'
    next_attempt: str  # when a queued record goes next (ISO, UTC), '' otherwise


def record_states(session: Session, *, limit: int = 200, state: str | None = None) -> list[RecordState]:
    """Newest records first, with what the AEAT answered (queued when it has not yet)."""
    stmt = (select(InvoiceRecord, RecordSubmission, OutboxMessage.next_attempt_at,
                   OutboxMessage.status)
            .outerjoin(RecordSubmission, RecordSubmission.record_id == InvoiceRecord.id)
            .outerjoin(OutboxMessage, (OutboxMessage.topic == "verifactu.record")
                       & (OutboxMessage.payload["record_id"].as_integer() == InvoiceRecord.id))
            .order_by(InvoiceRecord.id.desc()).limit(limit))
    if state is not None:
        stmt = stmt.where(func.coalesce(RecordSubmission.state, QUEUED) == state)
    rows = []
    for rec, sub, next_at, status in session.execute(stmt):
        correction = ("rechazo previo" if rec.rechazo_previo else
                      "subsanacion" if rec.subsanacion else "")
        st = sub.state if sub is not None else QUEUED
        rows.append(RecordState(
            rec.id, rec.num_serie, rec.kind, rec.generated_at, st,
            sub.csv if sub else "", sub.error_code if sub else "",
            sub.error_description if sub else "", sub.attempts if sub else 0,
            bool(sub.incidencia) if sub else False, correction,
            next_at.isoformat() if st == QUEUED and next_at is not None and status == "pending" else ""))
    return rows


def state_counts(session: Session) -> dict[str, int]:
    """Records per AEAT state (a record without an answer row counts as queued)."""
    counts: dict[str, int] = {}
    for st, n in session.execute(
            select(func.coalesce(RecordSubmission.state, QUEUED), func.count())
            .select_from(InvoiceRecord)
            .outerjoin(RecordSubmission, RecordSubmission.record_id == InvoiceRecord.id)
            .group_by(func.coalesce(RecordSubmission.state, QUEUED))):
        counts[str(st)] = int(n)
    return counts
