"""The AEAT side of each record: which are due, claiming them for a message, storing the answer.

Each step is one transaction that moves the outbox messages and the per-record answers together,
so a crash between two steps leaves every record either still queued or answered, never lost:
a message claimed but not answered goes back to the queue (lease, or the next sync-lock holder),
and sending it again is harmless because the AEAT answers a record it already holds as a
duplicate, with its registered state (RespuestaSuministro.xsd, RegistroDuplicado).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from omsdesk.db import Database
from omsdesk.invoicing.verifactu import ALTA
from omsdesk.models import OutboxMessage
from omsdesk.models.aeat import QUEUED, REFUSED, AeatBatch, RecordSubmission
from omsdesk.models.invoice import InvoiceRecord
from omsdesk.services.invoicing.records import OUTBOX_TOPIC

PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"


@dataclass(frozen=True)
class QueuedRecord:
    """A record waiting for the AEAT, with what the message and the answer's matching need."""

    message_id: int
    record_id: int
    issuer_tax_id: str
    num_serie: str
    issue_date: str
    operation: str  # TipoOperacion of the answer: 'Alta' or 'Anulacion'
    generated_at: datetime
    xml: str


@dataclass(frozen=True)
class RecordOutcome:
    record_id: int
    state: str  # models.aeat ACCEPTED, ACCEPTED_WITH_ERRORS or REJECTED
    code: str = ""
    description: str = ""


def recover_expired_claims(db: Database, now: datetime) -> int:
    """Give back records claimed by a sender that stopped before the answer (lease run out)."""
    with db.write() as s:
        result = s.execute(update(OutboxMessage).where(
            OutboxMessage.topic == OUTBOX_TOPIC, OutboxMessage.status == SENDING,
            OutboxMessage.next_attempt_at <= now).values(status=PENDING)
            .execution_options(synchronize_session=False))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def due_records(session: Session, now: datetime, limit: int) -> list[QueuedRecord]:
    """The oldest records due for sending, in chain order (the order they were written)."""
    rows = session.execute(
        select(OutboxMessage.id, InvoiceRecord)
        .join(InvoiceRecord, InvoiceRecord.id == OutboxMessage.payload["record_id"].as_integer())
        .where(OutboxMessage.topic == OUTBOX_TOPIC, OutboxMessage.status == PENDING,
               OutboxMessage.next_attempt_at <= now)
        .order_by(InvoiceRecord.id).limit(limit))
    return [QueuedRecord(mid, r.id, r.issuer_tax_id, r.num_serie, r.issue_date,
                         "Alta" if r.kind == ALTA else "Anulacion",
                         datetime.fromisoformat(r.generated_at), r.xml) for mid, r in rows]


def queued_count(session: Session) -> int:
    """Records still waiting for the AEAT (due now or later, or being sent)."""
    return int(session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.topic == OUTBOX_TOPIC, OutboxMessage.status.in_((PENDING, SENDING)))) or 0)


def attempts_so_far(session: Session, message_ids: Sequence[int]) -> int:
    """The most failed attempts among these records' messages."""
    return int(session.scalar(select(func.max(OutboxMessage.attempts)).where(
        OutboxMessage.id.in_(list(message_ids)))) or 0)


def next_send_allowed(session: Session, issuer_tax_id: str, environment: str) -> datetime | None:
    """When the last answer's TiempoEsperaEnvio runs out (None before any answer)."""
    last = session.scalar(select(AeatBatch).where(
        AeatBatch.issuer_tax_id == issuer_tax_id, AeatBatch.environment == environment,
        AeatBatch.wait_seconds.is_not(None)).order_by(AeatBatch.id.desc()).limit(1))
    if last is None or last.wait_seconds is None:
        return None
    return last.sent_at + timedelta(seconds=last.wait_seconds)


def open_batch(db: Database, records: Sequence[QueuedRecord], *, environment: str,
               incidencia: bool, now: datetime, lease: timedelta) -> int:
    """Claim the records' messages for one message to the AEAT and note the attempt."""
    with db.write() as s:
        batch = AeatBatch(issuer_tax_id=records[0].issuer_tax_id, environment=environment,
                          sent_at=now, records=len(records), incidencia=incidencia)
        s.add(batch)
        s.flush()
        s.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.message_id for r in records]))
                  .values(status=SENDING, next_attempt_at=now + lease)
                  .execution_options(synchronize_session=False))
        known = {sub.record_id: sub for sub in s.scalars(select(RecordSubmission).where(
            RecordSubmission.record_id.in_([r.record_id for r in records])))}
        for r in records:
            # Records written before submission existed have no row yet.
            sub = known.get(r.record_id) or RecordSubmission(record_id=r.record_id, attempts=0)
            sub.batch_id, sub.attempts, sub.incidencia = batch.id, (sub.attempts or 0) + 1, incidencia
            s.add(sub)
        return batch.id


def settle_answer(db: Database, batch_id: int, outcomes: Sequence[RecordOutcome],
                  records: Sequence[QueuedRecord], *, status: str, csv: str, wait_seconds: int,
                  now: datetime) -> None:
    """Store the AEAT's answer: each answered record's state, and the message as delivered."""
    by_record = {o.record_id: o for o in outcomes}
    with db.write() as s:
        batch = s.get(AeatBatch, batch_id)
        assert batch is not None
        batch.status, batch.csv, batch.wait_seconds = status, csv, wait_seconds
        for sub in s.scalars(select(RecordSubmission).where(
                RecordSubmission.record_id.in_(list(by_record)))):
            o = by_record[sub.record_id]
            sub.state, sub.error_code, sub.error_description = o.state, o.code, o.description[:1500]
            sub.csv = csv if o.state != "rejected" else ""
            sub.answered_at = now
        answered = [r.message_id for r in records if r.record_id in by_record]
        if answered:
            s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(answered))
                      .values(status=DELIVERED, delivered_at=now, last_error="")
                      .execution_options(synchronize_session=False))


def settle_no_answer(db: Database, batch_id: int | None, records: Sequence[QueuedRecord], *,
                     error: str, retry_at: datetime) -> None:
    """No usable answer (connection lost, Server fault, throttled): the records wait again."""
    with db.write() as s:
        batch = s.get(AeatBatch, batch_id) if batch_id is not None else None
        if batch is not None:
            batch.error = error[:2000]
        for msg in s.scalars(select(OutboxMessage).where(
                OutboxMessage.id.in_([r.message_id for r in records]))):
            msg.status, msg.attempts = PENDING, msg.attempts + 1
            msg.next_attempt_at, msg.last_error = retry_at, error[:2000]
        s.execute(update(RecordSubmission).where(
            RecordSubmission.record_id.in_([r.record_id for r in records]))
            .values(state=QUEUED).execution_options(synchronize_session=False))


def settle_refused(db: Database, batch_id: int, records: Sequence[QueuedRecord], *,
                   error: str, now: datetime) -> None:
    """The AEAT refused the whole message (Fault soapenv:Client): park it, keep the reason."""
    with db.write() as s:
        batch = s.get(AeatBatch, batch_id)
        assert batch is not None
        batch.error = error[:2000]
        s.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.message_id for r in records]))
                  .values(status=FAILED, last_error=error[:2000])
                  .execution_options(synchronize_session=False))
        s.execute(update(RecordSubmission).where(
            RecordSubmission.record_id.in_([r.record_id for r in records]))
            .values(state=REFUSED, error_description=error[:1500], answered_at=now)
            .execution_options(synchronize_session=False))


def requeue_refused(db: Database, now: datetime) -> int:
    """Queue again records whose whole message the AEAT refused (after fixing the cause)."""
    with db.write() as s:
        ids = list(s.scalars(select(RecordSubmission.record_id).where(
            RecordSubmission.state == REFUSED)))
        if not ids:
            return 0
        s.execute(update(RecordSubmission).where(RecordSubmission.record_id.in_(ids))
                  .values(state=QUEUED).execution_options(synchronize_session=False))
        result = s.execute(update(OutboxMessage).where(
            OutboxMessage.topic == OUTBOX_TOPIC, OutboxMessage.status == FAILED,
            OutboxMessage.payload["record_id"].as_integer().in_(ids))
            .values(status=PENDING, attempts=0, next_attempt_at=now)
            .execution_options(synchronize_session=False))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
