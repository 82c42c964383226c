"""Sends the queued VERI*FACTU records to the AEAT, in batches, honouring its flow control.

Orden HAC/1177/2024 art. 16.2 (quoted in Servicio web v1.0.0 §6.4.4.1): after a message, wait
TiempoEsperaEnvio seconds (60 at first; each answer may change it) or until 1,000 records are
waiting, whichever comes first. Records sent well after they were written (after an outage)
go in messages of their own marked Incidencia=S. Offline, a dropped connection, a Server
fault or a throttle: the records stay queued and go again later; nothing is lost, and a record
the AEAT did receive is answered as a duplicate the second time, never registered twice.
"""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from omsdesk.db import Database
from omsdesk.invoicing.verifactu_xml import submission
from omsdesk.models.aeat import ACCEPTED, ACCEPTED_WITH_ERRORS, REJECTED
from omsdesk.models.base import utcnow
from omsdesk.services.invoicing.aeat import AeatSettings, aeat_settings_in
from omsdesk.services.invoicing.aeat_answers import (
    QueuedRecord,
    RecordOutcome,
    attempts_so_far,
    due_records,
    next_send_allowed,
    open_batch,
    queued_count,
    recover_expired_claims,
    settle_answer,
    settle_no_answer,
    settle_refused,
)
from omsdesk.sync.aeat.settings import endpoint_for, https_transport
from omsdesk.sync.aeat.soap import (
    AeatBadAnswer,
    AeatFault,
    Answer,
    LineAnswer,
    envelope,
    parse_answer,
)
from omsdesk.sync.aeat.transport import Transport
from omsdesk.sync.errors import SyncError
from omsdesk.sync.redaction import redact
from omsdesk.sync.secrets import SecretUnavailable

log = logging.getLogger(__name__)

TransportFactory = Callable[[AeatSettings], Transport]
_STATES = {"Correcto": ACCEPTED, "AceptadoConErrores": ACCEPTED_WITH_ERRORS, "Incorrecto": REJECTED}
# EstadoRegistroSFType: what the AEAT holds for a record it reports as a duplicate.
_DUPLICATE_STATES = {"Correcta": ACCEPTED, "AceptadaConErrores": ACCEPTED_WITH_ERRORS,
                     "Anulada": ACCEPTED}


# SuministroLR.xsd: RegistroFactura maxOccurs="1000"; art. 16.2 lets a full message go at once.
FULL_MESSAGE = 1000


def must_wait(now: datetime, allowed: datetime | None, waiting: int) -> bool:
    """Art. 16.2 c): wait until TiempoEsperaEnvio has passed since the last message, or until a
    full message (1,000 records) is waiting, whichever comes first."""
    return allowed is not None and now < allowed and waiting < FULL_MESSAGE


@dataclass(frozen=True)
class AeatPolicy:
    max_records: int = FULL_MESSAGE  # records per message (tests use fewer)
    first_wait: int = 60  # art. 16.2: "tomará inicialmente el valor de 60 segundos"
    # Sent later than this after being written: the sender was held back by an outage.
    # Normal sending is within one wait (60 s) plus one scheduler pass.
    late_after: timedelta = timedelta(minutes=4)
    lease: timedelta = timedelta(minutes=5)
    base_delay: timedelta = timedelta(seconds=60)
    max_delay: timedelta = timedelta(hours=1)


@dataclass
class AeatSendReport:
    """What one sending pass did."""

    environment: str = ""
    endpoint: str = ""
    configured: bool = True
    batches: int = 0
    sent: int = 0
    accepted: int = 0
    accepted_with_errors: int = 0
    rejected: int = 0
    refused: int = 0
    unanswered: int = 0  # sent without a usable answer: queued again
    waiting: int = 0  # still queued after the pass
    next_send_at: datetime | None = None
    error: str = ""

    @property
    def status(self) -> str:
        if not self.configured:
            return "not configured"
        if self.error and not self.batches:
            return "failed"
        if self.error or self.rejected or self.refused:
            return "partial"
        return "ok"


def late_runs(records: Sequence[QueuedRecord], now: datetime,
              late_after: timedelta) -> list[tuple[bool, list[QueuedRecord]]]:
    """Consecutive records of one issuer with the same lateness, in chain order."""
    runs: list[tuple[bool, list[QueuedRecord]]] = []
    for r in records:
        late = now - r.generated_at > late_after
        if runs and runs[-1][0] == late and runs[-1][1][0].issuer_tax_id == r.issuer_tax_id:
            runs[-1][1].append(r)
        else:
            runs.append((late, [r]))
    return runs


def outcomes(records: Sequence[QueuedRecord], answer: Answer) -> tuple[list[RecordOutcome],
                                                                        list[QueuedRecord]]:
    """Each record's outcome from the answer's lines, and the records it says nothing about."""
    lines: dict[tuple[str, str, str], list[LineAnswer]] = defaultdict(list)
    for line in answer.lines:
        lines[(line.num_serie, line.issue_date, line.operation)].append(line)
    done: list[RecordOutcome] = []
    silent: list[QueuedRecord] = []
    for r in records:
        found = lines.get((r.num_serie, r.issue_date, r.operation))
        if not found:
            if answer.status == "Correcto":
                done.append(RecordOutcome(r.record_id, ACCEPTED))  # all correct, no detail
            else:
                silent.append(r)
            continue
        line = found.pop(0)
        if line.duplicate_state:
            # Already registered (an earlier send whose answer was lost): its state there.
            done.append(RecordOutcome(r.record_id, _DUPLICATE_STATES.get(line.duplicate_state,
                                                                         ACCEPTED),
                                      line.code, f"duplicate: {line.description}".strip()))
            continue
        done.append(RecordOutcome(r.record_id, _STATES.get(line.state, REJECTED), line.code,
                                  line.description))
    return done, silent


class AeatSender:
    """Delivers the outbox's VERI*FACTU records of one database to the AEAT."""

    def __init__(self, db: Database, transport_factory: TransportFactory | None = None, *,
                 policy: AeatPolicy = AeatPolicy(), now: Callable[[], datetime] = utcnow,
                 rng: Callable[[], float] = random.random) -> None:
        self.db = db
        self.transport_factory = transport_factory or https_transport
        self.policy = policy
        self.now = now
        self.rng = rng

    def send(self) -> AeatSendReport:
        """Send what is due now; never raises for the AEAT's or the network's trouble."""
        with self.db.write() as s:
            settings = aeat_settings_in(s)
        report = AeatSendReport(settings.environment,
                                endpoint_for(settings.environment).describe(), settings.configured)
        if not settings.configured:
            with self.db.read() as s:
                report.waiting = queued_count(s)
            return report
        recover_expired_claims(self.db, self.now())
        transport: Transport | None = None
        try:
            transport = self.transport_factory(settings)
            self._pass(settings, transport, report)
        except (SyncError, SecretUnavailable) as exc:
            report.error = redact(str(exc))
        finally:
            if transport is not None:
                transport.close()
        with self.db.read() as s:
            report.waiting = queued_count(s)
        return report

    def _pass(self, settings: AeatSettings, transport: Transport, report: AeatSendReport) -> None:
        while True:
            now = self.now()
            with self.db.read() as s:
                due = due_records(s, now, FULL_MESSAGE)
                allowed = next_send_allowed(s, settings.issuer_tax_id, settings.environment)
            if not due:
                return
            if must_wait(now, allowed, len(due)):
                report.next_send_at = allowed
                return
            due = due[:self.policy.max_records]
            late, batch = late_runs(due, now, self.policy.late_after)[0]
            if not self._send_batch(settings, transport, batch, late, report):
                return

    def _send_batch(self, settings: AeatSettings, transport: Transport,
                    batch: list[QueuedRecord], late: bool, report: AeatSendReport) -> bool:
        """One message; False when the pass must stop (no answer, refused)."""
        now = self.now()
        body = submission(settings.issuer_name, batch[0].issuer_tax_id, [r.xml for r in batch],
                          incidencia=late)
        message = envelope(body)
        batch_id = open_batch(self.db, batch, environment=settings.environment, incidencia=late,
                              now=now, lease=self.policy.lease)
        report.batches += 1
        report.sent += len(batch)
        try:
            answer = parse_answer(transport.post(message))
        except AeatFault as exc:
            if exc.client:
                # Servicio web §5.1: the message is wrong; sending it again cannot help.
                settle_refused(self.db, batch_id, batch, error=str(exc), now=self.now())
                report.refused += len(batch)
                report.error = str(exc)
                return False
            return self._no_answer(batch_id, batch, str(exc), report)
        except (AeatBadAnswer, SyncError) as exc:
            return self._no_answer(batch_id, batch, str(exc), report)
        done, silent = outcomes(batch, answer)
        settle_answer(self.db, batch_id, done, batch, status=answer.status, csv=answer.csv,
                      wait_seconds=answer.wait_seconds, now=self.now())
        for o in done:
            if o.state == ACCEPTED:
                report.accepted += 1
            elif o.state == ACCEPTED_WITH_ERRORS:
                report.accepted_with_errors += 1
            else:
                report.rejected += 1
        if silent:
            self._no_answer(None, silent, "the AEAT's answer did not mention these records", report)
        log.info("AEAT: message %d, %d record(s): %s, wait %d s", batch_id, len(batch),
                 answer.status, answer.wait_seconds)
        return True

    def _no_answer(self, batch_id: int | None, batch: list[QueuedRecord], error: str,
                   report: AeatSendReport) -> bool:
        with self.db.read() as s:
            attempts = attempts_so_far(s, [r.message_id for r in batch])
        # Backoff doubling per failed attempt; at least the first wait (a throttle says "later").
        delay = min(self.policy.base_delay * (2 ** min(attempts, 10)), self.policy.max_delay)
        retry_at = self.now() + delay * (0.75 + 0.5 * self.rng())
        settle_no_answer(self.db, batch_id, batch, error=redact(error), retry_at=retry_at)
        report.unanswered += len(batch)
        report.error = redact(error)
        report.next_send_at = retry_at
        return False
